package dev.crashguard.catalog.crash;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.CrashLog.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders a project's findings by how closely a crash log points at them, for the hazards the log matched:
 * first a finding on a frame's very line, then one whose line holds a value the failure quotes (the bad
 * regex, the cron), then one in a method on the stack or named by the message, then one in a class on the
 * stack or named, then one in a file on the stack; within each, the frame nearest the crash first. Findings
 * of a matched hazard that nothing links come last; findings of other hazards are not ranked.
 */
public final class Ranking {

  private Ranking() {}

  /** How a finding is tied to the log, best first. */
  public enum Link {
    ON_THE_FRAME_LINE("on a frame of the trace"),
    VALUE_IN_THE_LOG("its value is quoted by the failure"),
    METHOD_ON_THE_STACK("in a method on the stack or named by the failure"),
    CLASS_ON_THE_STACK("in a class on the stack or named by the failure"),
    FILE_ON_THE_STACK("in a file on the stack"),
    SAME_HAZARD("same hazard, not on the stack");

    private final String phrase;

    Link(String phrase) {
      this.phrase = phrase;
    }

    public String phrase() {
      return phrase;
    }
  }

  /**
   * A finding to rank: its hazard, its file as a path ending in the package's folders and the file name
   * ({@code src/main/java/a/b/C.java} or {@code a/b/C.java}), its line, and anything the caller wants back.
   */
  public record Candidate<T>(Hazard hazard, String file, int line, T finding) {}

  /** A ranked finding: how it is linked, to which frame (null when by a name or value), and its place. */
  public record Ranked<T>(Candidate<T> candidate, Link link, Frame frame, int depth) {}

  private static final Pattern QUALIFIED =
      Pattern.compile("\\b((?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*)(?:\\.([a-z_][\\w$]*)\\()?");

