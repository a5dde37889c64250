package dev.crashguard.catalog.crash;

import dev.crashguard.catalog.Hazard;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a hazard looks like when it has already happened: a shape in a stack trace, thread dump or JVM
 * crash report that this hazard produces. The signatures themselves are knowledge, listed once in {@link
 * dev.crashguard.catalog.knowledge.CrashSignatures}; this is their form.
 *
 * @param id stable name, {@code hazard-kebab/what} (JSON output, docs anchors)
 * @param hazard the hazard that produces it
 * @param strength whether only this hazard produces it, or other bugs can too
 * @param title what was seen, as a short phrase ("IllegalMonitorStateException out of ReentrantLock.unlock")
 * @param meaning why that points at the hazard, one sentence
 * @param matcher where to look in a {@link CrashLog}
 */
public record CrashSignature(
    String id, Hazard hazard, Strength strength, String title, String meaning, Matcher matcher) {

  public CrashSignature {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hazard, "hazard");
    Objects.requireNonNull(strength, "strength");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(matcher, "matcher");
  }

  /** How sure a match makes the hazard. */
  public enum Strength {
    /** Only this hazard is known to produce it. */
    CAUSED_BY("caused by"),
    /** This hazard produces it; so can other bugs, which the report says. */
    CONSISTENT_WITH("consistent with");

    private final String phrase;

    Strength(String phrase) {
      this.phrase = phrase;
    }

    public String phrase() {
      return phrase;
    }
  }

  /**
   * What a match found: the lines of the log that match (shown to the user), the frames nearest the crash
   * first (for ranking the project's findings), and what the log says outside frames (a failure's messages,
   * with class names, a method or bean in quotes, the bad value itself; the names of a dump's threads), also
   * for ranking.
   */
  public record Evidence(List<CrashLog.Line> lines, List<CrashLog.Frame> frames, List<String> mentions) {
    public Evidence {
      lines = List.copyOf(lines);
      frames = List.copyOf(frames);
      mentions = List.copyOf(mentions);
    }
  }

  /** Finds the signature's shape in a log, or says it is not there. Never throws on odd input. */
  @FunctionalInterface
  public interface Matcher {
    Optional<Evidence> find(CrashLog log);
  }

  public Optional<Evidence> find(CrashLog log) {
    return matcher.find(log);
  }
}
