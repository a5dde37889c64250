package dev.crashguard.testdata.badannotationattribute;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Annotations with the same simple names from other libraries, whose values follow other grammars (a
 * Quartz or Unix cron in Quarkus's or Micronaut's {@code @Scheduled}, a JavaScript regex in an OpenAPI
 * schema): types are matched by their full name, so these stay silent. A noncompliant case keeps the file
 * honest: Spring's own annotation, fully qualified, next to a look-alike.
 */
public class OtherLibrariesAndValues {

  /** A look-alike of a scheduler annotation from another library, with a Unix cron. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Scheduled {
    String cron() default "";

    String every() default "";
  }

  /** A look-alike of an OpenAPI or validation annotation with a pattern. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Pattern {
    String regexp();
  }

  /** Spring's @Scheduled, fully qualified, with a Unix cron. */
  static class NoncompliantSpringsOwn {
    @org.springframework.scheduling.annotation.Scheduled(cron = "*/5 * * * *") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    void tick() {
      System.gc(); // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** The same simple names, other grammars. */
  static class CompliantLookAlikes {
    @Scheduled(cron = "*/5 * * * *")
    void unixCron() {}

    @Scheduled(every = "5m")
    void every() {}

    @Pattern(regexp = "[a-z")
    String code;
  }

  /** Spring's annotation with a Spring cron. */
  static class FixedSpringsOwn {
    @org.springframework.scheduling.annotation.Scheduled(cron = "0 */5 * * * *")
    void tick() {
      System.gc();
    }
  }
}
