package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.reports.Docs;
import dev.crashguard.reports.MergedFinding;
import dev.crashguard.reports.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file: no script, no external style, font or image, so it opens offline and
 * from a CI artifact. It says which crashguard made it and when; a table of files with their counts;
 * findings grouped by hazard, each with its severity, the source lines around it and the hazard's "How to
 * fix" advice, and the hazard's whole docs page folded under it (bundled in the jar, so readable without a
 * network); and what was checked (hazards by engines, and the files), which on a clean scan is the answer
 * to "did it look at anything?". Every string that comes from the scanned code or from an engine is escaped.
 *
 * <p>The page states its count machine-readably: {@code <span id="finding-count">N</span>}, and each
 * finding is an {@code <article class="finding">}.
 */
final class HtmlReport {
  private static final int CONTEXT = 3;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private HtmlReport() {}

  static String render(ScanResult result) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>crashguard report</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("h2{border-bottom:2px solid #c33;padding-bottom:.2em}")
        .append("article.finding{border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.6em 1em}")
        .append(".loc{font-family:monospace;font-weight:bold}.engines{color:#555;margin-left:1em}")
        .append(".signature{color:#555;font-size:90%}")
        .append(".meta{color:#555}.clean{background:#eef7ee;padding:.6em 1em;border-radius:6px}")
        .append(".sev{display:inline-block;border-radius:4px;padding:0 .4em;margin-right:.5em;font-size:85%;color:#fff}")
        .append(".sev-error{background:#b22}.sev-warning{background:#c80}")
        .append("pre.code{background:#f7f7f7;padding:.5em;overflow-x:auto}pre.code .hit{background:#fdd;display:block}")
        .append(".fix{background:#eef7ee;padding:.4em 1em;border-radius:6px}")
        .append("details.page{margin:.6em 0}details.page pre{background:#f7f7f7;padding:.5em;overflow-x:auto}")
        .append("table{border-collapse:collapse}td,th{padding:.1em 1em;text-align:left;border-bottom:1px solid #eee}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>crashguard report</h1>\n");
    h.append("<p class=\"meta\" id=\"meta\">crashguard <span id=\"version\">").append(esc(Reports.VERSION))
        .append("</span> · scanned <time id=\"scanned\" datetime=\"")
        .append(result.started().truncatedTo(ChronoUnit.SECONDS))
        .append("\">").append(TIME.format(result.started().atOffset(ZoneOffset.UTC))).append("</time></p>\n");
    int n = result.findings().size();
    h.append("<p id=\"summary\"><span id=\"finding-count\">").append(n).append("</span> ")
        .append(n == 1 ? "finding" : "findings")
        .append(" (").append(result.count(Severity.ERROR)).append(" error, ")
        .append(result.count(Severity.WARNING)).append(" warning)")
        .append(" in <code>").append(esc(result.project().root().toString())).append("</code> (")
        .append(esc(result.project().kind()))
        .append(result.project().modules().size() > 1 ? ", " + result.project().modules().size() + " modules" : "")
        .append(")")
        .append(result.baselined() > 0 ? "; " + result.baselined() + " more in the baseline, not counted" : "")
        .append("</p>\n");
    if (n == 0 && !result.incomplete()) {
      h.append("<p class=\"clean\" id=\"clean\">No hazard found. What was checked is listed at the end.</p>\n");
    }
    engines(h, result);
    files(h, result);

