package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.reports.MergedFinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file: no script, no external style, font or image, so it opens offline and
 * from a CI artifact. Findings are grouped by hazard, each with the source lines around it and the
 * hazard's "How to fix" advice from its docs page (bundled in the jar). Every string that comes from the
 * scanned code or from an engine is escaped.
 *
 * <p>The page states its count machine-readably: {@code <span id="finding-count">N</span>}, and each
 * finding is an {@code <article class="finding">}.
 */
final class HtmlReport {
  static final String DOCS_RESOURCE_DIR = "crashguard-docs/";
  private static final int CONTEXT = 3;

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
        .append("pre.code{background:#f7f7f7;padding:.5em;overflow-x:auto}pre.code .hit{background:#fdd;display:block}")
        .append(".fix{background:#eef7ee;padding:.4em 1em;border-radius:6px}")
        .append("table.engines td,table.engines th{padding:.1em 1em;text-align:left}\n</style>\n</head>\n<body>\n");
    h.append("<h1>crashguard report</h1>\n");
    h.append("<p id=\"summary\"><span id=\"finding-count\">")
        .append(result.findings().size())
        .append("</span> ")
        .append(result.findings().size() == 1 ? "finding" : "findings")
        .append(" in <code>")
        .append(esc(result.project().root().toString()))
        .append("</code> (")
        .append(esc(result.project().kind()))
        .append(")")
        .append(result.baselined() > 0 ? "; " + result.baselined() + " more in the baseline, not counted" : "")
        .append("</p>\n");
    h.append("<table class=\"engines\"><tr><th>engine</th><th>outcome</th></tr>\n");
    for (ScanResult.EngineOutcome o : result.engines().values()) {
      h.append("<tr><td>").append(esc(o.engine().displayName())).append("</td><td>");
      switch (o.status()) {
        case RAN -> h.append(o.findings()).append(o.findings() == 1 ? " finding, " : " findings, ").append(String.format(Locale.ROOT, "%.1f s", o.millis() / 1000.0));
        case SKIPPED -> h.append("skipped: ").append(esc(o.reason()));
        case FAILED -> h.append("failed: ").append(esc(o.reason()));
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");

    Map<Hazard, List<MergedFinding>> byHazard = new LinkedHashMap<>();
    result.findings().forEach(f -> byHazard.computeIfAbsent(f.hazard(), k -> new ArrayList<>()).add(f));
    for (Map.Entry<Hazard, List<MergedFinding>> group : byHazard.entrySet()) {
      Hazard hazard = group.getKey();
      h.append("<section class=\"hazard\" id=\"").append(esc(hazard.catalogName())).append("\">\n");
      h.append("<h2>").append(esc(hazard.catalogName())).append(" <small>(")
          .append(group.getValue().size()).append(")</small></h2>\n");
      h.append("<p>").append(esc(hazard.summary())).append(" <a href=\"").append(esc(hazard.docsUrl()))
          .append("\">Documentation</a></p>\n");
      String fix = fixAdvice(hazard);
      if (!fix.isEmpty()) {
        h.append("<div class=\"fix\"><h3>How to fix</h3>\n").append(fix).append("</div>\n");
      }
      for (MergedFinding f : group.getValue()) {
        h.append("<article class=\"finding\" data-hazard=\"").append(esc(hazard.catalogName())).append("\">\n");
        h.append("<div><span class=\"loc\">").append(esc(f.file() + ":" + f.line())).append("</span>")
            .append("<span class=\"engines\">")
            .append(esc(f.engines().stream().map(Engine::id).collect(Collectors.joining(", "))))
            .append("</span></div>\n");
        h.append("<p class=\"message\">").append(esc(f.message())).append("</p>\n");
        h.append(snippet(result.project(), f));
        h.append("</article>\n");
      }
      h.append("</section>\n");
    }
    if (!result.fileProblems().isEmpty()) {
      h.append("<h2>Not analysed</h2>\n<ul>\n");
      result.fileProblems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
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
    String page;
    try (InputStream in =
        HtmlReport.class.getClassLoader().getResourceAsStream(DOCS_RESOURCE_DIR + hazard.catalogName() + ".md")) {
      if (in == null) {
        return "";
      }
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
    int start = page.indexOf("\n## How to fix");
    if (start < 0) {
      return "";
    }
    int bodyStart = page.indexOf('\n', start + 1);
    int end = page.indexOf("\n## ", bodyStart);
    String section = page.substring(bodyStart, end < 0 ? page.length() : end).strip();
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
      out.append("<li>").append(esc(item).replaceAll("`([^`]*)`", "<code>$1</code>")).append("</li>\n");
    }
    return out.append("</ul>\n").toString();
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
