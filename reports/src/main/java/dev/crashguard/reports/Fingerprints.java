package dev.crashguard.reports;

import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's identity that survives edits elsewhere in the file: the hazard, the file, the enclosing
 * member (type and method or constructor, read from the source text) and the flagged line's code with its
 * spacing normalised, plus an ordinal when the same code is flagged twice in one member. Lines added or
 * removed above a finding move its line number, not its fingerprint; editing the flagged line itself, or
 * renaming its method or file, makes it a new finding.
 *
 * <p>SARIF carries it as {@code partialFingerprints["crashguard/v1"]} (GitHub code scanning uses it to keep
 * an alert across commits); {@code crashguard scan --baseline} matches on it. A source that cannot be read
 * gives a fingerprint of hazard and file only, ordered by line.
 */
public final class Fingerprints {
  /** The {@code partialFingerprints} key; the version changes if the recipe ever does. */
  public static final String KEY = "crashguard/v1";

  /** The source lines of a file, by the finding's file path; empty when it cannot be read. */
  @FunctionalInterface
  public interface Sources {
    Optional<List<String>> lines(String file);
  }

  private static final Pattern TYPE =
      Pattern.compile("\\b(class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");
  /** One or more words (modifiers, type) before {@code name(}: a declaration, not a call. */
  private static final Pattern METHOD =
      Pattern.compile("^(?:[\\w$<>\\[\\],.?@]+\\s+)+([A-Za-z_$][\\w$]*)\\s*\\(([^)]*)\\)?");
  private static final Pattern ANNOTATION_ONLY = Pattern.compile("@(?!interface\\b)[\\w.]+(\\(.*\\))?");
  private static final Set<String> STATEMENTS =
      Set.of("if", "for", "while", "switch", "catch", "synchronized", "return", "new", "else", "try", "do",
          "throw", "case", "assert", "yield", "var", "final");

  private Fingerprints() {}

  /** Reads files relative to {@code projectRoot}, through {@code paths} (a finding's file to the project's). */
  public static Sources under(Path projectRoot, ProjectPaths paths) {
    Map<String, Optional<List<String>>> cache = new HashMap<>();
    return file -> cache.computeIfAbsent(file, f -> read(projectRoot, paths.fromProjectRoot(f)));
  }

  private static Optional<List<String>> read(Path root, String relative) {
    try {
      Path file = root.resolve(relative);
      try {
        return Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8));
      } catch (MalformedInputException e) {
        return Optional.of(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException | InvalidPathException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Every finding's fingerprint, ordinals counted over {@code findings} (pass all, before any filtering). */
  public static Map<MergedFinding, String> of(List<MergedFinding> findings, Sources sources) {
    return of(findings, sources, new ProjectPaths(""));
  }

  /**
   * The same for findings whose files are relative to a source root inside the project: the fingerprint
   * holds the path from the project root, so the command line and the report converter agree.
   */
  public static Map<MergedFinding, String> of(List<MergedFinding> findings, Sources sources, ProjectPaths paths) {
    Map<List<String>, List<MergedFinding>> groups = new LinkedHashMap<>();
    List<MergedFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(MergedFinding::file).thenComparingInt(MergedFinding::line));
    for (MergedFinding f : sorted) {
      List<String> lines = sources.lines(f.file()).orElse(List.of());
      String text = f.line() > 0 && f.line() <= lines.size() ? normalise(lines.get(f.line() - 1)) : "";
      String member = text.isEmpty() ? "" : enclosingMember(lines, f.line());
      groups.computeIfAbsent(List.of(f.hazard().catalogName(), paths.fromProjectRoot(f.file()), member, text), k -> new ArrayList<>()).add(f);
    }
    Map<MergedFinding, String> out = new HashMap<>();
    groups.forEach(
        (key, group) -> {
          String hash = sha256(String.join("\u0000", key));
          for (int i = 0; i < group.size(); i++) {
            out.putIfAbsent(group.get(i), hash + ":" + (i + 1));
          }
        });
    return out;
  }

  /** The fingerprint of one finding alone (ordinal 1). */
  public static String of(Hazard hazard, String file, List<String> lines, int line) {
    MergedFinding f = new MergedFinding(hazard, file, line, Map.of(dev.crashguard.catalog.Engine.PMD, ""));
    return of(List.of(f), x -> Optional.of(lines)).get(f);
  }

  /** The code with runs of white space made one space, trimmed. */
  static String normalise(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }

  /**
   * The member around line {@code line} (1-based): the nearest less-indented method or constructor
   * declaration above it, inside the nearest less-indented type declaration, as {@code Type#name(params)};
   * just {@code Type} for code outside a method; empty when neither is found.
   */
  static String enclosingMember(List<String> lines, int line) {
    int indent = indentation(lines.get(line - 1));
    String method = null;
    for (int i = line - 2; i >= 0; i--) {
      String text = lines.get(i);
      String stripped = text.strip();
      if (stripped.isEmpty() || stripped.startsWith("//") || stripped.startsWith("*") || stripped.startsWith("/*")
          || stripped.startsWith("}") || ANNOTATION_ONLY.matcher(stripped).matches()) {
        continue;
      }
      int here = indentation(text);
      if (here >= indent) {
        continue;
      }
      Matcher type = TYPE.matcher(stripped);
      if (type.find() && !stripped.startsWith("new ") && !stripped.contains("= new ")) {
        return type.group(2) + (method == null ? "" : "#" + method);
      }
      if (method == null) {
        Matcher m = METHOD.matcher(stripped);
        if (m.find() && !STATEMENTS.contains(stripped.split("[\\s(]", 2)[0]) && !beforeParen(stripped).contains("=")) {
          method = m.group(1) + "(" + normalise(m.group(2) == null ? "" : m.group(2)) + ")";
        }
      }
      indent = here;
    }
    return method == null ? "" : method;
  }

  private static String beforeParen(String s) {
    int paren = s.indexOf('(');
    return paren < 0 ? s : s.substring(0, paren);
  }

  private static int indentation(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        n++;
      } else if (c == '\t') {
        n += 4;
      } else {
        break;
      }
    }
    return n;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
