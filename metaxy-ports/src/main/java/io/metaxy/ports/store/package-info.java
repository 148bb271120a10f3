/** The metadata store port and its capability interfaces and options. */
package io.metaxy.ports.store;