    Map<Hazard, List<MergedFinding>> byHazard = new LinkedHashMap<>();
    result.findings().forEach(f -> byHazard.computeIfAbsent(f.hazard(), k -> new ArrayList<>()).add(f));
    for (Map.Entry<Hazard, List<MergedFinding>> group : byHazard.entrySet()) {
      Hazard hazard = group.getKey();
      h.append("<section class=\"hazard\" id=\"").append(esc(hazard.catalogName())).append("\">\n");
      h.append("<h2>").append(severity(hazard)).append(esc(hazard.catalogName())).append(" <small>(")
          .append(group.getValue().size()).append(")</small></h2>\n");
      h.append("<p>").append(esc(hazard.summary())).append(" <a href=\"").append(esc(hazard.docsUrl()))
          .append("\">Documentation</a></p>\n");
      String fix = fixAdvice(hazard);
      if (!fix.isEmpty()) {
        h.append("<div class=\"fix\"><h3>How to fix</h3>\n").append(fix).append("</div>\n");
      }
      Docs.page(hazard).ifPresent(page ->
          h.append("<details class=\"page\"><summary>The whole page: what crashes and how, examples, what each engine"
                  + " sees</summary>\n")
              .append(markdown(page)).append("</details>\n"));
      for (MergedFinding f : group.getValue()) {
        h.append("<article class=\"finding\" id=\"").append(anchor(f)).append("\" data-hazard=\"")
            .append(esc(hazard.catalogName())).append("\" data-severity=\"")
            .append(hazard.severity().name().toLowerCase(Locale.ROOT)).append("\">\n");
        h.append("<div>").append(severity(hazard)).append("<span class=\"loc\">").append(esc(f.file() + ":" + f.line()))
            .append("</span>").append("<span class=\"engines\">")
            .append(esc(f.engines().stream().map(Engine::id).collect(Collectors.joining(", "))))
            .append("</span></div>\n");
        h.append("<p class=\"message\">").append(esc(f.message())).append("</p>\n");
        h.append(signatures(hazard));
        h.append(snippet(result.project(), f));
        h.append("</article>\n");
      }
      h.append("</section>\n");
    }
    if (!result.fileProblems().isEmpty()) {
      h.append("<h2>Not analysed</h2>\n<ul id=\"not-analysed\">\n");
      result.fileProblems().forEach(p -> h.append("<li>").append(esc(p.toString())).append("</li>\n"));
      h.append("</ul>\n");
    }
    checked(h, result);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * What this finding looks like when it crashes in production: the hazard's crash signatures, each linked to
   * its row on the docs page; {@code crashguard explain} matches them in a log.
   */
  static String signatures(Hazard hazard) {
    List<dev.crashguard.catalog.crash.CrashSignature> all = dev.crashguard.catalog.knowledge.CrashSignatures.of(hazard);
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("<p class=\"signature\">In a production log (<code>crashguard explain</code>"
        + " finds these): ");
    for (int i = 0; i < all.size(); i++) {
      dev.crashguard.catalog.crash.CrashSignature sig = all.get(i);
      s.append(i == 0 ? "" : " · ").append("<a href=\"").append(esc(ExplainCommand.docsUrl(sig))).append("\" data-signature=\"")
          .append(esc(sig.id())).append("\">").append(esc(sig.title())).append("</a>");
    }
    return s.append("</p>\n").toString();
  }

