/**
 * Data migrations planned from a snapshot diff: which features changed between two graphs, what
 * each step does (rebase or recompute), and applying the plan resumably through the ports.
 */
package io.metaxy.ports.plan;
