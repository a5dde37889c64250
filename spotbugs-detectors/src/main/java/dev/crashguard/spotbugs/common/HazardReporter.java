package dev.crashguard.spotbugs.common;

import dev.crashguard.catalog.Hazard;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.StringAnnotation;
import java.util.HashSet;
import java.util.Set;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The routine every crashguard detector repeats, once: the catalog's bug type and priority, one report per
 * place, {@code @SuppressHazard}, naming the method the reader wrote rather than javac's {@code
 * lambda$run$0}, and never failing the user's analysis. A detector owns one and reports through it; the
 * bug's message is messages.xml's long description, filled with {@code {2}} the subject and {@code {3}}
 * the origin phrase, exactly the catalog template's two slots.
 */
public final class HazardReporter {

  private static final int MAX_LAMBDA_NESTING = 16;

  private final Detector detector;
  private final BugReporter bugReporter;
  private final Hazard hazard;
  private final Set<String> reported = new HashSet<>();

  public HazardReporter(Detector detector, BugReporter bugReporter, Hazard hazard) {
    this.detector = detector;
    this.bugReporter = bugReporter;
    this.hazard = hazard;
  }

  public Hazard hazard() {
    return hazard;
  }

  /**
   * Runs the analysis of one class. Anything it throws is logged as a SpotBugs analysis error naming the
   * class, and the class is skipped: a detector that meets code it does not understand stays silent.
   */
  public void analyse(JavaClass javaClass, Runnable analysis) {
    try {
      analysis.run();
    } catch (RuntimeException | StackOverflowError e) {
      bugReporter.logError(
          "crashguard " + hazard.bugType() + " could not analyse " + javaClass.getClassName() + "; skipped it", e);
    }
  }

  /**
   * Reports a finding unless one was already reported under {@code key} or {@code @SuppressHazard} covers
   * the code (or the field at fault). The bug's annotations are the class, the method the reader wrote,
   * the subject and origin phrases (messages.xml's {@code {2}} and {@code {3}}), the remedy ({@code {4}})
   * where the hazard's template has one, the line, then {@code
   * extra} (a field's annotation, which SpotBugs' filters match on).
   *
   * @param fieldClass the class declaring the field at fault (dotted or slashed), or null
   * @param fieldName the field at fault, or null
   * @return whether a bug was reported
   */
  public boolean report(
      String key,
      JavaClass cls,
      Method method,
      String fieldClass,
      String fieldName,
      SourceLineAnnotation line,
      String subject,
      String origin,
      BugAnnotation... extra) {
    return report(key, cls, method, fieldClass, fieldName, line, subject, origin, hazard.defaultRemedy(), extra);
  }

  /**
   * {@link #report}, with the remedy the message's remedy slot names (messages.xml's {@code {4}}), for a
   * hazard whose template has one.
   */
  public boolean report(
      String key,
      JavaClass cls,
      Method method,
      String fieldClass,
      String fieldName,
      SourceLineAnnotation line,
      String subject,
      String origin,
      String remedy,
      BugAnnotation... extra) {
    if (!reported.add(key)) {
      return false;
    }
    if (HazardSuppressions.isSuppressed(hazard.catalogName(), cls, method, fieldClass, fieldName)) {
      return false;
    }
    // Name the method the reader wrote, not javac's lambda$name$0: @SuppressFBWarnings on it then applies
    // to the lambda's code too.
    BugInstance bug =
        new BugInstance(detector, hazard.bugType(), hazard.severity().spotbugsPriority())
            .addClass(cls)
            .addMethod(cls, userVisibleMethod(cls, method))
            .add(text(subject))
            .add(text(origin));
    if (hazard.hasRemedySlot()) {
      bug.add(text(remedy == null ? hazard.defaultRemedy() : remedy));
    }
    bug.addSourceLine(line);
    for (BugAnnotation annotation : extra) {
      bug.add(annotation);
    }
    bugReporter.reportBug(bug);
    return true;
  }

  /**
   * A message slot as the other engines write it. {@code BugInstance.addString} would double every
   * backslash (SpotBugs escapes for its one-line text output), so a subject quoting a regular expression
   * or a path pattern would read differently from Error Prone's and PMD's; line breaks are still escaped,
   * so that a message stays on one line.
   */
  private static StringAnnotation text(String value) {
    return new StringAnnotation(value.replace("\r", "\\r").replace("\n", "\\n"));
  }

  /** Forgets what was reported; SpotBugs calls a detector's {@code report()} at the end of a run. */
  public void clear() {
    reported.clear();
  }

  /** The method a reader wrote that holds {@code method}'s code: the creator of a (nested) lambda body. */
  public static Method userVisibleMethod(JavaClass cls, Method method) {
    Method current = method;
    for (int i = 0; i < MAX_LAMBDA_NESTING && current.isSynthetic(); i++) {
      Method creator = HazardSuppressions.lambdaCreator(cls, current);
      if (creator == null) {
        break;
      }
      current = creator;
    }
    return current;
  }
}