  private static void engines(StringBuilder h, ScanResult result) {
    h.append("<table class=\"engines\"><tr><th>engine</th><th>outcome</th></tr>\n");
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      h.append("<tr><td>").append(esc(o.engine().displayName())).append("</td><td>");
      switch (o.status()) {
        case RAN -> {
          h.append(o.findings()).append(o.findings() == 1 ? " finding, " : " findings, ")
              .append(String.format(Locale.ROOT, "%.1f s", o.millis() / 1000.0));
          if (o.reason() != null) {
            h.append("; ").append(esc(o.reason()));
          }
        }
        case SKIPPED -> h.append("skipped: ").append(esc(o.reason()));
        case FAILED -> h.append("failed: ").append(esc(o.reason()));
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** Files with findings: how many, of which severity, which hazards; each links to its first finding. */
  private static void files(StringBuilder h, ScanResult result) {
    if (result.findings().isEmpty()) {
      return;
    }
    Map<String, List<MergedFinding>> byFile = new TreeMap<>();
    result.findings().forEach(f -> byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f));
    h.append("<h2>Files</h2>\n<table id=\"files\"><tr><th>file</th><th>findings</th><th>error</th><th>warning</th>")
        .append("<th>hazards</th></tr>\n");
    for (Map.Entry<String, List<MergedFinding>> file : byFile.entrySet()) {
      List<MergedFinding> fs = file.getValue();
      h.append("<tr class=\"file\"><td><a href=\"#").append(anchor(fs.get(0))).append("\"><code>")
          .append(esc(file.getKey())).append("</code></a></td><td>").append(fs.size()).append("</td><td>")
          .append(fs.stream().filter(f -> f.hazard().severity() == Severity.ERROR).count()).append("</td><td>")
          .append(fs.stream().filter(f -> f.hazard().severity() == Severity.WARNING).count()).append("</td><td>")
          .append(esc(fs.stream().map(f -> f.hazard().catalogName()).distinct().collect(Collectors.joining(", "))))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** Hazards by engines, then the files: what the scan looked at. */
  private static void checked(StringBuilder h, ScanResult result) {
    h.append("<section id=\"checked\"><h2>What was checked</h2>\n<table class=\"checked\"><tr><th>hazard</th>");
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      h.append("<th>").append(esc(o.engine().displayName())).append("</th>");
    }
    h.append("</tr>\n");
    for (Hazard hazard : result.hazards()) {
      h.append("<tr><td>").append(esc(hazard.catalogName())).append("</td>");
      for (ScanResult.EngineOutcome o : result.engines().values()) {
        String cell =
            !hazard.implemented()
                ? "planned"
                : switch (o.status()) {
                  case RAN -> "checked";
                  case SKIPPED -> "skipped";
                  case FAILED -> "failed";
                };
        h.append("<td class=\"").append(cell).append("\">").append(cell).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    List<Path> files = result.project().javaFiles();
    int modules = result.project().modules().size();
    h.append("<details id=\"checked-files\"><summary><span id=\"checked-file-count\">").append(files.size())
        .append("</span> Java files").append(modules > 1 ? " in " + modules + " modules" : "").append("</summary>\n<ul>\n");
    for (Path file : files) {
      h.append("<li><code>").append(esc(result.project().relative(file))).append("</code></li>\n");
    }
    h.append("</ul></details>\n</section>\n");
  }

  private static String severity(Hazard hazard) {
    String s = hazard.severity().name().toLowerCase(Locale.ROOT);
    return "<span class=\"sev sev-" + s + "\">" + s + "</span>";
  }

  private static String anchor(MergedFinding f) {
    return "f-" + Integer.toHexString((f.hazard().catalogName() + ":" + f.file() + ":" + f.line()).hashCode());
  }

  private static String snippet(Project project, MergedFinding f) {
    Path file = project.root().resolve(f.file());
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
    if (f.line() <= 0 || f.line() > lines.size()) {
      return "";
    }
    int from = Math.max(1, f.line() - CONTEXT);
    int to = Math.min(lines.size(), f.line() + CONTEXT);
    StringBuilder out = new StringBuilder("<pre class=\"code\">");
    for (int n = from; n <= to; n++) {
      String text = String.format(Locale.ROOT, "%5d  %s", n, lines.get(n - 1));
      if (n == f.line()) {
        out.append("<span class=\"hit\">").append(esc(text)).append("</span>");
      } else {
        out.append(esc(text)).append('\n');
      }
    }
    return out.append("</pre>\n").toString();
  }

  /** The docs page's "How to fix" section as a list; backticks become code. Empty if there is none. */
  static String fixAdvice(Hazard hazard) {
    String section = Docs.section(hazard, "How to fix").orElse("");
    if (section.isEmpty()) {
      return "";
    }
    List<String> items = new ArrayList<>();
    StringBuilder current = null;
    for (String line : section.split("\\R")) {
      if (line.startsWith("- ")) {
        if (current != null) {
          items.add(current.toString());
        }
        current = new StringBuilder(line.substring(2).strip());
      } else if (!line.isBlank()) {
        if (current == null) {
          current = new StringBuilder(line.strip());
        } else {
          current.append(' ').append(line.strip());
        }
      }
    }
    if (current != null) {
      items.add(current.toString());
    }
    StringBuilder out = new StringBuilder("<ul>\n");
    for (String item : items) {
      out.append("<li>").append(inline(item)).append("</li>\n");
    }
    return out.append("</ul>\n").toString();
  }

  /**
   * A docs page as HTML: headings, paragraphs, lists, tables and fenced code, the Markdown our pages use.
   * Links become their text: the report loads and links nothing but the docs page.
   */
  static String markdown(String page) {
    StringBuilder out = new StringBuilder();
    List<String> lines = page.lines().toList();
    StringBuilder paragraph = new StringBuilder();
    boolean inList = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String stripped = line.strip();
      boolean item = line.startsWith("- ");
      boolean structural = stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("```")
          || stripped.startsWith("|") || item;
      if (structural || inList && !line.startsWith(" ")) {
        if (paragraph.length() > 0) {
          out.append(inList ? "" : "<p>").append(inline(paragraph.toString().strip())).append(inList ? "</li>\n" : "</p>\n");
          paragraph.setLength(0);
        }
        if (inList && !item && !(stripped.isEmpty() && i + 1 < lines.size() && lines.get(i + 1).startsWith("- "))) {
          out.append("</ul>\n");
          inList = false;
        }
      }
      if (stripped.startsWith("```")) {
        StringBuilder code = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
          code.append(lines.get(i)).append('\n');
        }
        out.append("<pre><code>").append(esc(code.toString())).append("</code></pre>\n");
      } else if (stripped.startsWith("#")) {
        int level = Math.min(6, stripped.indexOf(' ') + 2);
        out.append("<h").append(level).append('>').append(inline(stripped.replaceFirst("^#+\\s*", "")))
            .append("</h").append(level).append(">\n");
      } else if (stripped.startsWith("|")) {
        out.append("<table>\n");
        for (; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
          String row = lines.get(i).strip();
          if (row.matches("\\|[-:| ]+\\|?")) {
            continue;
          }
          out.append("<tr>");
          for (String cell : row.substring(1).split("\\|")) {
            out.append("<td>").append(inline(cell.strip())).append("</td>");
          }
          out.append("</tr>\n");
        }
        i--;
        out.append("</table>\n");
      } else if (item) {
        if (!inList) {
          out.append("<ul>\n");
          inList = true;
        }
        out.append("<li>");
        paragraph.append(line.substring(2)).append(' ');
      } else if (!stripped.isEmpty()) {
        paragraph.append(stripped).append(' ');
      }
    }
    if (paragraph.length() > 0) {
      out.append(inList ? "" : "<p>").append(inline(paragraph.toString().strip())).append(inList ? "</li>\n" : "</p>\n");
    }
    if (inList) {
      out.append("</ul>\n");
    }
    return out.toString();
  }

  /** Escaped text with `code`, **bold** and [links](…) as their text. */
  private static String inline(String text) {
    return esc(text)
        .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
        .replaceAll("`([^`]*)`", "<code>$1</code>")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
