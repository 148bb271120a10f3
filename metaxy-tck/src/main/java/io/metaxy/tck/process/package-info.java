/**
 * Multi-process and crash tests of stores: {@link io.metaxy.tck.process.ChildJvm} starts a JVM on
 * the test's own class path, {@link io.metaxy.tck.process.StoreWriterMain} opens a store from a
 * provider type and config in that JVM and writes rows, reporting each write call on stdout.
 */
package io.metaxy.tck.process;