  private static final Pattern QUOTED = Pattern.compile("'([\\w$.]+)'|\"([\\w$.]+)\"|`([\\w$.]+)`");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * Ranks {@code candidates} of the hazards {@code explanation} matched. {@code outline} gives each file's
   * outline (called at most once per file).
   */
  public static <T> List<Ranked<T>> rank(
      Explanation explanation, List<Candidate<T>> candidates, Function<String, SourceOutline> outline) {
    Set<Hazard> hazards = explanation.hazards();
    List<Frame> frames = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Explanation.Match m : explanation.matches()) {
      frames.addAll(m.evidence().frames());
      messages.addAll(m.evidence().mentions());
    }
    Set<String> namedClasses = new LinkedHashSet<>();
    Set<String> namedMethods = new LinkedHashSet<>();
    Set<String> namedWords = new LinkedHashSet<>();
    for (String message : messages) {
      Matcher q = QUALIFIED.matcher(message);
      while (q.find()) {
        namedClasses.add(q.group(1));
        if (q.group(2) != null) {
          namedMethods.add(q.group(1) + "#" + q.group(2));
        }
      }
      Matcher w = QUOTED.matcher(message);
      while (w.find()) {
        for (int g = 1; g <= 3; g++) {
          if (w.group(g) != null) {
            namedWords.add(w.group(g));
          }
        }
      }
    }
    java.util.Map<String, SourceOutline> outlines = new java.util.HashMap<>();
    List<Ranked<T>> out = new ArrayList<>();
    for (Candidate<T> c : candidates) {
      if (!hazards.contains(c.hazard())) {
        continue;
      }
      SourceOutline o = outlines.computeIfAbsent(c.file(), outline);
      out.add(link(c, o, frames, messages, namedClasses, namedMethods, namedWords));
    }
    out.sort(order());
    return out;
  }

  /** How many of a stack's project frames, from the throw down, count as where the failure was made. */
  public static final int PROJECT_FRAMES_NEAR_THE_THROW = 3;

  /**
   * The findings a log's stacks pass through, of any hazard, whatever signature matched or none: a finding on
   * a frame's very line, or in a method near the throw as the project sees it (each stack's first {@value
   * #PROJECT_FRAMES_NEAR_THE_THROW} frames that {@code inProject} accepts, see {@link #inSources}: the method
   * that threw, and the callers that handed it what failed, such as the code that closed a resource whose
   * own close() then throws). A failure no signature describes (a plain NPE that names a local, a class's own
   * "already closed") is then still tied to the hazard found where it was thrown. Only these two links count:
   * a file or class on the stack says too little without a signature.
   */
  public static <T> List<Ranked<T>> onTheStack(
      CrashLog log,
      List<Candidate<T>> candidates,
      Function<String, SourceOutline> outline,
      java.util.function.Predicate<Frame> inProject) {
    List<List<Frame>> stacks = new ArrayList<>();
    log.thrown().forEach(t -> stacks.add(t.frames()));
    log.threads().forEach(t -> stacks.add(t.frames()));
    log.hsErr().ifPresent(e -> stacks.add(e.javaFrames()));
    List<Frame> all = stacks.stream().flatMap(List::stream).toList();
    java.util.Map<String, SourceOutline> outlines = new java.util.HashMap<>();
    List<Ranked<T>> out = new ArrayList<>();
    for (Candidate<T> c : candidates) {
      Ranked<T> best = null;
      for (int i = 0; i < all.size(); i++) {
        Frame f = all.get(i);
        if (f.line() == c.line() && inFile(f, c.file())) {
          best = new Ranked<>(c, Link.ON_THE_FRAME_LINE, f, i);
          break;
        }
      }
      if (best == null) {
        Optional<String[]> method = null;
        int depth = 0;
        for (List<Frame> stack : stacks) {
          for (Frame f : stack.stream().filter(inProject).limit(PROJECT_FRAMES_NEAR_THE_THROW).toList()) {
            if (!inFile(f, c.file())) {
              continue;
            }
            if (method == null) {
              method = outlines.computeIfAbsent(c.file(), outline).methodAt(c.line());
            }
            if (method.isPresent() && named(f.className()).equals(method.get()[0]) && f.sourceMethod().equals(method.get()[1])) {
              best = new Ranked<>(c, Link.METHOD_ON_THE_STACK, f, depth + stack.indexOf(f));
              break;
            }
          }
          if (best != null) {
            break;
          }
          depth += stack.size();
        }
      }
      if (best != null) {
        out.add(best);
      }
    }
    out.sort(order());
    return out;
  }

  /** Frames of classes whose source is one of {@code files} (paths ending in the package folders and file name). */
  public static java.util.function.Predicate<Frame> inSources(java.util.Collection<String> files) {
    java.util.Set<String> tails = new java.util.HashSet<>(files);
    return f -> tails.stream().anyMatch(p -> inFile(f, p));
  }

  private static <T> Ranked<T> link(
      Candidate<T> c,
      SourceOutline outline,
      List<Frame> frames,
      List<String> messages,
      Set<String> namedClasses,
      Set<String> namedMethods,
      Set<String> namedWords) {
    Optional<String> cls = outline.classAt(c.line());
    Optional<String[]> method = outline.methodAt(c.line());
    Ranked<T> best = new Ranked<>(c, Link.SAME_HAZARD, null, Integer.MAX_VALUE);
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      if (!inFile(f, c.file())) {
        continue;
      }
      Link l;
      if (f.line() == c.line()) {
        l = Link.ON_THE_FRAME_LINE;
      } else if (method.isPresent() && named(f.className()).equals(method.get()[0])
          && f.sourceMethod().equals(method.get()[1])) {
        l = Link.METHOD_ON_THE_STACK;
      } else if (cls.isPresent() && named(f.className()).equals(cls.get())) {
        l = Link.CLASS_ON_THE_STACK;
      } else {
        l = Link.FILE_ON_THE_STACK;
      }
      if (l.compareTo(best.link()) < 0) {
        best = new Ranked<>(c, l, f, i);
      }
    }
    if (Link.VALUE_IN_THE_LOG.compareTo(best.link()) < 0 && quotesAValueOf(outline.line(c.line()), messages)) {
      best = new Ranked<>(c, Link.VALUE_IN_THE_LOG, null, frames.size());
    }
    if (Link.METHOD_ON_THE_STACK.compareTo(best.link()) < 0 && method.isPresent()
        && (namedMethods.contains(method.get()[0].replace('$', '.') + "#" + method.get()[1])
            || namedMethods.contains(method.get()[0] + "#" + method.get()[1])
            || (cls.isPresent() && namedWords.contains(method.get()[1]) && namesClass(namedClasses, namedWords, cls.get())))) {
      best = new Ranked<>(c, Link.METHOD_ON_THE_STACK, null, frames.size());
    }
    if (Link.CLASS_ON_THE_STACK.compareTo(best.link()) < 0 && cls.isPresent()
        && namesClass(namedClasses, namedWords, cls.get())) {
      best = new Ranked<>(c, Link.CLASS_ON_THE_STACK, null, frames.size());
    }
    return best;
  }

  /** A class named by the failure: fully ({@code a.B$C} or {@code a.B.C}), or as a Spring bean name. */
  private static boolean namesClass(Set<String> namedClasses, Set<String> namedWords, String binaryName) {
    if (namedClasses.contains(binaryName) || namedClasses.contains(binaryName.replace('$', '.'))) {
      return true;
    }
    String simple = binaryName.substring(Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$')) + 1);
    String bean = simple.isEmpty() ? simple : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    // Spring's default name for a nested class: the short name with '.' for '$', uncapitalized
    // (AnnotationBeanNameGenerator): a.Outer$Inner is the bean 'outer.Inner'.
    String shortName = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    String nestedBean = uncapitalize(shortName.replace('$', '.'));
    return namedWords.contains(bean) || namedWords.contains(shortName) || namedWords.contains(nestedBean);
  }

  /** As Spring and java.beans.Introspector uncapitalize a name: not when its first two letters are capitals. */
  private static String uncapitalize(String name) {
    if (name.isEmpty() || (name.length() > 1 && Character.isUpperCase(name.charAt(0))
        && Character.isUpperCase(name.charAt(1)))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * A string literal of three or more characters on the finding's line (up to a {@code %} format, if any)
   * that a message of the failure, or a thread's name in a dump, holds.
   */
  private static boolean quotesAValueOf(String line, List<String> messages) {
    Matcher m = STRING_LITERAL.matcher(line);
    while (m.find()) {
      String value = unescape(m.group(1));
      // A name format ("indexer-%d", ThreadFactoryBuilder's) shows in the log as its fixed beginning.
      int format = value.indexOf('%');
      if (format >= 3) {
        value = value.substring(0, format);
      }
      if (value.strip().length() >= 3) {
        for (String message : messages) {
          if (message.contains(value)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String unescape(String s) {
    return s.replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t")
        .replace("\u0000", "\\");
  }

  /** The named class a frame's class is written in: {@code a.B$1} and {@code a.B$$Lambda/0x…} are in {@code a.B}. */
  static String named(String className) {
    String c = className;
    int hidden = c.indexOf("$$");
    if (hidden >= 0) {
      c = c.substring(0, hidden);
    }
    Matcher anonymous = Pattern.compile("\\$\\d").matcher(c);
    if (anonymous.find()) {
      c = c.substring(0, anonymous.start());
    }
    return c;
  }

  /** The frame's package folders and source file name end the finding's path. */
  private static boolean inFile(Frame f, String file) {
    String path = file.replace('\\', '/');
    String pkg = f.packageName().replace('.', '/');
    String name = f.file() != null ? f.file() : simpleTopLevel(f) + ".java";
    String tail = pkg.isEmpty() ? name : pkg + "/" + name;
    return path.equals(tail) || path.endsWith("/" + tail);
  }

  private static String simpleTopLevel(Frame f) {
    String top = f.topLevelClass();
    return top.substring(top.lastIndexOf('.') + 1);
  }

  /** Strongest link first, then the frame nearest the throw, then file and line. */
  private static <T> Comparator<Ranked<T>> order() {
    return Comparator.<Ranked<T>, Link>comparing(Ranked::link)
        .thenComparingInt(Ranked::depth)
        .thenComparing(r -> r.candidate().file())
        .thenComparingInt(r -> r.candidate().line());
  }
}
