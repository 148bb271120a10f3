/** The row-hashing port. */
package io.metaxy.ports.hashing;
