/** Table naming: feature tables from keys, prefixes, explicit names, system table names. */
package io.metaxy.ports.naming;
