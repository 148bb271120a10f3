/**
 * The JSON tree form of feature definitions (docs/semantics.md §7) and canonical JSON for spec
 * versions.
 */
package io.metaxy.domain.json;
