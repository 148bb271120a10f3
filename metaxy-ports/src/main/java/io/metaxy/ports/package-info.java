/**
 * The ports of Metaxy's hexagon: what storage adapters implement and applications call. Only JDK
 * and Metaxy domain types cross these interfaces.
 */
package io.metaxy.ports;
