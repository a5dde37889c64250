package dev.crashguard.testdata.doubleclose;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A stream, reader, writer, channel, JDBC object or executor used after its {@code close()} on the same
 * path, directly or after the object that owns it was closed. Closing is idempotent for these types, using
 * is not: readers and buffered streams throw {@code IOException: Stream closed}, a {@code FileInputStream}
 * {@code IOException: Stream Closed}, a {@code Stream} {@code IllegalStateException: stream has already
 * been operated upon or closed}, JDBC drivers {@code SQLException} ("Operation not allowed after ResultSet
 * closed", "This ResultSet is closed", "The object is already closed"), an executor {@code
 * RejectedExecutionException}. A {@code ResultSet} "is automatically closed when the Statement object that
 * generated it is closed"; a reader or a buffered stream closes the stream it wraps.
 *
 * <p>Written from real reports: {@code available()} on a closed {@code FileInputStream}
 * (eu-federation-gateway-service/efgs-federation-gateway#177, {@code IOException: Stream Closed} at {@code
 * FileInputStream.available0}; PVS-Studio's V6128 "Using a Closeable object after it was closed"); a result
 * set read after it was closed (GoogleCloudPlatform/pgadapter#279, "This ResultSet is closed"); a result set
 * read after the try-with-resources of its statement ended (wgzhao/Addax#1380, "Operation not allowed after
 * ResultSet closed"); a stream read again after a wrapper closed it (yegor256/cactoos#616, {@code
 * IOException: Stream closed}). The writer written to after its close, the stream closed on one path and
 * counted after it, and the executor closed before its last task show the same failure for the other
 * types of the knowledge's list; they have no report of their own.
 *
 * <p>The compliant twins call methods after close and are right: classes documented to keep working after
 * close ({@code ByteArrayOutputStream}, {@code StringWriter}), methods that are fine on a closed object
 * ({@code isClosed()}, {@code isTerminated()}), a variable given a new object after the close, a use on the
 * other branch, and a result set read inside its statement's try-with-resources.
 */
public class UseAfterClose {

  static class NoncompliantUsedAfterClose {
    /** efgs#177, V6128: the size is asked for after the stream was closed. */
    int sizeOf(String path) throws IOException {
      FileInputStream in = new FileInputStream(path);
      byte[] magic = in.readNBytes(4);
      in.close();
      return magic.length + in.available(); // hazard: DoubleClose
    }

    /** The header is read, the reader closed "early", then the body is read from it. */
    String headerAndFirstLine(Path file) throws IOException {
      BufferedReader reader = Files.newBufferedReader(file);
      String header = reader.readLine();
      reader.close();
      return header + reader.readLine(); // hazard: DoubleClose
    }

    /** A trailer written after the writer was closed. */
    void writeReport(Path file, String body) throws IOException {
      Writer out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
      out.write(body);
      out.close();
      out.write("\n-- end\n"); // hazard: DoubleClose
    }

    /** On the dry-run path the file's lines are closed, then counted. */
    long countNonBlank(Path file, boolean dryRun) throws IOException {
      Stream<String> lines = Files.lines(file);
      if (dryRun) {
        lines.close();
      }
      return lines.filter(line -> !line.isBlank()).count(); // hazard: DoubleClose
    }

    /** pgadapter#279: the cursor is closed to free it, then the column is read. */
    long total(Connection conn) throws SQLException {
      try (Statement st = conn.createStatement()) {
        ResultSet rs = st.executeQuery("select count(*) from orders");
        rs.next();
        rs.close();
        return rs.getLong(1); // hazard: DoubleClose
      }
    }

    /** The pool is closed before the last task is handed to it. */
    Future<?> flushAndStop(Runnable flush) {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      pool.execute(flush);
      pool.close();
      return pool.submit(flush); // hazard: DoubleClose
    }
  }

  static class NoncompliantUsedAfterOwnerClosed {
    /** Addax#1380: the statement's try-with-resources ends, and its result set is read after it. */
    boolean hasOrders(Connection conn) throws SQLException {
      ResultSet rs;
      try (Statement st = conn.createStatement()) {
        rs = st.executeQuery("select id from orders");
      }
      return rs.next(); // hazard: DoubleClose
    }

