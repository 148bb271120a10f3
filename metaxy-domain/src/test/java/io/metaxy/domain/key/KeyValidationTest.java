package io.metaxy.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key rules of docs/semantics.md §1: each violation names the key, the part and the rule. */
class KeyValidationTest {

  static Stream<Arguments> badFeatureKeys() {
    return Stream.of(
        Arguments.of("video//processing", "", "parts must be non-empty"),
        Arguments.of("/video", "", "parts must be non-empty"),
        Arguments.of("video/", "", "parts must be non-empty"),
        Arguments.of("video/pro__cessing", "pro__cessing", "must not contain '__'"),
        Arguments.of("Video/processing", "Video", "the first part must match [a-z_][a-z0-9_-]*"),
        Arguments.of("1video", "1video", "the first part must match [a-z_][a-z0-9_-]*"),
        Arguments.of("-video", "-video", "the first part must match [a-z_][a-z0-9_-]*"),
        Arguments.of("video/Proc", "Proc", "later parts must match [a-z0-9_][a-z0-9_-]*"),
        Arguments.of("video/-proc", "-proc", "later parts must match [a-z0-9_][a-z0-9_-]*"),
        Arguments.of("video/pro.c", "pro.c", "later parts must match [a-z0-9_][a-z0-9_-]*"),
        Arguments.of("video/pro c", "pro c", "later parts must match [a-z0-9_][a-z0-9_-]*"));
  }

  @ParameterizedTest
  @MethodSource("badFeatureKeys")
  void badFeatureKeyNamesKeyPartAndRule(String key, String part, String rule) {
    assertThatThrownBy(() -> FeatureKey.of(key))
        .isInstanceOfSatisfying(
            InvalidKeyException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_KEY);
              assertThat(e.key()).isEqualTo(key);
              assertThat(e.part()).isEqualTo(part);
            })
        .hasMessageContaining("[MX001]")
        .hasMessageContaining("Invalid feature key \"" + key + "\"")
        .hasMessageContaining("part \"" + part + "\"")
        .hasMessageContaining(rule);
  }

  @ParameterizedTest
  @MethodSource("badFeatureKeys")
  void badFieldKeysBreakTheSameRules(String key, String part, String rule) {
    assertThatThrownBy(() -> FieldKey.of(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("Invalid field key \"" + key + "\"")
        .hasMessageContaining("part \"" + part + "\"")
        .hasMessageContaining(rule);
  }

  @Test
  void partContainingSlashIsRejectedWhenGivenAsParts() {
    assertThatThrownBy(() -> FeatureKey.ofParts("video", "a/b"))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("part \"a/b\"")
        .hasMessageContaining("a part must not contain '/'")
        .asInstanceOf(type(InvalidKeyException.class))
        .extracting(InvalidKeyException::part)
        .isEqualTo("a/b");
    assertThatThrownBy(() -> FieldKey.ofParts(List.of("x/y")))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("a part must not contain '/'");
  }

  @Test
  void emptyPartGivenAsParts() {
    assertThatThrownBy(() -> FeatureKey.ofParts("video", ""))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("parts must be non-empty");
    assertThatThrownBy(() -> FeatureKey.ofParts(Arrays.asList("video", null)))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("parts must be non-empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void emptyKeyIsRejected(String key) {
    assertThatThrownBy(() -> FeatureKey.of(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("feature key must not be empty");
    assertThatThrownBy(() -> FieldKey.of(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("field key must not be empty");
    assertThatThrownBy(() -> FeatureKey.ofParts(List.of()))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("at least one part");
    assertThatThrownBy(() -> FeatureKey.of(null)).isInstanceOf(InvalidKeyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"_video", "v", "video-2/x", "a/0b", "a/_b", "a/b-c/d_e", "x9/9x"})
  void validKeysParse(String key) {
    assertThat(FeatureKey.of(key).toString()).isEqualTo(key);
    assertThat(FieldKey.of(key).toString()).isEqualTo(key);
    assertThat(FeatureKey.ofParts(Arrays.asList(key.split("/")))).isEqualTo(FeatureKey.of(key));
  }

  @Test
  void derivedNames() {
    FeatureKey k = FeatureKey.of("video/pre-processing/v2");
    assertThat(k.parts()).containsExactly("video", "pre-processing", "v2");
    assertThat(k.tableName()).isEqualTo("video__pre_processing__v2");
    assertThat(FeatureKey.of("video/processing").tableName()).isEqualTo("video__processing");
    assertThat(k.structKey()).isEqualTo("video_pre-processing_v2");
    assertThat(FieldKey.of("audio/left").structKey()).isEqualTo("audio_left");
    assertThat(FieldRef.of("example/video", "audio").toString()).isEqualTo("example/video.audio");
  }

  @Test
  void featureAndFieldKeysAreDistinctTypes() {
    assertThat((Object) FeatureKey.of("audio")).isNotEqualTo(FieldKey.of("audio"));
  }

  @Test
  void orderings() {
    // string order: '-' (0x2d) sorts before '/' (0x2f); part order compares "a" with "a-c" first.
    FeatureKey ab = FeatureKey.of("a/b");
    FeatureKey ac = FeatureKey.of("a-c");
    assertThat(ac.compareTo(ab)).isNegative();
    assertThat(FeatureKey.BY_PARTS.compare(ab, ac)).isNegative();
    assertThat(FeatureKey.BY_PARTS.compare(FeatureKey.of("a"), FeatureKey.of("a/b"))).isNegative();
    assertThat(FieldRef.of("a/b", "x").compareTo(FieldRef.of("a/b", "y"))).isNegative();
  }
}
