package dev.crashguard.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.CrashLog;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.crash.Ranking;
import dev.crashguard.catalog.crash.SourceOutline;
import dev.crashguard.catalog.knowledge.CrashSignatures;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.Marker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The crash proofs' side of {@code crashguard explain}: every failure a proof produces (a thrown exception
 * as printStackTrace prints it, a thread dump taken with jcmd, a forked JVM's hs_err file or stderr) is
 * read by the catalog's crash signatures, which must name the proof's hazard and no other; and the corpus
 * markers, ranked against it as explain ranks a project's findings, must put a marker of the corpus class
 * that failed first. No log text is typed here: it is all the real failure's.
 */
public final class CrashEvidence {

  private CrashEvidence() {}

  private static final Map<String, SourceOutline> OUTLINES = new ConcurrentHashMap<>();
  private static volatile Corpus corpus;

  /** What {@link Throwable#printStackTrace()} prints for {@code t}: causes, suppressed, "... n more". */
  public static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out, true));
    return out.toString();
  }

  /**
   * A thread dump of a running JVM as an operator takes it: {@code jcmd <pid> Thread.print}, with the jcmd of
   * the JDK this test runs on (the one that forks the JVMs). Bounded by {@code boundMillis}; the dump is also
   * kept in {@code keep}.
   */
  public static String threadDump(long pid, Path keep, long boundMillis) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process j = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
        .redirectErrorStream(true).redirectOutput(keep.toFile()).start();
    try {
      assertTrue(j.waitFor(boundMillis, TimeUnit.MILLISECONDS), "jcmd " + pid + " Thread.print ends");
    } finally {
      j.destroyForcibly();
    }
    String dump = Files.readString(keep);
    assertEquals(0, j.exitValue(), "jcmd " + pid + " Thread.print:\n" + dump);
    return dump;
  }

  /**
   * Reads {@code log}, asserts that it matches {@code hazard}'s signature {@code signatureId} and no
   * signature of another hazard; returns the explanation.
   */
  public static Explanation assertExplains(Hazard hazard, String signatureId, String log) {
    Explanation e = Explanation.of(CrashLog.parse(log));
    List<String> ids = e.matches().stream().map(m -> m.signature().id()).toList();
    assertTrue(ids.contains(signatureId),
        "expected signature " + signatureId + " of " + hazard.catalogName() + ", matched " + ids + " in:\n" + excerpt(log));
    assertEquals(List.of(hazard), List.copyOf(e.hazards()),
        "a failure of " + hazard.catalogName() + " matched other hazards too: " + ids + " in:\n" + excerpt(log));
    return e;
  }

  /** Asserts that no signature matches {@code log}: a failure the proof shows, but that is no hazard's shape. */
  public static void assertExplainsNothing(String why, String log) {
    Explanation e = Explanation.of(CrashLog.parse(log));
    assertFalse(!e.matches().isEmpty(),
        why + ": expected no signature, matched " + e.matches().stream().map(m -> m.signature().id()).toList()
            + " in:\n" + excerpt(log));
  }

  /**
   * Ranks every corpus marker of the explanation's hazards as {@code crashguard explain --project testdata}
   * ranks that project's findings (the corpus tests hold each engine to exactly the markers), and asserts
   * that the first is a marker inside {@code corpusClass} (a nested class counts as its own class).
   */
  public static void assertRanksFirst(Explanation explanation, Class<?> corpusClass) {
    List<Ranking.Ranked<Marker>> ranked = rank(explanation);
    assertFalse(ranked.isEmpty(), "no marker of " + explanation.hazards() + " to rank");
    Ranking.Ranked<Marker> first = ranked.get(0);
    String cls = outline(first.candidate().file()).classAt(first.candidate().line()).orElse("?");
    assertTrue(cls.equals(corpusClass.getName()) || cls.startsWith(corpusClass.getName() + "$"),
        "the first ranked marker is " + first.candidate().finding() + " in " + cls + " (" + first.link() + "), not one in "
            + corpusClass.getName() + "; top 5: " + ranked.stream().limit(5)
                .map(r -> r.candidate().finding() + " " + r.link()).collect(Collectors.joining("; ")));
    assertTrue(first.link() != Ranking.Link.SAME_HAZARD,
        "the first marker is there only by order: nothing in the log points at " + corpusClass.getName());
  }

  /**
   * What {@code crashguard explain} must make of a failure a proof produced: the signature it matches (and
   * no other hazard's) with the corpus class whose marker it ranks first; or the signature and why nothing in
   * the log points at the corpus code (a written-down gap: the check fails once ranking does link it, so
   * that the proof is moved to {@link #ranked}); or why no signature is the failure's.
   */
  public record Explained(String signature, Class<?> ranksFirst, String why) {

    /** The signature, and the corpus class the log points at (a frame, a name, or the quoted bad value). */
    public static Explained ranked(String signature, Class<?> corpusClass) {
      return new Explained(Objects.requireNonNull(signature), Objects.requireNonNull(corpusClass), null);
    }

    /** The signature; nothing in the log points at the corpus class, for the reason given. */
    public static Explained unranked(String signature, String whyNot) {
      return new Explained(Objects.requireNonNull(signature), null, Objects.requireNonNull(whyNot));
    }

    /** A failure the proof shows that is no hazard's shape: no signature may match it. */
    public static Explained nothing(String why) {
      return new Explained(null, null, Objects.requireNonNull(why));
    }

    /**
     * A failure of the hazard that no signature can describe (the reason given), which the stack still ties
     * to it: no signature matches, and of every corpus marker the first the trace passes through (a frame on
     * its line, or the method that threw) is one in {@code corpusClass}, whose hazard explain then names.
     */
    public static Explained onTheStack(Class<?> corpusClass, String whyNoSignature) {
      return new Explained(null, Objects.requireNonNull(corpusClass), Objects.requireNonNull(whyNoSignature));
    }

    /** Checks {@code log}, the failure as printed, against this expectation. */
    public void check(String log) {
      if (signature == null) {
        assertExplainsNothing(why, log);
        if (ranksFirst != null) {
          assertOnTheStackFirst(log, ranksFirst);
        } else {
          List<Ranking.Ranked<Marker>> on = markersOnTheStack(log);
          assertTrue(on.isEmpty(), why + ": no signature, and yet the stack passes through "
              + on.stream().map(r -> r.candidate().finding() + " (" + r.link() + ")").toList());
        }
        return;
      }
      Hazard hazard = CrashSignatures.byId(signature)
          .orElseThrow(() -> new AssertionError("no signature " + signature)).hazard();
      Explanation e = assertExplains(hazard, signature, log);
      if (ranksFirst != null) {
        assertRanksFirst(e, ranksFirst);
      } else {
        assertEquals(Ranking.Link.SAME_HAZARD, rank(e).get(0).link(), "ranked after all: " + why);
      }
    }
  }

  /**
   * Ranks every corpus marker, of any hazard, by whether the log's stacks pass through it, as {@code crashguard
   * explain --project testdata} does for a failure no signature matched; asserts that the first is a marker
   * in {@code corpusClass}.
   */
  public static void assertOnTheStackFirst(String log, Class<?> corpusClass) {
    List<Ranking.Ranked<Marker>> on = markersOnTheStack(log);
    assertFalse(on.isEmpty(), "the trace passes through no corpus marker:\n" + excerpt(log));
    Ranking.Ranked<Marker> first = on.get(0);
    String cls = outline(first.candidate().file()).classAt(first.candidate().line()).orElse("?");
    assertTrue(cls.equals(corpusClass.getName()) || cls.startsWith(corpusClass.getName() + "$"),
        "the first marker on the stack is " + first.candidate().finding() + " in " + cls + " (" + first.link()
            + "), not one in " + corpusClass.getName());
  }

  /** Every corpus marker the log's stacks pass through, as explain finds them without a signature. */
  public static List<Ranking.Ranked<Marker>> markersOnTheStack(String log) {
    Corpus c = corpus();
    List<Ranking.Candidate<Marker>> candidates = c.markers().stream()
        .map(m -> new Ranking.Candidate<>(m.hazard(), m.file(), m.line(), m))
        .toList();
    List<String> files = c.files().stream().map(c::relativize).toList();
    return Ranking.onTheStack(CrashLog.parse(log), candidates, CrashEvidence::outline, Ranking.inSources(files));
  }

  /** The corpus markers of the explanation's hazards, ranked. */
  public static List<Ranking.Ranked<Marker>> rank(Explanation explanation) {
    Corpus c = corpus();
    List<Ranking.Candidate<Marker>> candidates = c.markers().stream()
        .map(m -> new Ranking.Candidate<>(m.hazard(), m.file(), m.line(), m))
        .toList();
    return Ranking.rank(explanation, candidates, CrashEvidence::outline);
  }

  private static SourceOutline outline(String file) {
    return OUTLINES.computeIfAbsent(file, f -> SourceOutline.of(corpus().sourceRoot().resolve(f)));
  }

  private static Corpus corpus() {
    if (corpus == null) {
      corpus = Corpus.fromBuild();
    }
    return corpus;
  }

  private static String excerpt(String log) {
    return log.lines().limit(40).collect(Collectors.joining("\n"));
  }
}
