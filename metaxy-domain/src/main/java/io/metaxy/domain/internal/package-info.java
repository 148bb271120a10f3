/**
 * Helpers of the domain that are not API: validation combinators over vavr's {@code Validation},
 * which stay inside the domain (no public domain signature and no port or adapter uses vavr).
 */
package io.metaxy.domain.internal;
