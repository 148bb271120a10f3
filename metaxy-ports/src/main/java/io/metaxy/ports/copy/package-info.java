/**
 * Copying feature metadata from one store to another through the ports, keeping feature versions,
 * resumable by re-running.
 */
package io.metaxy.ports.copy;
