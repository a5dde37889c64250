package dev.crashguard.testdata.badannotationattribute;

import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code @Scheduled} attributes Spring refuses while it starts the application ({@code BeanCreationException:
 * Encountered invalid @Scheduled method}), or whose period the JDK scheduler refuses when Spring starts the
 * task: a five-field Unix cron or a seven-field Quartz cron (Spring's has six, seconds first), a cron that
 * is not one at all, two triggers at once, no trigger, a mistyped time zone, a duration string Spring
 * cannot read, a zero period.
 *
 * <p>Written from CogStack/CogStack-Pipeline#25 ({@code cron = "${scheduler.rate:30000}"}: "Cron expression
 * must consist of 6 fields (found 1 in "30000")"), stackoverflow 30887822 (a Quartz cron with a year field)
 * and spring-projects/spring-boot#13756. The compliant twins hold every odd form Spring does accept: macros,
 * {@code ?}, {@code L}, {@code W}, {@code #}, names in any case, a disabled cron, placeholders and
 * expressions (resolved before parsing: stay silent), an initial delay with a fixed delay.
 */
public class SpringScheduling {

  /** A Unix cron: five fields. */
  static class NoncompliantFiveFieldCron {
    @Scheduled(cron = "0 * * * *") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void hourly() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A Quartz cron with a year field, from a constant. */
  static class NoncompliantQuartzYear {
    static final String NIGHTLY = "0 0 12 ? 1/1 SUN#1 *";

    @Scheduled(cron = NIGHTLY) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void report() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A reversed range. */
  static class NoncompliantReversedRange {
    @Scheduled(cron = "0 0 18-9 * * MON-FRI") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void offHours() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Two triggers. */
  static class NoncompliantTwoTriggers {
    @Scheduled(cron = "0 0 * * * *", fixedDelay = 60_000) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void sync() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** No trigger at all. */
  static class NoncompliantNoTrigger {
    @Scheduled(timeUnit = TimeUnit.SECONDS) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void poll() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A time zone with a typo. */
  static class NoncompliantZoneTypo {
    @Scheduled(cron = "0 0 6 * * *", zone = "Europe/Berln") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker) (not: pmd — a time-zone id is valid when the JDK's time-zone database has it, which XPath cannot read)
    void morning() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A duration written out in words. */
  static class NoncompliantDurationInWords {
    @Scheduled(fixedDelayString = "5 seconds") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void heartbeat() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A zero rate: ScheduledThreadPoolExecutor refuses a period that is not positive. */
  static class NoncompliantZeroRate {
    @Scheduled(fixedRate = 0) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void spin() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Every shape Spring accepts. */
  static class CompliantAcceptedForms {
    @Scheduled(cron = "@daily")
    void a() {}

    @Scheduled(cron = "0 0 12 ? * MON-FRI")
    void b() {}

    @Scheduled(cron = "0 0 0 L * *")
    void c() {}

    @Scheduled(cron = "0 0 0 15W * *")
    void d() {}

    @Scheduled(cron = "0 0 0 ? * mon#2")
    void e() {}

    @Scheduled(cron = "0 0 0 * * 5L", zone = "GMT+1")
    void f() {}

    @Scheduled(cron = "-")
    void disabled() {}

    @Scheduled(cron = "${jobs.cleanup.cron:0 0 3 * * *}")
    void placeholder() {}

    @Scheduled(fixedDelayString = "PT5S", initialDelay = 1_000)
    void iso() {}

    @Scheduled(fixedRateString = "1h30m")
    void composite() {}

    @Scheduled(fixedDelayString = "#{5 * 1000}")
    void expression() {}

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    void seconds() {}

    @Scheduled(initialDelay = 10_000)
    void once() {}
  }

  /** Six fields, seconds first. */
  static class FixedFiveFieldCron {
    @Scheduled(cron = "0 0 * * * *")
    void hourly() {
      System.gc();
    }
  }

  /** One trigger. */
  static class FixedTwoTriggers {
    @Scheduled(fixedDelay = 60_000)
    void sync() {
      System.gc();
    }
  }

  /** The zone spelled right. */
  static class FixedZoneTypo {
    @Scheduled(cron = "0 0 6 * * *", zone = "Europe/Berlin")
    void morning() {
      System.gc();
    }
  }

  /** A positive rate. */
  static class FixedZeroRate {
    @Scheduled(fixedRate = 1_000)
    void spin() {
      System.gc();
    }
  }

  /** A duration Spring reads. */
  static class FixedDurationInWords {
    @Scheduled(fixedDelayString = "5s")
    void heartbeat() {
      System.gc();
    }
  }
}
