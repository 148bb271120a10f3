/** Kit internals: the independent provenance oracle, test graphs and shared vectors. Not API. */
package io.metaxy.tck.internal;
