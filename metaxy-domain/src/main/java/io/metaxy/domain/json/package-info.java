/** The JSON tree form of feature definitions (§7) and canonical JSON for spec versions. */
package io.metaxy.domain.json;
