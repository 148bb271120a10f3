/** Hash algorithms, truncation and the JDK-backed hashers. */
package io.metaxy.domain.hash;
