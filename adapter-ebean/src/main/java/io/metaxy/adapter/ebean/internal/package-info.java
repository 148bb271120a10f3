/** Implementation details of the Ebean adapter: SQL dialects, reflection, JDBC helpers. Not API. */
package io.metaxy.adapter.ebean.internal;
