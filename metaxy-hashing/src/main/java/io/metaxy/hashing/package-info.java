/**
 * JVM-side row hashing: {@link io.metaxy.hashing.StandardRowHashing} implements the hashing port.
 */
package io.metaxy.hashing;
