package io.metaxy.domain.internal;

import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.vavr.Tuple;
import io.vavr.Tuple0;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Validation of specs and graphs as values: every rule yields a {@code Validation} that is either
 * the checked value or the problems it found, and combining them keeps every problem of every rule
 * (in rule order), so a definition reports all its mistakes at once.
 */
public final class Checks {
  private Checks() {}

  /** A passed check holding {@code value}. */
  public static <T> Validation<Seq<Problem>, T> ok(T value) {
    return Validation.valid(value);
  }

  /** A failed check with one problem. */
  public static <T> Validation<Seq<Problem>, T> fail(Problem problem) {
    return Validation.invalid(List.of(problem));
  }

  /** Passes when {@code ok}, else fails with the supplied problem. */
  public static Validation<Seq<Problem>, Tuple0> require(boolean ok, Supplier<Problem> problem) {
    return ok ? Validation.valid(Tuple.empty()) : fail(problem.get());
  }

  /** Runs {@code check} on every value in order; passes with every result or fails with all. */
  public static <T, U> Validation<Seq<Problem>, Seq<U>> each(
      Iterable<? extends T> values, Function<? super T, Validation<Seq<Problem>, U>> check) {
    return Validation.traverse(values, check);
  }

  /** Passes when every check passed; otherwise fails with the problems of all of them, in order. */
  @SafeVarargs
  public static Validation<Seq<Problem>, Tuple0> all(Validation<Seq<Problem>, ?>... checks) {
    return Validation.<Problem, Object>sequence(List.of(checks)).map(ignored -> Tuple.empty());
  }

  /** The problems of a check, empty when it passed. */
  public static java.util.List<Problem> problems(Validation<Seq<Problem>, ?> check) {
    return check.isValid() ? java.util.List.of() : check.getError().toJavaList();
  }

  /**
   * The checked value.
   *
   * @throws InvalidSpecException with every problem when the check failed
   */
  public static <T> T orThrow(Validation<Seq<Problem>, T> check) {
    if (check.isInvalid()) {
      throw new InvalidSpecException(check.getError().toJavaList());
    }
    return check.get();
  }
}
