/** The exception hierarchy: one unchecked root with error codes, one subclass per condition. */
package io.metaxy.domain.error;
