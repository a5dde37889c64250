package dev.crashguard.testdata.badannotationattribute;

import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crashguard.testdata.CrashEvidence;
import dev.crashguard.testdata.CrashEvidence.Explained;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.function.Executable;

/**
 * What the crash proofs of this package share: expect a failure, print it, hand its whole printed trace to
 * {@code crashguard explain}'s signatures, find a cause in its chain.
 */
final class Failures {

  private Failures() {}

  /**
   * Runs {@code crash}, expects exactly {@code type}, prints the whole cause chain (the build log then shows
   * what the user would see), checks what {@code crashguard explain} makes of its printed trace, and
   * returns it.
   */
  static <T extends Throwable> T crash(String what, Class<T> type, Explained explained, Executable crash) {
    T e = assertThrowsExactly(type, crash, what);
    System.out.println(what + ":\n" + chain(e));
    explained.check(CrashEvidence.trace(e));
    return e;
  }

  /**
   * The first throwable in {@code e}'s cause chain (itself included) that is exactly a {@code type} and whose
   * message holds {@code part}; fails, showing the chain, when there is none.
   */
  static <T extends Throwable> T inChain(Throwable e, Class<T> type, String part) {
    for (Throwable t : causes(e)) {
      if (t.getClass() == type && String.valueOf(t.getMessage()).contains(part)) {
        return type.cast(t);
      }
    }
    return fail("no " + type.getName() + " with \"" + part + "\" in\n" + chain(e));
  }

  /** The innermost cause. */
  static Throwable root(Throwable e) {
    List<Throwable> causes = causes(e);
    return causes.get(causes.size() - 1);
  }

  /** True when a frame of {@code className.methodName} is on {@code e}'s stack. */
  static boolean thrownBy(Throwable e, String className, String methodName) {
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().equals(className) && f.getMethodName().equals(methodName)) {
        return true;
      }
    }
    return false;
  }

  static String chain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    String indent = "    ";
    for (Throwable t : causes(e)) {
      sb.append(indent).append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
      indent += "  ";
    }
    return sb.toString();
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable t = e; t != null && !causes.contains(t); t = t.getCause()) {
      causes.add(t);
    }
    return causes;
  }
}
