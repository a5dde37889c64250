package dev.crashguard.testdata.doubleclose;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A resource that leaves the try-with-resources which closes it: returned, stored in a field, captured by a
 * lambda that runs later, or returned through something that still reads from it ({@code filter(…)} of a
 * stream, {@code reader.lines()}, the {@code ResultSet} of a statement). The caller gets it already closed
 * and fails at its first use: {@code IllegalStateException: stream has already been operated upon or
 * closed} ("source already consumed or closed" for a derived stream), {@code IOException: Stream Closed},
 * {@code UncheckedIOException} from a closed reader's lines, {@code SQLException} from a closed result set.
 * Every leak checker counts a try-with-resources resource as handled, so none reports this.
 *
 * <p>Written from real reports: an {@code InputStream} returned from the try-with-resources that opened it
 * (eu-federation-gateway-service/efgs-federation-gateway#177, {@code IOException: Stream Closed}); a {@code
 * ResultSet} returned from inside the try-with-resources of its statement (wgzhao/Addax#1380: "callers
 * could receive a ResultSet whose Statement was already closed", fixed in wgzhao/Addax#1381); a reader put
 * into try-with-resources to satisfy a leak rule while it is consumed later (wso2/product-integrator-mi#4039,
 * "it gets closed before the query executes", the try-with-resources reverted); a resource captured by
 * the callback of a future that completes after the block (smithy-lang/smithy-java#500,
 * "try-with-resources … cannot be used anywhere we have a potentially asynchronous callback"; Play's
 * playframework/playframework#5547); a closed {@code Files.lines} sequence iterated again
 * (AOL-archive/cyclops-integration#153). {@code try (var lines = Files.lines(p)) { return lines; }} itself
 * is what those reports have in common; what the caller then sees is shown by the crash proof.
 *
 * <p>The compliant twins return from inside a try-with-resources and are right: a value computed from the
 * resource ({@code count()}, {@code toList()}, a line), a resource opened without try-with-resources (the
 * caller owns it), an in-memory stream that works after close, and a lambda that runs (and is waited for)
 * inside the block.
 */
public class EscapesTryWithResources {

  static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static class NoncompliantReturned {
    /** efgs#177: the stream is closed on the way out. */
    InputStream open(String path) throws IOException {
      try (InputStream stream = new FileInputStream(path)) {
        return stream; // hazard: DoubleClose
      }
    }

    /** The lines of a file, handed to the caller closed. */
    Stream<String> lines(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return lines; // hazard: DoubleClose
      }
    }
  }

  static class NoncompliantReturnedThroughDependent {
    /** A derived stream still reads from the closed source. */
    Stream<String> nonBlank(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return lines.filter(line -> !line.isBlank()); // hazard: DoubleClose
      }
    }

    /** reader.lines() reads from the reader, which the block closes. */
    Stream<String> linesOf(Path file) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        return reader.lines(); // hazard: DoubleClose
      }
    }

    /** Addax#1380: the result set closes with its statement. */
    ResultSet query(Connection conn, String sql) throws SQLException {
      try (Statement st = conn.createStatement()) {
        return st.executeQuery(sql); // hazard: DoubleClose
      }
    }
  }

  /** product-integrator-mi#4039: the reader is kept for later and closed now. */
  static class NoncompliantStored {
    private BufferedReader pending;

    void prepare(Path query) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(query)) {
        pending = reader; // hazard: DoubleClose
      }
    }

    String nextStatement() throws IOException {
      return pending.readLine();
    }
  }

  static class NoncompliantCapturedByLaterCode {
    /** smithy-java#500: the future reads the stream after the block has closed it. */
    CompletableFuture<byte[]> readAsync(Path file, Executor executor) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return CompletableFuture.supplyAsync(() -> readAll(in), executor); // hazard: DoubleClose
      }
    }

    /** A lazy counter over lines that are closed before anyone asks. */
    Supplier<Long> lazyCount(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return () -> lines.count(); // hazard: DoubleClose
      }
    }
  }

  /** What leaves the block is a value read from the resource, not the resource. */
  static class CompliantValueComputedInside {
    long count(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return lines.filter(line -> !line.isBlank()).count();
      }
    }

    List<String> all(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return lines.toList();
      }
    }

    String firstLine(Path file) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        return reader.readLine();
      }
    }

    boolean any(Connection conn, String sql) throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        return rs.next();
      }
    }
  }

  /** Not closed here: the caller owns the stream. */
  static class CompliantCallerOwns {
    InputStream open(String path) throws IOException {
      return new FileInputStream(path);
    }

    Stream<String> lines(Path file) throws IOException {
      return Files.lines(file);
    }
  }

  /** A ByteArrayInputStream works after close: returning it is harmless. */
  static class CompliantInMemory {
    InputStream copy(byte[] data) throws IOException {
      try (ByteArrayInputStream in = new ByteArrayInputStream(data.clone())) {
        in.skip(0);
        return in;
      }
    }
  }

  /** The lambdas run inside the block: forEach at once, the future joined before the close. */
  static class CompliantLambdaRunsInside {
    private long nonBlank;

    void tally(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        lines.forEach(
            line -> {
              if (!line.isBlank()) {
                nonBlank++;
              }
            });
      }
    }

    byte[] readOnPool(Path file, Executor executor) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return CompletableFuture.supplyAsync(() -> readAll(in), executor).join();
      }
    }
  }

  static class FixedReturned {
    InputStream open(String path) throws IOException {
      return new FileInputStream(path);
    }

    Stream<String> lines(Path file) throws IOException {
      return Files.lines(file);
    }
  }

  static class FixedReturnedThroughDependent {
    List<String> nonBlank(Path file) throws IOException {
      try (Stream<String> lines = Files.lines(file)) {
        return lines.filter(line -> !line.isBlank()).toList();
      }
    }

    Stream<String> linesOf(Path file) throws IOException {
      return Files.lines(file);
    }

    boolean query(Connection conn, String sql) throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        return rs.next();
      }
    }
  }

  static class FixedStored {
    private BufferedReader pending;

    void prepare(Path query) throws IOException {
      pending = Files.newBufferedReader(query);
    }

    String nextStatement() throws IOException {
      return pending.readLine();
    }

    void finish() throws IOException {
      pending.close();
    }
  }

  static class FixedCapturedByLaterCode {
    CompletableFuture<byte[]> readAsync(Path file, Executor executor) {
      return CompletableFuture.supplyAsync(
          () -> {
            try (InputStream in = Files.newInputStream(file)) {
              return readAll(in);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          executor);
    }

    Supplier<Long> lazyCount(Path file) {
      return () -> {
        try (Stream<String> lines = Files.lines(file)) {
          return lines.count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }
  }

  /** A fetch consumer of the library's own, as jnats' FetchConsumer: an AutoCloseable, and no JDK type. */
  interface Fetcher extends AutoCloseable {
    String name();

    Object next();
  }

  /**
   * jnats' chaos test app SimpleFetchConsumer (a false alarm met in the real world): the fetch consumer is kept
   * in a field from inside the try-with-resources that closes it, and later only its name is read, which the
   * library caches. It is the library's own closeable: what it does after its close is the library's to say,
   * and only the JDK's own types are judged after close (CLOSED_USE_JUDGED_PACKAGES).
   */
  static class CompliantLibraryResourceStored {
    private Fetcher current;

    int drain(Supplier<Fetcher> fetch) throws Exception {
      int count = 0;
      try (Fetcher fetcher = fetch.get()) {
        current = fetcher;
        while (fetcher.next() != null) {
          count++;
        }
      }
      return count;
    }

    String label() {
      return current.name();
    }
  }

  /** The same shape with a JDK reader: the later read throws IOException: Stream closed. */
  static class NoncompliantJdkReaderStored {
    private BufferedReader current;

    int skipHeader(Path file) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        current = reader; // hazard: DoubleClose
        return reader.readLine().length();
      }
    }

    String nextLine() throws IOException {
      return current.readLine();
    }
  }

  static class FixedJdkReaderReadInside {
    private String next;

    int skipHeader(Path file) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        int header = reader.readLine().length();
        next = reader.readLine();
        return header;
      }
    }

    String nextLine() {
      return next;
    }
  }
}
