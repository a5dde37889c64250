package dev.crashguard.errorprone.nullescapingoptional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.errorprone.common.CrashguardChecker;
import dev.crashguard.errorprone.ErrorProneRun;
import dev.crashguard.errorprone.ErrorProneScanner;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd but valid code must neither crash the check nor make it report. The check runs with
 * {@code RethrowErrors}, so an exception it would otherwise swallow fails the test.
 */
final class NullEscapingOptionalRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullEscapingOptional.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void modernLanguageFeaturesRawTypesAndGenerics() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.io.Serializable;
            import java.util.*;
            import java.util.function.*;
            import java.util.stream.*;

            class Odd {
              sealed interface Shape permits Circle, Square {}

              record Circle(double r) implements Shape {}

              record Square(double side) implements Shape {}

              record Holder<T>(Optional<T> value) {
                Holder {
                  value = value == null ? Optional.empty() : value;
                }

                static <T> Holder<T> empty() {
                  return new Holder<>(Optional.empty());
                }
              }

              enum Level {
                LOW(Optional.empty());

                private final Optional<String> label;

                Level(Optional<String> label) {
                  this.label = label;
                }
              }

              interface Repo<T> {
                Optional<T> find(String id);

                default Optional<T> findOrEmpty(String id) {
                  Optional<T> found = find(id);
                  return found == null ? Optional.empty() : found;
                }
              }

              @SuppressWarnings({"rawtypes", "unchecked"})
              Object raw(Optional raw, List list, Map map) {
                Optional other = Optional.ofNullable(list.get(0));
                Object o = raw.orElse("x");
                Stream s = list.stream();
                Object first = s.findFirst();
                return Optional.ofNullable(map.get("a")).orElse(o);
              }

              <T extends Comparable<T>> Optional<T> generic(List<T> items, Function<T, T> f) {
                return items.stream().map(f).min(Comparator.naturalOrder());
              }

              double area(Shape shape) {
                return switch (shape) {
                  case Circle c when c.r() > 10 -> Math.PI * c.r() * c.r();
                  case Circle c -> Math.PI * c.r() * c.r();
                  case Square s -> s.side() * s.side();
                };
              }

              String patterns(Object o) {
                if (o instanceof Optional<?> opt && opt.isPresent()) {
                  return String.valueOf(opt.get());
                }
                return switch (o) {
                  case null -> "null";
                  case String s -> s;
                  default -> "other";
                };
              }

              Supplier<Supplier<Optional<String>>> nestedLambdas() {
                return () -> () -> Optional.of("x").map(v -> v.isEmpty() ? null : v);
              }

              Object intersection() {
                return (Runnable & Serializable) () -> {};
              }

              Optional<String> anonymous() {
                return new Object() {
                  Optional<String> value() {
                    return Optional.of("x");
                  }
                }.value();
              }

              void localClass() {
                class Local {
                  private Optional<String> set = Optional.empty();
                }
                new Local();
              }

              int[] arrays(Optional<int[]> values) {
                int[] copy = values.orElse(new int[0]);
                return copy.clone();
              }

              Optional<String> labeled(List<String> items) {
                outer:
                for (String item : items) {
                  switch (item) {
                    case "a":
                      continue outer;
                    default:
                      break outer;
                  }
                }
                return Optional.empty();
              }

              Optional<?> wildcard(Optional<? extends CharSequence> seq) {
                Optional<?> copy = seq;
                return copy;
              }

              IntStream primitive(int[] values) {
                IntStream.of(values).findFirst();
                return IntStream.of(values);
              }

              OptionalInt optionalInt() {
                return OptionalInt.empty();
              }

              class Inner extends Odd {
                @Override
                Optional<String> anonymous() {
                  return super.anonymous();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * Code with missing types: javac reports them, and Error Prone does not analyse a compilation that has
   * attribution errors. What this test holds is the user-visible part: no crash, no crashguard finding.
   */
  @Test
  void unresolvableTypes(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("Broken.java");
    Files.writeString(
        source,
        """
        import java.util.*;
        import com.example.missing.Lookup;

        class Broken {
          private Optional<Unknown> missing;
          private final Lookup lookup = new Lookup();

          Optional<String> find(String id) {
            return Optional.of(lookup.get(id)).orElse(null).trim();
          }

          Optional<Missing> other() {
            return null;
          }
        }
        """);
    ErrorProneScanner.Result run = ErrorProneRun.compile(List.of(source));
    List<ErrorProneScanner.Report> errors =
        run.reports().stream().filter(r -> r.kind() == Diagnostic.Kind.ERROR).toList();
    assertFalse(errors.isEmpty(), "the source is meant not to compile");
    assertTrue(
        errors.stream().noneMatch(r -> r.raw().contains(ErrorProneScanner.CRASH)), "Error Prone crashed: " + errors);
    assertEquals(List.of(), run.crashguardReports(), "nothing may be reported on code javac cannot attribute");
  }
}
