package dev.crashguard.spotbugs;

import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.test.matcher.BugInstanceMatcherBuilder;
import org.hamcrest.Matcher;

/** BugInstanceMatcher shorthands for the unit tests. */
final class Bugs {

  private Bugs() {}

  /** Any finding of {@code hazard}. */
  static Matcher<BugInstance> of(Hazard hazard) {
    return new BugInstanceMatcherBuilder().bugType(hazard.bugType()).build();
  }
}
