package io.metaxy.domain.provenance;

import io.metaxy.domain.row.Row;
import java.util.Arrays;

/**
 * One joined row of a target's dependencies: the slot of each dependency (by declaration index;
 * {@code null} when an optional dependency has no matching row), and where its key comes from: the
 * driver's join-key entry (inner/left joins) or the full outer join's key entry.
 */
final class Joined {
  final Row[] slots;
  final int entry;

  /**
   * Scratch set by the consuming thread before the row is handed to hashing: its entry in the index
   * a stream filters by (read back by that stream's hashed test).
   */
  int mark;

  Joined(Row[] slots, int entry) {
    this.slots = slots;
    this.entry = entry;
  }

  /** A copy with dependency {@code rel}'s slot set. */
  Joined with(int rel, Row slot) {
    Row[] s = Arrays.copyOf(slots, slots.length);
    s[rel] = slot;
    return new Joined(s, entry);
  }
}
