package io.metaxy.ports.system;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.json.CanonicalJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key-value tags recorded with a pushed snapshot (e.g. {@code git_commit=abc123}), stored as the
 * JSON text of the {@code tags} column of {@code feature_versions} like Python Metaxy 0.1.11: an
 * object of string values that always holds the reserved tag {@value #RESERVED}, whose value is the
 * JSON text {@code {"version": "0.1.11"}} (the Python Metaxy layout the row follows). Users cannot
 * set the reserved tag.
 */
public final class SnapshotTags {
  /** The tag Metaxy reserves for itself. */
  public static final String RESERVED = "metaxy";

  /** Value of the reserved tag: the Python Metaxy version whose layout the row follows. */
  public static final String RESERVED_VALUE = "{\"version\": \"0.1.11\"}";

  private static final SnapshotTags NONE = new SnapshotTags(Map.of());

  private final Map<String, String> all;

  private SnapshotTags(Map<String, String> all) {
    this.all = Collections.unmodifiableMap(new TreeMap<>(all));
  }

  /** No tags (what a store without a {@code tags} value reads back). */
  public static SnapshotTags none() {
    return NONE;
  }

  /**
   * User tags to push. A blank key, a {@code null} value or the reserved key {@value #RESERVED} is
   * an error naming it.
   */
  public static SnapshotTags of(Map<String, String> user) {
    for (Map.Entry<String, String> e : user.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG, "A snapshot tag needs a non-blank key (got key=value).");
      }
      if (isReserved(e.getKey())) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG,
            "The snapshot tag \""
                + e.getKey()
                + "\" is reserved for Metaxy (\""
                + RESERVED
                + "\" and keys starting with \""
                + RESERVED
                + "-\"): choose another key.");
      }
      if (e.getValue() == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG, "Snapshot tag \"" + e.getKey() + "\" needs a value.");
      }
    }
    return new SnapshotTags(user);
  }

  /**
   * Tags as a store keeps them, reserved ones included (a store merging the user's tags into what a
   * push recorded); not validated.
   */
  public static SnapshotTags withReserved(Map<String, String> all) {
    return new SnapshotTags(all);
  }

  /** True for {@value #RESERVED} and keys starting with {@code metaxy-} (Metaxy's own tags). */
  public static boolean isReserved(String key) {
    return RESERVED.equals(key) || key.startsWith(RESERVED + "-");
  }

  /** Every tag, the reserved one included when present, by key. */
  public Map<String, String> all() {
    return all;
  }

  /** The tags without Metaxy's own ({@link #isReserved}). */
  public Map<String, String> user() {
    Map<String, String> m = new TreeMap<>(all);
    m.keySet().removeIf(SnapshotTags::isReserved);
    return Collections.unmodifiableMap(m);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The column text a push stores: these tags plus the reserved one, keys sorted. */
  public String toColumnJson() {
    Map<String, Object> m = new LinkedHashMap<>(all);
    m.putIfAbsent(RESERVED, RESERVED_VALUE);
    return CanonicalJson.write(m);
  }

  /**
   * Parses the column text (a JSON object; string values are kept, other values are kept as their
   * JSON text). {@code null} or blank gives {@link #none()}; malformed text is an error quoting it.
   */
  public static SnapshotTags parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    return new SnapshotTags(FlatJsonObject.parse(json));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotTags t && t.all.equals(all);
  }

  @Override
  public int hashCode() {
    return all.hashCode();
  }

  @Override
  public String toString() {
    return all.toString();
  }
}
