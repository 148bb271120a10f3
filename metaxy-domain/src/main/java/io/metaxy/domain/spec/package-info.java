/** Feature and field specifications, dependencies, lineage and fields mappings. */
package io.metaxy.domain.spec;
