package dev.crashguard.spotbugs;

import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.test.matcher.BugInstanceMatcherBuilder;
import org.hamcrest.Matcher;

/** BugInstanceMatcher shorthands for the unit tests. */
final class Bugs {

  private Bugs() {}

  /** Any CG_UNSYNCHRONIZED_MAP_WRITE. */
  static Matcher<BugInstance> mapWrite() {
    return builder().build();
  }

  static BugInstanceMatcherBuilder builder() {
    return new BugInstanceMatcherBuilder().bugType(Hazard.UNSYNCHRONIZED_MAP_WRITE.bugType());
  }

  /** A map write in {@code cls}, method {@code method}, on field {@code field}. */
  static Matcher<BugInstance> fieldWrite(Class<?> cls, String method, String field) {
    return builder().inClass(cls.getName()).inMethod(method).atField(field).build();
  }

  static Matcher<BugInstance> fieldWrite(String className, String method, String field) {
    return builder().inClass(className).inMethod(method).atField(field).build();
  }
}
