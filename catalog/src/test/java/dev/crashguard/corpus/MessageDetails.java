package dev.crashguard.corpus;

import dev.crashguard.catalog.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the corpus check cannot see: the detail an engine writes into a message. {@link CorpusCheck} holds
 * every finding to the catalog template; an engine's message test holds a few corpus findings to the words
 * that engine fills in (the method a task is handed to and on which line, the subject it names). A case is
 * named by its file and a fragment of its marked line, so that editing the corpus moves no expectation.
 *
 * <pre>{@code
 * MessageDetails.of(corpus, findings)
 *     .expect("unsynchronizedmapwrite/TaskSubmittedToExecutor.java", "pool.submit(() -> seen.add(w))",
 *         "by a task handed to ExecutorService.submit on 'pool'")
 *     .assertPassed();
 * }</pre>
 */
public final class MessageDetails {

  private static final String MARKER = "// hazard:";

  private final Corpus corpus;
  private final List<Finding> findings;
  private final List<String> failures = new ArrayList<>();

  private MessageDetails(Corpus corpus, List<Finding> findings) {
    this.corpus = corpus;
    this.findings = List.copyOf(findings);
  }

  public static MessageDetails of(Corpus corpus, List<Finding> findings) {
    return new MessageDetails(corpus, findings);
  }

  /**
   * A finding on a marked line of {@code file} (relative to the hazard folders' parent, {@code
   * unsynchronizedmapwrite/X.java}) that contains {@code lineFragment} must contain {@code words}.
   */
  public MessageDetails expect(String file, String lineFragment, String words) {
    Path path = corpus.sourceRoot().resolve(Corpus.ROOT_PACKAGE_DIR).resolve(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException("no corpus file " + path, e);
    }
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(lineFragment) && lines.get(i).contains(MARKER)) {
        matches.add(i + 1);
      }
    }
    String where = file + " [" + lineFragment + "]";
    if (matches.isEmpty()) {
      failures.add(where + ": no marked line contains the fragment");
      return this;
    }
    String relative = corpus.relativize(path);
    List<Finding> there =
        findings.stream().filter(f -> f.file().equals(relative) && matches.contains(f.line())).toList();
    if (there.isEmpty()) {
      failures.add(where + " (line " + matches + "): no finding");
    } else if (there.stream().noneMatch(f -> f.message().contains(words))) {
      failures.add(where + " (line " + matches + "): expected \"" + words + "\" in " + there.get(0).message());
    }
    return this;
  }

  public void assertPassed() {
    if (!failures.isEmpty()) {
      throw new AssertionError("message details differ:\n  " + String.join("\n  ", failures));
    }
  }
}
