/** JSON text codec for feature definitions (Jackson), kept out of the pure domain. */
package io.metaxy.json;
