/** Hash function implementations not offered by the libraries used (XXH32). Not API. */
package io.metaxy.hashing.internal;
