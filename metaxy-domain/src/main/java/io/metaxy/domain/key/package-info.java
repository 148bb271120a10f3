/** Feature and field keys: parsing, validation, table and struct names. */
package io.metaxy.domain.key;
