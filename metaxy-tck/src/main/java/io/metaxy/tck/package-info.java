/**
 * The store compatibility kit: {@link io.metaxy.tck.MetadataStoreCompatibilityKit}, the JUnit 5
 * tests every {@code MetadataStore} adapter extends in a class named {@code *CompatibilityTest}.
 */
package io.metaxy.tck;
