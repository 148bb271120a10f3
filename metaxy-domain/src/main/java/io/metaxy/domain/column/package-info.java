/** Column descriptors and the ID-column and reserved-name rules. */
package io.metaxy.domain.column;
