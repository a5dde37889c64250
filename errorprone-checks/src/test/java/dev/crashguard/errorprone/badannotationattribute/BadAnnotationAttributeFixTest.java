package dev.crashguard.errorprone.badannotationattribute;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * The suggested fixes, applied: only where one correction is the only sensible one, and only to a value
 * written as a literal on the annotation. Everything else is reported without a fix (the last test).
 */
final class BadAnnotationAttributeFixTest {

  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(BadAnnotationAttribute.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Test
  void separatorsAtTheEndsOfAJsonNameAreDropped() {
    helper
        .addInputLines(
            "Dto.java",
            """
            import com.fasterxml.jackson.annotation.JsonProperty;

            class Dto {
              @JsonProperty("name,") String name;
              @JsonProperty(value = " email ", required = true) String email;
            }
            """)
        .addOutputLines(
            "Dto.java",
            """
            import com.fasterxml.jackson.annotation.JsonProperty;

            class Dto {
              @JsonProperty("name") String name;
              @JsonProperty(value = "email", required = true) String email;
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void aUnixCronGainsTheSecondsField() {
    helper
        .addInputLines(
            "Job.java",
            """
            import org.springframework.scheduling.annotation.Scheduled;

            class Job {
              @Scheduled(cron = "*/15 9-17 * * MON-FRI")
              void work() {}
            }
            """)
        .addOutputLines(
            "Job.java",
            """
            import org.springframework.scheduling.annotation.Scheduled;

            class Job {
              @Scheduled(cron = "0 */15 9-17 * * MON-FRI")
              void work() {}
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void anUnclosedPlaceholderIsClosed() {
    helper
        .addInputLines(
            "Pool.java",
            """
            import org.springframework.beans.factory.annotation.Value;

            class Pool {
              @Value("${pool.size") int size;
              @Value("#{systemProperties['user.home']") String home;
            }
            """)
        .addOutputLines(
            "Pool.java",
            """
            import org.springframework.beans.factory.annotation.Value;

            class Pool {
              @Value("${pool.size}") int size;
              @Value("#{systemProperties['user.home']}") String home;
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFixWhereTheIntendedValueIsTheAuthorsOrAConstantHoldsIt() {
    helper
        .addInputLines(
            "Other.java",
            """
            import jakarta.validation.constraints.Size;
            import org.springframework.scheduling.annotation.Scheduled;

            class Other {
              static final String CRON = "0 * * * *";

              @Size(min = 5, max = 1) String crossed;

              @Scheduled(cron = CRON)
              void fromAConstant() {}

              @Scheduled(cron = "0 0 12 ? 1/1 SUN#1 *")
              void quartzYear() {}
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
