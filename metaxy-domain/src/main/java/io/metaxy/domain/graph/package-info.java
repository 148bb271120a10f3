/** The validated feature graph and its graph-level versions. */
package io.metaxy.domain.graph;
