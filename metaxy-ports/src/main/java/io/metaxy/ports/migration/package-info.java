/** The schema-migration port (system and feature tables, separate histories). */
package io.metaxy.ports.migration;
