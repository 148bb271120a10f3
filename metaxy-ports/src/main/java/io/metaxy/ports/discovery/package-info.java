/** Feature discovery SPIs used by {@code Metaxy.init()}: feature sets and package scanners. */
package io.metaxy.ports.discovery;
