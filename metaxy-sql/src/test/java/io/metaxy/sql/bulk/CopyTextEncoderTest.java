package io.metaxy.sql.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The text format of {@code COPY}/{@code LOAD DATA}: decoding what {@link CopyTextEncoder} wrote by
 * the format's rules (fields split at unescaped tabs, rows at unescaped newlines, {@code \N} null,
 * backslash escapes) gives back every value.
 */
class CopyTextEncoderTest {

  @Provide
  Arbitrary<List<List<Object>>> rows() {
    Arbitrary<Object> text =
        Arbitraries.strings()
            .withChars('a', 'Z', ',', '"', '\'', '\\', '\t', '\n', '\r', 'N', '.', ' ', 'é', '✓')
            .withCharRange('\u0100', '\u04ff')
            .ofMaxLength(12)
            .map(s -> (Object) s);
    Arbitrary<Object> unicode = Arbitraries.strings().all().ofMaxLength(6).map(s -> (Object) s);
    Arbitrary<Object> whole = Arbitraries.longs().map(l -> (Object) l);
    Arbitrary<Object> none = Arbitraries.just(null);
    Arbitrary<Object> value = Arbitraries.oneOf(text, unicode, whole, none);
    return value.list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(8);
  }

  @Property
  void decodingTheEncodedRowsGivesThemBack(@ForAll("rows") List<List<Object>> rows) {
    CopyTextEncoder enc = new CopyTextEncoder(8, false);
    for (List<Object> r : rows) {
      enc.row(r.toArray(), null);
    }
    List<List<String>> back = decode(enc.toByteArray());
    assertThat(back).hasSameSizeAs(rows);
    for (int i = 0; i < rows.size(); i++) {
      List<String> expected = new ArrayList<>();
      for (Object v : rows.get(i)) {
        expected.add(v == null ? null : utf8(v.toString()));
      }
      assertThat(back.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void timestampsHaveMicrosecondsAndTimeZoneColumnsOffsetUtc() {
    CopyTextEncoder enc = new CopyTextEncoder(8, true);
    LocalDateTime t = LocalDateTime.of(2024, 2, 29, 7, 5, 9, 123_456_789);
    enc.row(
        new Object[] {t, t, true, false, new byte[] {1, (byte) 0xab}},
        new boolean[] {false, true, false, false, false});
    assertThat(new String(enc.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo("2024-02-29 07:05:09.123456\t2024-02-29 07:05:09.123456+00\t1\t0\t\\\\x01ab\n");
  }

  /** A lone surrogate is encoded as Java's UTF-8 encoder does ('?'). */
  private static String utf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** The text format's reader: what PostgreSQL and MariaDB do with the bytes. */
  static List<List<String>> decode(byte[] bytes) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    ByteArrayOutputStream field = new ByteArrayOutputStream();
    boolean isNull = false;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        byte n = bytes[++i];
        switch (n) {
          case 't' -> field.write('\t');
          case 'n' -> field.write('\n');
          case 'r' -> field.write('\r');
          case '\\' -> field.write('\\');
          case 'N' -> isNull = true;
          default ->
              throw new AssertionError(
                  "unexpected escape \\" + (char) n + " in " + Arrays.toString(bytes));
        }
      } else if (b == '\t' || b == '\n') {
        row.add(isNull ? null : field.toString(StandardCharsets.UTF_8));
        field.reset();
        isNull = false;
        if (b == '\n') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        assertThat(b).as("raw newline or carriage return in a field").isNotEqualTo((byte) '\r');
        field.write(b);
      }
    }
    assertThat(row).as("the last row ends with a newline").isEmpty();
    return rows;
  }
}
