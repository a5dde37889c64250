package dev.crashguard.errorprone.nullescapingoptional;

import dev.crashguard.errorprone.common.CrashguardChecker;
import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The suggested fixes: input and expected output side by side, and the cases that must get none. TEXT_MATCH
 * (deprecated in the 2.50 helpers) is kept on purpose, as in {@link UnsynchronizedMapWriteFixTest}: it also
 * checks the added imports and that nothing else in the file moves.
 */
@SuppressWarnings("deprecation")
final class NullEscapingOptionalFixTest {

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(NullEscapingOptional.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(NullEscapingOptional.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void returnedNullBecomesEmpty() {
    refactoring
        .addInputLines(
            "A.java",
            """
            import java.util.Optional;
            import java.util.function.Supplier;

            class A {
              final Supplier<Optional<String>> lookup = () -> null;

              Optional<String> find(boolean b) {
                if (b) {
                  return null;
                }
                return b ? Optional.of("x") : null;
              }

              Optional<String> level(int code) {
                return switch (code) {
                  case 1 -> Optional.of("low");
                  default -> null;
                };
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.Optional;
            import java.util.function.Supplier;

            class A {
              final Supplier<Optional<String>> lookup = () -> Optional.empty();

              Optional<String> find(boolean b) {
                if (b) {
                  return Optional.empty();
                }
                return b ? Optional.of("x") : Optional.empty();
              }

              Optional<String> level(int code) {
                return switch (code) {
                  case 1 -> Optional.of("low");
                  default -> Optional.empty();
                };
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void storedNullBecomesEmptyAndOptionalIsImported() {
    refactoring
        .addInputLines(
            "B.java",
            """
            class B {
              private java.util.Optional<String> owner = null;

              void clear(java.util.Optional<String>[] slots) {
                java.util.Optional<String> name = null;
                owner = null;
                slots[0] = null;
              }
            }
            """)
        .addOutputLines(
            "B.java",
            """
            import java.util.Optional;

            class B {
              private java.util.Optional<String> owner = Optional.empty();

              void clear(java.util.Optional<String>[] slots) {
                java.util.Optional<String> name = Optional.empty();
                owner = Optional.empty();
                slots[0] = Optional.empty();
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void ofBecomesOfNullable() {
    refactoring
        .addInputLines(
            "C.java",
            """
            import static java.util.Optional.of;

            import java.util.Map;
            import java.util.Optional;

            class C {
              Optional<Integer> port(Map<String, Integer> ports, String scheme) {
                return Optional.of(ports.get(scheme));
              }

              Optional<String> property() {
                return of(System.getProperty("app.home"));
              }
            }
            """)
        .addOutputLines(
            "C.java",
            """
            import static java.util.Optional.of;

            import java.util.Map;
            import java.util.Optional;

            class C {
              Optional<Integer> port(Map<String, Integer> ports, String scheme) {
                return Optional.ofNullable(ports.get(scheme));
              }

              Optional<String> property() {
                return Optional.ofNullable(System.getProperty("app.home"));
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void passedNullBecomesEmptyWhenTheCalleeIsUnambiguous() {
    refactoring
        .addInputLines(
            "D.java",
            """
            import java.util.Optional;

            class D {
              static String greet(Optional<String> name) {
                return name.orElse("stranger");
              }

              record Person(String id, Optional<String> email) {}

              String all(String id) {
                new Person(id, null);
                return greet(null);
              }
            }
            """)
        .addOutputLines(
            "D.java",
            """
            import java.util.Optional;

            class D {
              static String greet(Optional<String> name) {
                return name.orElse("stranger");
              }

              record Person(String id, Optional<String> email) {}

              String all(String id) {
                new Person(id, Optional.empty());
                return greet(Optional.empty());
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void streamGetsANullFilterBeforeThePick() {
    refactoring
        .addInputLines(
            "E.java",
            """
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            class E {
              Optional<String> first(Map<String, String> owners, List<String> keys) {
                return keys.stream().map(owners::get).findFirst();
              }
            }
            """)
        .addOutputLines(
            "E.java",
            """
            import java.util.List;
            import java.util.Map;
            import java.util.Objects;
            import java.util.Optional;

            class E {
              Optional<String> first(Map<String, String> owners, List<String> keys) {
                return keys.stream().map(owners::get).filter(Objects::nonNull).findFirst();
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  /** Where Optional.empty() could change an inferred type or pick another overload, no fix is offered. */
  @Test
  void ambiguousPlacesGetNoFix() {
    compilation
        .addSourceLines(
            "F.java",
            """
            import java.util.Optional;
            import java.util.function.Supplier;

            class F {
              static void take(Optional<String> a) {}

              static void take(String a) {}

              static void takeLater(Supplier<Optional<String>> s) {}

              void all(boolean b) {
                // BUG: Diagnostic matches: noFix
                var x = b ? Optional.of("a") : null;
                // BUG: Diagnostic matches: noFix
                take((Optional<String>) null);
                // BUG: Diagnostic matches: noFix
                takeLater(() -> null);
                String v = Optional.of("a").orElse(null);
                // BUG: Diagnostic matches: noFix
                v.length();
              }

              // BUG: Diagnostic matches: noFix
              private Optional<String> never;

              String read() {
                return never.orElse("");
              }
            }
            """)
        .expectErrorMessage(
            "noFix",
            message -> message.contains("the NullPointerException comes at run time") && !message.contains("Did you mean"))
        .doTest();
  }
}
