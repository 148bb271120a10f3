/** The filter grammar: parser, expression tree and an in-memory evaluator. */
package io.metaxy.domain.filter;
