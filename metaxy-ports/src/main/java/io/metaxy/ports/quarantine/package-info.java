/**
 * Error quarantine: samples whose computation failed are recorded (as rows of a Metaxy-managed
 * feature written through the ports, ADR-0007) and left out of the increment until their expected
 * provenance changes or they are released.
 */
package io.metaxy.ports.quarantine;
