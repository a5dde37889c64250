package dev.crashguard.realworld;

import dev.crashguard.errorprone.ErrorProneScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A golden file, {@code expected/NAME.txt}: comment lines ({@code #}), then one line per finding
 * ({@code ENGINE HAZARD FILE:LINE MESSAGE}, sorted by file, line, engine, hazard), each followed by its
 * triage, {@code   triage: true — why it can crash} or {@code   triage: false — why it is safe}, and
 * optionally more indented lines continuing the reason.
 */
final class Golden {
  static final String TRIAGE = "  triage: ";
  static final String TODO = "TODO";

  static final String KNOWN = "! ";
  static final String NOT_ANALYSED = "crashguard: not analysed: ";

  /** finding line -> its triage lines (the first starts with TRIAGE). */
  private final Map<String, List<String>> entries;
  /** known engine problem ("pmd: FILE: why", as after "not analysed:") -> its reason lines. */
  private final Map<String, List<String>> known;
  private final String version;

  private Golden(Map<String, List<String>> entries, Map<String, List<String>> known, String version) {
    this.entries = entries;
    this.known = known;
    this.version = version;
  }

  static Golden empty() {
    return new Golden(new LinkedHashMap<>(), new LinkedHashMap<>(), null);
  }

  /**
   * The internal errors that are not declared as known engine problems ({@code ! ENGINE: FILE: why} with a
   * {@code reason:} line naming the engine's own bug). An Error Prone crash can never be declared: crashguard's
   * checks run inside it.
   */
  List<String> undeclared(List<String> internalErrors) {
    List<String> out = new ArrayList<>();
    for (String e : internalErrors) {
      boolean declared =
          e.startsWith(NOT_ANALYSED)
              && !e.contains("Error Prone crashed")
              && known.containsKey(e.substring(NOT_ANALYSED.length()))
              && known.get(e.substring(NOT_ANALYSED.length())).stream().anyMatch(l -> l.strip().startsWith("reason: "));
      if (!declared) {
        out.add(e);
      }
    }
    return out;
  }

  /** Declared problems that did not happen in this run (stale declarations). */
  List<String> staleKnown(List<String> internalErrors) {
    List<String> out = new ArrayList<>();
    for (String k : known.keySet()) {
      if (!internalErrors.contains(NOT_ANALYSED + k)) {
        out.add("declared engine problem did not happen (remove it from the golden file): " + k);
      }
    }
    return out;
  }

  static Golden read(Path file) throws IOException {
    Map<String, List<String>> entries = new LinkedHashMap<>();
    Map<String, List<String>> known = new LinkedHashMap<>();
    String version = null;
    Map<String, List<String>> currentMap = entries;
    String current = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("# library: ")) {
        version = line.substring("# library: ".length()).strip();
      } else if (line.startsWith("#") || line.isBlank()) {
        continue;
      } else if (line.startsWith(" ")) {
        if (current == null) {
          throw new IllegalStateException(file + ": an indented line before any finding: " + line);
        }
        currentMap.get(current).add(line);
      } else if (line.startsWith(KNOWN)) {
        current = line.substring(KNOWN.length());
        currentMap = known;
        known.put(current, new ArrayList<>());
      } else {
        current = line;
        currentMap = entries;
        if (entries.putIfAbsent(line, new ArrayList<>()) != null) {
          throw new IllegalStateException(file + ": finding listed twice: " + line);
        }
      }
    }
    return new Golden(entries, known, version);
  }

  /** What differs between this golden file and a run's findings; empty when they agree. */
  List<String> compare(Library library, List<String> findings) {
    List<String> out = new ArrayList<>();
    String header = header(library);
    if (version != null && !version.equals(header)) {
      out.add("the golden file is for " + version + ", the run was on " + header + ": run with -Drealworld.update=true and re-triage");
    }
    Set<String> actual = new TreeSet<>(findings);
    for (String f : findings) {
      if (!entries.containsKey(f)) {
        out.add("new finding (not in the golden file): " + f);
      }
    }
    for (Map.Entry<String, List<String>> e : entries.entrySet()) {
      if (!actual.contains(e.getKey())) {
        out.add("finding gone (in the golden file, not found now): " + e.getKey());
      } else if (e.getValue().isEmpty() || !e.getValue().get(0).startsWith(TRIAGE)) {
        out.add("not triaged: " + e.getKey());
      } else {
        String verdict = e.getValue().get(0).substring(TRIAGE.length()).strip();
        if (!(verdict.startsWith("true ") || verdict.startsWith("false "))) {
          out.add("triage must start with 'true —' or 'false —' (" + verdict + "): " + e.getKey());
        }
      }
    }
    if (!out.isEmpty()) {
      out.add("(this run's findings: target/realworld/" + library.name() + ".txt; -Drealworld.update=true rewrites the golden file)");
    }
    return out;
  }

  /** The golden file for {@code findings}: triage kept for findings already here, TODO for new ones. */
  String updated(Library library, List<String> findings) {
    StringBuilder sb = new StringBuilder();
    sb.append("# crashguard real-world golden file: findings of every engine on ").append(library.name()).append(".\n");
    sb.append("# library: ").append(header(library)).append('\n');
    sb.append("# Format: ENGINE HAZARD FILE:LINE MESSAGE (sorted), then its triage:\n");
    sb.append("#   triage: true — why it can crash | false — why it is safe (a false positive is a bug to fix or a\n");
    sb.append("#   known limitation with a corpus case declaring it).\n");
    sb.append("# ./mvnw -B -f realworld/pom.xml verify -Drealworld.full -Drealworld.update=true rewrites the finding\n");
    sb.append("# lines and keeps the triage of each engine's finding at an unchanged place, its message reworded or not\n");
    sb.append("# (new ones get \"triage: TODO\", which fails a normal run).\n");
    sb.append("# Known engine problems (a file an engine cannot analyse because of the engine's own bug, never\n");
    sb.append("# crashguard's): '! ENGINE: FILE: why' then '  reason: ...'; an undeclared one fails the run.\n");
    known.forEach((k, reason) -> {
      sb.append('\n').append(KNOWN).append(k).append('\n');
      reason.forEach(r -> sb.append(r).append('\n'));
    });
    if (findings.isEmpty()) {
      sb.append("\n# No findings.\n");
    }
    List<String> sorted = new ArrayList<>(findings);
    for (String f : sorted) {
      sb.append('\n').append(f).append('\n');
      List<String> triage = entries.get(f);
      if (triage == null || triage.isEmpty()) {
        triage = triageOfSameSite(f); // the message's wording changed, the site did not
      }
      if (triage == null || triage.isEmpty()) {
        sb.append(TRIAGE).append(TODO).append('\n');
      } else {
        triage.forEach(t -> sb.append(t).append('\n'));
      }
    }
    return sb.toString();
  }

  /**
   * The triage of a finding here at the same place by the same engine and hazard ({@code ENGINE HAZARD
   * FILE:LINE}), whatever its message said: a reworded message is the same finding. Null when there is
   * none, or more than one to choose from.
   */
  private List<String> triageOfSameSite(String finding) {
    String site = site(finding);
    List<String> found = null;
    for (Map.Entry<String, List<String>> e : entries.entrySet()) {
      if (site != null && site.equals(site(e.getKey())) && !e.getValue().isEmpty()
          && !e.getValue().get(0).startsWith(TRIAGE + TODO)) {
        if (found != null) {
          return null;
        }
        found = e.getValue();
      }
    }
    return found;
  }

  /** {@code ENGINE HAZARD FILE:LINE} of a finding line: its first three words. */
  private static String site(String finding) {
    String[] words = finding.split(" ", 4);
    return words.length < 4 ? null : words[0] + " " + words[1] + " " + words[2];
  }

  private static String header(Library library) {
    return library.coordinates() + ":" + library.version();
  }

  /**
   * The internal errors in a verbose {@code crashguard scan} log: anything that means an engine did not
   * analyse all of the library, or threw.
   */
  static List<String> internalErrors(String log) {
    List<String> out = new ArrayList<>();
    for (String line : log.lines().toList()) {
      String l = line.strip();
      if (l.startsWith("crashguard: not analysed:")
          || l.startsWith("crashguard: internal error")
          || l.matches("crashguard: \\w+ failed: .*")
          || l.contains("spotbugs error:")
          || l.contains("pmd ERROR:")
          || l.contains(ErrorProneScanner.CRASH.strip())) {
        out.add(l);
      }
    }
    return out.stream().distinct().toList();
  }

  /** A finding of one engine, ordered as the golden files list them. */
  record Finding(String engine, String hazard, String file, int line, String message) implements Comparable<Finding> {
    private static final Comparator<Finding> ORDER =
        Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparing(Finding::engine)
            .thenComparing(Finding::hazard)
            .thenComparing(Finding::message);

    @Override
    public int compareTo(Finding o) {
      return ORDER.compare(this, o);
    }

    String text() {
      return engine + " " + hazard + " " + file + ":" + line + " " + message;
    }
  }
}
