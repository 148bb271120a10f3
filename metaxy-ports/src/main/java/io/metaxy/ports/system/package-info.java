/** System tables: graph snapshots, migration events and data migrations. */
package io.metaxy.ports.system;
