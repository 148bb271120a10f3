/** The abstract row representation shared by the engine, the ports and every adapter. */
package io.metaxy.domain.row;
