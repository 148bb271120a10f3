/**
 * Deliberately bad (and good) classes the architecture rules are proven against. Never imported by
 * the rules over the real modules (they live in test classes).
 */
package io.metaxy.archfixture;
