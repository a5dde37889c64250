package dev.crashguard.errorprone.badannotationattribute;

import com.google.errorprone.CompilationTestHelper;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * Annotations where the check does not expect them must neither crash it nor make it report wrongly. The
 * check runs with {@code RethrowErrors}, so an exception it would otherwise swallow fails the test. The
 * behaviour itself lives in the corpus.
 */
final class BadAnnotationAttributeRobustnessTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BadAnnotationAttribute.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void annotationsInUnusualPlaces() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import jakarta.validation.constraints.*;
            import java.util.List;
            import org.springframework.scheduling.annotation.Scheduled;
            import org.springframework.scheduling.annotation.Schedules;
            import com.fasterxml.jackson.annotation.JsonProperty;

            class Odd {
              enum Level {
                @JsonProperty("low") LOW,
                @JsonProperty("high") HIGH
              }

              @interface Meta {
                Pattern pattern() default @Pattern(regexp = "[a-z]+");
              }

              record Pair(@Size(min = 1) String left, @JsonProperty("r") String right) {}

              List<@Size(max = 3) String> typeUse;

              @Schedules({@Scheduled(fixedDelay = 5), @Scheduled(cron = "0 0 * * * *")})
              void twice() {}

              @Scheduled(fixedDelay = 5)
              @Scheduled(fixedRate = 7)
              void repeated() {}

              void locals() {
                @Size(min = 2) String local = "ab";
                Runnable r = () -> {};
                Object anonymous = new Object() {
                  @JsonProperty("x") String x;
                  @JsonProperty("y") String y;
                };
              }

              Object lambdaParameter() {
                java.util.function.Function<String, String> f = (@Size(max = 9) String s) -> s;
                return f;
              }
            }
            """)
        .doTest();
  }

  @Test
  void reportsOnTheAnnotation() {
    helper
        .addSourceLines(
            "Job.java",
            """
            import org.springframework.scheduling.annotation.Scheduled;

            class Job {
              // BUG: Diagnostic contains: '@Scheduled(cron = "0 * * * *")' is not a cron expression Spring accepts
              @Scheduled(cron = "0 * * * *")
              void run() {}
            }
            """)
        .doTest();
  }
}
