/** Storage structures of the in-memory store. Not API. */
package io.metaxy.adapter.inmemory.internal;
