package dev.crashguard.testdata.doubleclose;

import java.io.FileOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An {@code AutoCloseable} that does not promise idempotence (it is no {@code java.io.Closeable}) closed
 * twice on one path. {@code AutoCloseable.close()} "is not required to be idempotent … calling this close
 * method more than once may have some visible side effect": a pooled object is recycled twice and the pool
 * throws, a writer writes its trailer twice, {@code Arena.close()} throws {@code IllegalStateException:
 * Already closed}. The types below behave like the ones in the reports.
 *
 * <p>Written from real reports: an explicit {@code close()} inside the try-with-resources that closes the
 * writer again (questdb/questdb#22, "ungraceful failure on double-closing writer"; the same shape for a
 * memory scope in eclipse-openj9/openj9#17927, {@code IllegalStateException: Already closed}); a pooled
 * entry closed twice, which the pool's recycler rejects (apache/bookkeeper#1476, {@code
 * IllegalStateException: recycled already} at {@code LedgerEntryImpl.close}); a database handle closed in
 * the {@code try} and again in {@code finally} (WildMeOrg/Wildbook#965: "An exception can be thrown due to a
 * database close in the try{} block and then again in the finally{} block", and #1153); a close in a
 * {@code catch} and again in {@code finally}.
 *
 * <p>The compliant twins close twice and are right: a {@code java.io.Closeable} (its second close has no
 * effect, and closing in the {@code try} to see the close's own exception, then again in {@code finally},
 * is a known idiom: h2oai/h2o-3#4060), a JDBC connection (documented no-op), the {@code close(); x = null;}
 * idiom with a null check, a closed flag, closes on different branches, and a variable given a new object
 * between the two closes.
 */
public class AutoCloseableClosedTwice {

  /** Like BookKeeper's LedgerEntryImpl: close() hands the entry back to its pool, which refuses it twice. */
  static final class PooledEntry implements AutoCloseable {
    private final Deque<PooledEntry> pool;
    private final byte[] payload = new byte[16];
    private boolean recycled;

    PooledEntry(Deque<PooledEntry> pool) {
      this.pool = pool;
    }

    static PooledEntry take(Deque<PooledEntry> pool) {
      PooledEntry entry = pool.poll();
      if (entry == null) {
        return new PooledEntry(pool);
      }
      entry.recycled = false;
      return entry;
    }

    byte[] payload() {
      return payload;
    }

    @Override
    public void close() {
      if (recycled) {
        throw new IllegalStateException("recycled already");
      }
      recycled = true;
      pool.push(this);
    }
  }

  /** Like QuestDB's JournalWriter: close() commits and releases its file lock, and fails when done twice. */
  static final class JournalWriter implements AutoCloseable {
    private final StringBuilder journal;
    private boolean open = true;

    JournalWriter(StringBuilder journal) {
      this.journal = journal;
    }

    void append(String row) {
      journal.append(row).append('\n');
    }

    @Override
    public void close() {
      if (!open) {
        throw new IllegalStateException("journal writer is already closed");
      }
      open = false;
      journal.append("COMMIT\n");
    }
  }

  static void handle(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException("empty");
    }
  }

  /** questdb#22: the writer is closed by hand and then by the try-with-resources. */
  static class NoncompliantCloseInsideTryWithResources {
    void append(StringBuilder journal, String row) {
      try (JournalWriter writer = new JournalWriter(journal)) {
        writer.append(row);
        writer.close(); // hazard: DoubleClose
      }
    }
  }

  /** Wildbook#965: closed in the try before returning, and again by finally. */
  static class NoncompliantCloseInTryAndFinally {
    int size(Deque<PooledEntry> pool) {
      PooledEntry entry = PooledEntry.take(pool);
      try {
        int n = entry.payload().length;
        entry.close();
        return n;
      } finally {
        entry.close(); // hazard: DoubleClose
      }
    }
  }

  /** bookkeeper#1476: the error path closes the entry, and the finally closes it again. */
  static class NoncompliantCloseInCatchAndFinally {
    void process(Deque<PooledEntry> pool, Consumer<byte[]> handler) {
      PooledEntry entry = PooledEntry.take(pool);
      try {
        handler.accept(entry.payload());
      } catch (RuntimeException e) {
        entry.close();
        throw e;
      } finally {
        entry.close(); // hazard: DoubleClose
      }
    }
  }

  /** h2o-3#4060: a Closeable closed in the try (to see its exception) and again in finally is harmless. */
  static class CompliantIdempotentCloseable {
    void store(Properties config, String file) throws IOException {
      FileOutputStream output = new FileOutputStream(file);
      try {
        config.store(output, "");
        output.close();
      } finally {
        output.close();
      }
    }
  }

  /** A JDBC connection: "close on an already closed Connection is a no-op". */
  static class CompliantIdempotentConnection {
    int count(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        int n = st.executeUpdate("delete from expired");
        c.close();
        return n;
      }
    }
  }

  /** The close is recorded by nulling the variable; the finally checks. */
  static class CompliantNulledAfterClose {
    void process(Deque<PooledEntry> pool, Consumer<byte[]> handler) {
      PooledEntry entry = PooledEntry.take(pool);
      try {
        handler.accept(entry.payload());
      } catch (RuntimeException e) {
        entry.close();
        entry = null;
        throw e;
      } finally {
        if (entry != null) {
          entry.close();
        }
      }
    }
  }

  /** A closed flag, as Ktor and BookKeeper's fixes keep one. */
  static class CompliantClosedFlag {
    void append(StringBuilder journal, String row, boolean commitEarly) {
      JournalWriter writer = new JournalWriter(journal);
      boolean closed = false;
      try {
        writer.append(row);
        if (commitEarly) {
          writer.close();
          closed = true;
        }
      } finally {
        if (!closed) {
          writer.close();
        }
      }
    }
  }

  /** One close on each branch of an if and of a switch. */
  static class CompliantBranches {
    int size(Deque<PooledEntry> pool, int mode) {
      PooledEntry entry = PooledEntry.take(pool);
      if (mode > 0) {
        int n = entry.payload().length;
        entry.close();
        return n;
      } else {
        entry.close();
      }
      PooledEntry other = PooledEntry.take(pool);
      switch (mode) {
        case -1 -> other.close();
        case -2 -> {
          handle(other.payload());
          other.close();
        }
        default -> other.close();
      }
      return 0;
    }
  }

  /** The variable holds a new entry between the two closes. */
  static class CompliantReassignedBetween {
    int sizes(Deque<PooledEntry> pool) {
      PooledEntry entry = PooledEntry.take(pool);
      int n = entry.payload().length;
      entry.close();
      entry = PooledEntry.take(pool);
      n += entry.payload().length;
      entry.close();
      return n;
    }
  }

  /**
   * Two closes under two {@code if}s whose conditions exclude each other: at most one runs. Whether they
   * exclude each other is arithmetic no engine follows, so two closes in two different {@code if}s are
   * not judged (a close in an {@code if} and another after it, on the path where the condition held, are).
   */
  static class CompliantExclusiveConditions {
    void finish(Deque<PooledEntry> pool, int version) {
      PooledEntry entry = PooledEntry.take(pool);
      handle(entry.payload());
      if (version == 2) {
        entry.close();
      }
      if (version == 4) {
        entry.close();
      }
    }

    /** netty's ByteBufInputStream: each argument check releases before it throws; no input fails both. */
    byte[] open(Deque<PooledEntry> pool, int length) {
      PooledEntry entry = PooledEntry.take(pool);
      if (length < 0) {
        entry.close();
        checkPositiveOrZero(length);
      }
      if (length > entry.payload().length) {
        entry.close();
        throw new IndexOutOfBoundsException("length " + length);
      }
      return entry.payload();
    }

    static int checkPositiveOrZero(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("negative: " + value);
      }
      return value;
    }
  }

  static class FixedCloseInsideTryWithResources {
    void append(StringBuilder journal, String row) {
      try (JournalWriter writer = new JournalWriter(journal)) {
        writer.append(row);
      }
    }
  }

  static class FixedCloseInTryAndFinally {
    int size(Deque<PooledEntry> pool) {
      PooledEntry entry = PooledEntry.take(pool);
      try {
        return entry.payload().length;
      } finally {
        entry.close();
      }
    }
  }

  static class FixedCloseInCatchAndFinally {
    void process(Deque<PooledEntry> pool, Consumer<byte[]> handler) {
      try (PooledEntry entry = PooledEntry.take(pool)) {
        handler.accept(entry.payload());
      }
    }
  }

  /** A pool for the crash proofs. */
  static Deque<PooledEntry> newPool() {
    return new ArrayDeque<>();
  }
}
