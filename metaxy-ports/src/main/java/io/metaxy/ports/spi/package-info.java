/** The store provider SPI: discovery of stores by type via ServiceLoader. */
package io.metaxy.ports.spi;
