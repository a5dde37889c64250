package dev.crashguard.reports;

import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The hazards' docs pages ({@code docs/Name.md}), bundled in this jar under {@value #RESOURCE_DIR} so that
 * reports can carry them: SARIF rules as {@code help.markdown}, the command line's HTML report inline. A
 * reader offline, or behind a code-scanning service, has the whole page without following a link.
 */
public final class Docs {
  public static final String RESOURCE_DIR = "crashguard-docs/";

  private Docs() {}

  /** The page's Markdown, or empty for a hazard without a page (a planned one). */
  public static Optional<String> page(Hazard hazard) {
    try (InputStream in = Docs.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + hazard.catalogName() + ".md")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of the page's {@code ## heading} section (up to the next {@code ## }), stripped; or empty. */
  public static Optional<String> section(Hazard hazard, String heading) {
    return page(hazard).flatMap(page -> section(page, heading));
  }

  static Optional<String> section(String page, String heading) {
    String marker = "\n## " + heading;
    int start = page.indexOf(marker);
    if (start < 0) {
      return Optional.empty();
    }
    int bodyStart = page.indexOf('\n', start + 1);
    if (bodyStart < 0) {
      return Optional.empty();
    }
    int end = page.indexOf("\n## ", bodyStart);
    String body = page.substring(bodyStart, end < 0 ? page.length() : end).strip();
    return body.isEmpty() ? Optional.empty() : Optional.of(body);
  }
}