    /** cactoos#616: the reader closed the stream it wraps; the stream is read again. */
    int headerThenRest(InputStream in) throws IOException {
      String header;
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        header = reader.readLine();
      }
      return header.length() + in.read(); // hazard: DoubleClose
    }
  }

  /** These classes keep working after close, and these methods are fine on a closed object. */
  static class CompliantUsableAfterClose {
    byte[] render(String body) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
      out.write(body);
      out.close();
      return bytes.toByteArray();
    }

    String text(String body) throws IOException {
      StringWriter out = new StringWriter();
      out.write(body);
      out.close();
      return out.toString();
    }

    boolean closedOk(Connection conn, ExecutorService pool) throws SQLException {
      conn.close();
      pool.close();
      return conn.isClosed() && pool.isTerminated();
    }
  }

  /** The variable gets a new reader after the close; the use is on the other branch. */
  static class CompliantReopenedOrOtherBranch {
    String firstLines(Path first, Path second) throws IOException {
      BufferedReader reader = Files.newBufferedReader(first);
      String a = reader.readLine();
      reader.close();
      reader = Files.newBufferedReader(second);
      try {
        return a + reader.readLine();
      } finally {
        reader.close();
      }
    }

    String lineOrNothing(BufferedReader reader, boolean done) throws IOException {
      if (done) {
        reader.close();
        return "";
      } else {
        return reader.readLine();
      }
    }
  }

  /** The result set is read inside its statement's try-with-resources. */
  static class CompliantReadInsideOwner {
    boolean hasOrders(Connection conn) throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("select id from orders")) {
        return rs.next();
      }
    }

    int headerThenRest(InputStream in) throws IOException {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      int next = reader.read();
      reader.close();
      return header.length() + next;
    }
  }

  /**
   * A library's own in-memory stream (activemq's marshalling buffer, commons-io's byte-array streams):
   * a class that inherits {@code OutputStream}'s {@code close()}, which does nothing, keeps working after
   * it; so does a stream that closes itself and then answers (commons-io's AutoCloseInputStream).
   */
  static class CompliantInMemoryStream {
    static final class GrowingBuffer extends OutputStream {
      private byte[] bytes = new byte[0];

      @Override
      public void write(int b) {
        bytes = Arrays.copyOf(bytes, bytes.length + 1);
        bytes[bytes.length - 1] = (byte) b;
      }

      byte[] toBytes() {
        return bytes.clone();
      }
    }

    static final class SelfClosing extends InputStream {
      @Override
      public int read() throws IOException {
        close();
        return available();
      }
    }

    byte[] marshal(int value) throws IOException {
      GrowingBuffer bytesOut = new GrowingBuffer();
      DataOutputStream dataOut = new DataOutputStream(bytesOut);
      dataOut.writeInt(value);
      dataOut.close();
      return bytesOut.toBytes();
    }

    GrowingBuffer copy(byte[] data) throws IOException {
      try (GrowingBuffer output = new GrowingBuffer()) {
        output.write(data);
        return output;
      }
    }
  }

  /**
   * commons-dbcp2's PoolGuardConnectionWrapper (a false alarm met in the real world): a wrapper's close()
   * closes through super.close() and then clears its own delegate with super.setDelegate(null). The object
   * is finishing its own close; calling its own methods there is its protocol, not a use of a closed
   * resource (as a stream that closes itself and then answers, above).
   */
  static class CompliantWrapperFinishesItsOwnClose {
    static class DelegatingChannel implements java.nio.channels.Channel {
      private java.nio.channels.Channel delegate;

      DelegatingChannel(java.nio.channels.Channel delegate) {
        this.delegate = delegate;
      }

      java.nio.channels.Channel delegate() {
        return delegate;
      }

      void setDelegate(java.nio.channels.Channel delegate) {
        this.delegate = delegate;
      }

      @Override
      public boolean isOpen() {
        return delegate != null && delegate.isOpen();
      }

      @Override
      public void close() throws IOException {
        delegate.close();
      }
    }

    static final class PoolGuard extends DelegatingChannel {
      PoolGuard(java.nio.channels.Channel delegate) {
        super(delegate);
      }

      @Override
      public void close() throws IOException {
        if (delegate() != null) {
          super.close();
          super.setDelegate(null);
        }
      }
    }
  }

  /**
   * The twin of the wrapper above: a wrapper's close() closes the channel it wraps and then writes a trailer
   * to it. The wrapped channel is a JDK type, closed on this path: the write throws ClosedChannelException,
   * from close() itself.
   */
  static class NoncompliantWrapperWritesToItsClosedDelegate {
    static final class TrailerChannel implements java.nio.channels.Channel {
      private static final byte[] TRAILER = {0, 0, 0, 0};
      private final java.nio.channels.WritableByteChannel delegate;

      TrailerChannel(java.nio.channels.WritableByteChannel delegate) {
        this.delegate = delegate;
      }

      @Override
      public boolean isOpen() {
        return delegate.isOpen();
      }

      @Override
      public void close() throws IOException {
        delegate.close();
        delegate.write(java.nio.ByteBuffer.wrap(TRAILER)); // hazard: DoubleClose
      }
    }
  }

  static class FixedWrapperWritesItsTrailerFirst {
    static final class TrailerChannel implements java.nio.channels.Channel {
      private static final byte[] TRAILER = {0, 0, 0, 0};
      private final java.nio.channels.WritableByteChannel delegate;

      TrailerChannel(java.nio.channels.WritableByteChannel delegate) {
        this.delegate = delegate;
      }

      @Override
      public boolean isOpen() {
        return delegate.isOpen();
      }

      @Override
      public void close() throws IOException {
        try {
          delegate.write(java.nio.ByteBuffer.wrap(TRAILER));
        } finally {
          delegate.close();
        }
      }
    }
  }

  /** A session whose lock is handed out by getLock(), as httpcore5's IOSession does. */
  interface LockedSession extends java.nio.channels.Channel {
    java.util.concurrent.locks.Lock getLock();

    void write(String text) throws IOException;
  }

  /**
   * httpcore5's SSLIOSession.updateEventMask (a false alarm met in the real world): the session's lock is taken
   * before the try, the session is closed inside it, and the finally unlocks through session.getLock(). The
   * lock outlives the close; handing it out is no use of the closed session.
   */
  static class CompliantLockOfAClosedSession {
    void finish(LockedSession session, boolean done) throws IOException {
      session.getLock().lock();
      try {
        if (done) {
          session.close();
          return;
        }
        session.write("more");
      } finally {
        session.getLock().unlock();
      }
    }
  }

  /** The session itself is written to after its close. */
  static class NoncompliantWriteToAClosedSession {
    void finish(LockedSession session) throws IOException {
      session.getLock().lock();
      try {
        session.close();
        session.write("bye"); // hazard: DoubleClose (not: errorprone, spotbugs — they judge a use after close only on a value of one of the JDK's own types (CLOSED_USE_JUDGED_PACKAGES), whose closed behaviour the JDK documents; LockedSession is the library's own; PMD judges it by its JDK supertype)
      } finally {
        session.getLock().unlock();
      }
    }
  }

  static class FixedWriteBeforeClose {
    void finish(LockedSession session, boolean done) throws IOException {
      session.getLock().lock();
      try {
        session.write("bye");
        if (done) {
          session.close();
        }
      } finally {
        session.getLock().unlock();
      }
    }
  }

  /**
   * commons-net's RCommandClient (a false alarm met in the real world): a socket from an unexpected peer is
   * closed, and the exception then names the peer. A closed socket goes on answering with the address it
   * was connected to (documented), so the message is built safely.
   */
  static class CompliantPeerNamedAfterClose {
    java.io.InputStream accept(java.net.ServerSocket server, java.net.InetAddress expected) throws IOException {
      java.net.Socket socket = server.accept();
      if (!socket.getInetAddress().equals(expected)) {
        socket.close();
        throw new IOException("unexpected connection from " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
      }
      return socket.getInputStream();
    }
  }

  /** The closed socket's stream is asked for: "Socket is closed". */
  static class NoncompliantStreamOfAClosedSocket {
    java.io.InputStream accept(java.net.ServerSocket server, java.net.InetAddress expected) throws IOException {
      java.net.Socket socket = server.accept();
      if (!socket.getInetAddress().equals(expected)) {
        socket.close();
      }
      return socket.getInputStream(); // hazard: DoubleClose
    }
  }

  static class FixedStreamOfAnAcceptedSocket {
    java.io.InputStream accept(java.net.ServerSocket server, java.net.InetAddress expected) throws IOException {
      java.net.Socket socket = server.accept();
      if (!socket.getInetAddress().equals(expected)) {
        socket.close();
        throw new IOException("unexpected connection");
      }
      return socket.getInputStream();
    }
  }

  /** A client of the library's own that is stopped after it is closed, as Apache SSHD's SshClient is. */
  interface StoppableClient extends java.nio.channels.Channel {
    void stop();
  }

  /**
   * Apache SSHD's SshClient.wrapAsSimpleClient (a false alarm met in the real world): the wrapper's close()
   * closes the client and then stops it. The client is the library's own type, which documents that it is
   * stopped after its close; only the JDK's own types are judged after close (CLOSED_USE_JUDGED_PACKAGES).
   */
  static class CompliantLibraryClientStoppedAfterClose {
    java.nio.channels.Channel wrap(StoppableClient client) {
      return new java.nio.channels.Channel() {
        @Override
        public boolean isOpen() {
          return client.isOpen();
        }

        @Override
        public void close() throws IOException {
          IOException failure = null;
          try {
            client.close();
          } catch (IOException e) {
            failure = e;
          }
          try {
            client.stop();
          } catch (RuntimeException e) {
            if (failure == null) {
              failure = new IOException(e);
            }
          }
          if (failure != null) {
            throw failure;
          }
        }
      };
    }
  }

  static class FixedUsedAfterClose {
    int sizeOf(String path) throws IOException {
      try (FileInputStream in = new FileInputStream(path)) {
        byte[] magic = in.readNBytes(4);
        return magic.length + in.available();
      }
    }

    String headerAndFirstLine(Path file) throws IOException {
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        String header = reader.readLine();
        return header + reader.readLine();
      }
    }

    void writeReport(Path file, String body) throws IOException {
      try (Writer out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
        out.write(body);
        out.write("\n-- end\n");
      }
    }

    long countNonBlank(Path file, boolean dryRun) throws IOException {
      if (dryRun) {
        return 0;
      }
      try (Stream<String> lines = Files.lines(file)) {
        return lines.filter(line -> !line.isBlank()).count();
      }
    }

    long total(Connection conn) throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from orders")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    Future<?> flushAndStop(Runnable flush) {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        pool.execute(flush);
        return pool.submit(flush);
      } finally {
        pool.shutdown();
      }
    }
  }

  static class FixedUsedAfterOwnerClosed {
    boolean hasOrders(Connection conn) throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("select id from orders")) {
        return rs.next();
      }
    }

    int headerThenRest(InputStream in) throws IOException {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      try {
        String header = reader.readLine();
        return header.length() + reader.read();
      } finally {
        reader.close();
      }
    }
  }

  /** An in-memory stream of the library's own that hands out what was written, as Elasticsearch's RestClient has. */
  static class ByteArrayInputOutputStream extends ByteArrayOutputStream {
    ByteArrayInputOutputStream(int size) {
      super(size);
    }

    InputStream asInput() {
      return new java.io.ByteArrayInputStream(buf, 0, count);
    }
  }

  /**
   * elasticsearch-rest-client's RestClient (a false alarm met in the real world): the request body is gzipped
   * into an in-memory stream, the GZIPOutputStream's try-with-resources closes that stream too, and it is read
   * afterwards. Its class extends ByteArrayOutputStream and does not override close(): "Closing a
   * ByteArrayOutputStream has no effect", so it keeps working after its close.
   */
  static class CompliantInMemorySubclassReadAfterWrapperClosed {
    private InputStream content;

    void compress(byte[] entity) throws IOException {
      ByteArrayInputOutputStream out = new ByteArrayInputOutputStream(1024);
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(entity);
      }
      this.content = out.asInput();
    }

    InputStream content() {
      return content;
    }
  }

  /** A file stream closed by the GZIPOutputStream that wraps it, then written to: IOException: Stream Closed. */
  static class NoncompliantFileWrittenAfterWrapperClosed {
    void compress(String path, byte[] entity, byte[] trailer) throws IOException {
      java.io.FileOutputStream out = new java.io.FileOutputStream(path);
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(entity);
      }
      out.write(trailer); // hazard: DoubleClose
    }
  }

  static class FixedFileWrittenBeforeWrapperClosed {
    void compress(String path, byte[] entity, byte[] trailer) throws IOException {
      java.io.FileOutputStream out = new java.io.FileOutputStream(path);
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(entity);
        gz.finish();
        out.write(trailer);
      }
    }
  }

  /**
   * commons-jcs3's JCSAdminBean (a false alarm met in the real world): an element's size is measured by
   * serializing it into a counting stream of the library's own, declared in another file ({@link
   * CountingStream}); the ObjectOutputStream's try-with-resources closes that stream too, the finally closes
   * it again, and its count is read afterwards. Its class extends OutputStream and does not override
   * close(), which does nothing. A use after close is judged only on the JDK's own types
   * (CLOSED_USE_JUDGED_PACKAGES), whose closed behaviour the JDK documents.
   */
  static class CompliantLibraryStreamReadAfterWrapperClosed {
    int serializedSize(Object element) {
      CountingStream counter = new CountingStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(counter)) {
        out.writeObject(element);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        try {
          counter.close();
        } catch (IOException e) {
          // ignore
        }
      }
      // 4 bytes of the serialization header
      return counter.getCount() - 4;
    }
  }

  /**
   * A file stream closed by the ObjectOutputStream that wraps it, then written to: IOException: Stream
   * Closed. (A BufferedOutputStream in its place would take a small write after close into its buffer and
   * throw only at the next flush.)
   */
  static class NoncompliantFileWrittenAfterObjectStreamClosed {
    void save(String path, Object element, byte[] trailer) throws IOException {
      java.io.FileOutputStream file = new java.io.FileOutputStream(path);
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(file)) {
        out.writeObject(element);
      }
      file.write(trailer); // hazard: DoubleClose
    }
  }

  static class FixedFileWrittenBeforeObjectStreamClosed {
    void save(String path, Object element, byte[] trailer) throws IOException {
      java.io.FileOutputStream file = new java.io.FileOutputStream(path);
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(file)) {
        out.writeObject(element);
        out.flush();
        file.write(trailer);
      }
    }
  }
}
