package dev.crashguard.testdata.doubleclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.crash.Ranking;
import dev.crashguard.testdata.CrashEvidence;
import dev.crashguard.testdata.CrashEvidence.Explained;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proofs: the corpus' own noncompliant code, run on the real JDK, Netty and an H2 database, throws
 * what the reports saw ({@code IllegalMonitorStateException}, {@code IllegalReferenceCountException},
 * {@code IOException: Stream closed}, {@code IllegalStateException}, {@code SQLException}, {@code
 * RejectedExecutionException}), often in place of the exception that was on its way; the fixed version of
 * the same code does not. Everything here is deterministic: the only other thread holds a lock until a
 * latch lets it go, and a deferred executor runs what a future was handed only when the test says so.
 * There are no sleeps and no repetitions.
 *
 * <p>{@code java.lang.foreign.Arena} cannot be in the corpus (it is final API only from Java 22, the
 * corpus is compiled for 21); its proof calls the running JDK by reflection and is skipped before Java 22.
 */
class DoubleCloseCrashProofTest {

  static {
    // Netty logs listener failures instead of throwing them; route its logging to java.util.logging so
    // that the proof of the failed-write listener can read the record (set before any Netty class logs).
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
  }

  @TempDir Path dir;

  private Connection db;

  @BeforeEach
  void openDatabase() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:doubleclose" + System.nanoTime());
    try (Statement st = db.createStatement()) {
      st.execute("create table orders(id int)");
      st.execute("insert into orders values (1), (2), (3)");
    }
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    db.close();
  }

  private static final String LOCK = "double-close/lock-released-twice";
  private static final String REF_COUNT = "double-close/reference-count-zero";
  private static final String STREAM = "double-close/stream-used-after-close";
  private static final String CHANNEL = "double-close/channel-used-after-close";
  private static final String ARENA = "double-close/arena-already-closed";
  private static final String JDBC = "double-close/jdbc-object-closed";
  private static final String EXECUTOR = "double-close/executor-shut-down";

  /** Why a java.util.stream failure has no signature. */
  private static final String STREAM_REUSED =
      "the JDK says the same of a java.util.stream Stream consumed twice (a different bug), and nothing on the"
          + " stack tells a closed stream from a consumed one";

  private static final String GIVEN_AWAY =
      "the freed buffer is read by the next reader (here the test); the code that gave it away"
          + " without retain() has returned";

  private static final String RETURNED_CLOSED =
      "the caller uses what the method returned; the method whose try-with-resources closed it"
          + " has returned";

  private static final String ARENA_NOT_IN_CORPUS =
      "Arena is not in the corpus (final API from Java 22, the corpus is compiled for 21): the"
          + " test closes it";

  private static final String RECYCLED =
      "recycled already: the pooled entry's own IllegalStateException message";

  /**
   * Runs {@code crash}, expects {@code type}, prints it (the build log shows the proof), feeds its stack
   * trace to the crash signatures as {@code explained} says, returns it.
   */
  private static <T extends Throwable> T crash(String what, Class<T> type, Explained explained, Executable crash) {
    T e = assertThrows(type, crash, what);
    System.out.println("DoubleClose " + what + ": " + e);
    explained.check(CrashEvidence.trace(e));
    return e;
  }

  /** A record Netty logged, as the JDK's SimpleFormatter writes it to a log file, fed as {@code explained} says. */
  private static void explainLogged(LogRecord record, Explained explained) {
    explained.check(new SimpleFormatter().format(record));
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  private static ByteBuf bytes(int n) {
    ByteBuf buf = Unpooled.buffer(n);
    for (int i = 0; i < n; i++) {
      buf.writeByte('a' + i % 26);
    }
    return buf;
  }

  private Path file(String text) throws IOException {
    Path file = Files.createTempFile(dir, "dc", ".txt");
    Files.writeString(file, text);
    return file;
  }

  // ---- LockReleasedTwice -----------------------------------------------------------------------------

  @Test
  void aLockReleasedTwiceThrowsIllegalMonitorStateException() throws Exception {
    crash("early unlock, then finally", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, LockReleasedTwice.NoncompliantEarlyUnlock.class),
        () -> new LockReleasedTwice.NoncompliantEarlyUnlock().drain(true));
    crash("write lock released early, then finally", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, LockReleasedTwice.NoncompliantWriteLockReleasedEarly.class),
        () -> new LockReleasedTwice.NoncompliantWriteLockReleasedEarly().bump());
    crash("stamp released twice", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, LockReleasedTwice.NoncompliantStampReleasedTwice.class),
        () -> new LockReleasedTwice.NoncompliantStampReleasedTwice().moveAndNotify(1, () -> {}));

    LockReleasedTwice.FixedEarlyUnlock early = new LockReleasedTwice.FixedEarlyUnlock();
    assertEquals(0, early.drain(true));
    assertFalse(((ReentrantLock) field(early, "lock")).isLocked());
    assertEquals(1, new LockReleasedTwice.FixedWriteLockReleasedEarly().bump());
    new LockReleasedTwice.FixedStampReleasedTwice().moveAndNotify(1, () -> {});
  }

  /** helidon#299: the load failure is replaced by the read lock's "not locked by current thread". */
  @Test
  void theLockUpgradeReleasesTheReadLockTwiceWhenTheLoadFails() throws Exception {
    Supplier<String> failing = () -> {
      throw new IllegalStateException("load failed");
    };
    IllegalMonitorStateException e = crash("lock upgrade, load fails", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, LockReleasedTwice.NoncompliantLockUpgrade.class),
        () -> new LockReleasedTwice.NoncompliantLockUpgrade().get(failing));
    assertEquals("attempt to unlock read lock, not locked by current thread", e.getMessage());

    LockReleasedTwice.FixedLockUpgrade fixed = new LockReleasedTwice.FixedLockUpgrade();
    assertEquals("load failed", assertThrows(IllegalStateException.class, () -> fixed.get(failing)).getMessage());
    ReentrantReadWriteLock rw = (ReentrantReadWriteLock) field(fixed, "rw");
    assertEquals(0, rw.getReadLockCount(), "the fixed upgrade leaves no read hold behind");
    assertFalse(rw.isWriteLocked());
    assertEquals("v", fixed.get(() -> "v"));
  }

  /** RxStore#25: with two read holds to take back, the second pass unlocks a write lock no longer held. */
  @Test
  void anUnlockInsideTheLoopThrowsOnTheSecondPass() throws Exception {
    LockReleasedTwice.NoncompliantUnlockInLoop store = new LockReleasedTwice.NoncompliantUnlockInLoop();
    ReentrantReadWriteLock rw = (ReentrantReadWriteLock) field(store, "rw");
    rw.readLock().lock();
    rw.readLock().lock();
    try {
      crash("write lock unlocked in the loop", IllegalMonitorStateException.class,
          Explained.ranked(LOCK, LockReleasedTwice.NoncompliantUnlockInLoop.class),
          () -> store.write(() -> {}));
    } finally {
      while (rw.getReadHoldCount() > 0) {
        rw.readLock().unlock();
      }
    }

    LockReleasedTwice.FixedUnlockInLoop fixed = new LockReleasedTwice.FixedUnlockInLoop();
    ReentrantReadWriteLock fixedRw = (ReentrantReadWriteLock) field(fixed, "rw");
    fixedRw.readLock().lock();
    fixedRw.readLock().lock();
    fixed.write(() -> {});
    assertEquals(2, fixedRw.getReadHoldCount(), "the caller's read holds are back");
    assertFalse(fixedRw.isWriteLocked());
    fixedRw.readLock().unlock();
    fixedRw.readLock().unlock();
  }

  // ---- UnlockWithoutLock -----------------------------------------------------------------------------

  /**
   * A lock whose {@code lock()} fails, as a distributed lock's does when its server is gone (Sentinel#1429:
   * "If the lock acquisition fails"); its {@code unlock()} is a real {@code ReentrantLock}'s.
   */
  private static final class UnreachableLock implements Lock {
    private final ReentrantLock real = new ReentrantLock();

    @Override
    public void lock() {
      throw new IllegalStateException("lock server unreachable");
    }

    @Override
    public void lockInterruptibly() {
      lock();
    }

    @Override
    public boolean tryLock() {
      return false;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
      return false;
    }

    @Override
    public void unlock() {
      real.unlock();
    }

    @Override
    public Condition newCondition() {
      return real.newCondition();
    }
  }

  @Test
  void anUnlockAfterAFailedAcquireHidesTheFailure() throws Exception {
    crash("lock() inside try fails", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, UnlockWithoutLock.NoncompliantLockInsideTry.class),
        () -> new UnlockWithoutLock.NoncompliantLockInsideTry(new UnreachableLock()).enter());
    assertEquals("lock server unreachable",
        assertThrows(IllegalStateException.class,
            () -> new UnlockWithoutLock.FixedLockInsideTry(new UnreachableLock()).enter()).getMessage());

    // AMQ-9202: the interrupt turns into an IllegalMonitorStateException.
    Thread.currentThread().interrupt();
    crash("lockInterruptibly() inside try, interrupted", IllegalMonitorStateException.class,
        Explained.ranked(LOCK, UnlockWithoutLock.NoncompliantInterruptibleInsideTry.class),
        () -> new UnlockWithoutLock.NoncompliantInterruptibleInsideTry().advance());
    assertFalse(Thread.interrupted());
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> new UnlockWithoutLock.FixedInterruptibleInsideTry().advance());

    // nrjavaserial#145: interrupted in the tryLock loop, the catch returns and the finally unlocks.
    Thread.currentThread().interrupt();
    try {
      crash("interrupted tryLock loop", IllegalMonitorStateException.class,
          Explained.ranked(LOCK, UnlockWithoutLock.NoncompliantInterruptedTryLockLoop.class),
          () -> new UnlockWithoutLock.NoncompliantInterruptedTryLockLoop().close());
    } finally {
      Thread.interrupted();
    }
    Thread.currentThread().interrupt();
    new UnlockWithoutLock.FixedInterruptedTryLockLoop().close();
    assertTrue(Thread.interrupted(), "the fixed close keeps the interrupt and returns");
  }

  /** redisson#581: another thread holds the lock, tryLock says no, the unlock throws. */
  @Test
  void anUnlockAfterAFailedTryLockThrows() throws Exception {
    UnlockWithoutLock.NoncompliantTryLockIgnored noncompliant = new UnlockWithoutLock.NoncompliantTryLockIgnored();
    UnlockWithoutLock.FixedTryLockIgnored fixed = new UnlockWithoutLock.FixedTryLockIgnored();
    Lock held = (Lock) field(noncompliant, "lock");
    Lock heldToo = (Lock) field(fixed, "lock");
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread owner =
        new Thread(
            () -> {
              held.lock();
              heldToo.lock();
              try {
                taken.countDown();
                done.await(1, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                heldToo.unlock();
                held.unlock();
              }
            });
    owner.start();
    try {
      assertTrue(taken.await(1, TimeUnit.MINUTES));
      crash("tryLock result ignored", IllegalMonitorStateException.class,
          Explained.ranked(LOCK, UnlockWithoutLock.NoncompliantTryLockIgnored.class),
          noncompliant::runIfFree);
      fixed.runIfFree();
      assertEquals(0, field(fixed, "runs"), "the fixed version skips the work when the lock is busy");
    } finally {
      done.countDown();
      owner.join(TimeUnit.MINUTES.toMillis(1));
    }

    UnlockWithoutLock.NoncompliantZeroStamp zero = new UnlockWithoutLock.NoncompliantZeroStamp();
    StampedLock sl = (StampedLock) field(zero, "sl");
    long read = sl.readLock();
    try {
      crash("StampedLock tryWriteLock() stamp 0 unlocked", IllegalMonitorStateException.class,
          Explained.ranked(LOCK, UnlockWithoutLock.NoncompliantZeroStamp.class),
          zero::hitIfFree);
    } finally {
      sl.unlockRead(read);
    }
    UnlockWithoutLock.FixedZeroStamp fixedZero = new UnlockWithoutLock.FixedZeroStamp();
    StampedLock fixedSl = (StampedLock) field(fixedZero, "sl");
    long fixedRead = fixedSl.readLock();
    fixedZero.hitIfFree();
    fixedSl.unlockRead(fixedRead);
  }

  // ---- NettyBufferReleasedTwice ----------------------------------------------------------------------

  @Test
  void aNettyBufferReleasedTwiceThrowsIllegalReferenceCountException() {
    IllegalReferenceCountException e = crash("try and finally", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyBufferReleasedTwice.NoncompliantTryAndFinally.class),
        () -> new NettyBufferReleasedTwice.NoncompliantTryAndFinally().consume(bytes(4)));
    assertEquals("refCnt: 0, decrement: 1", e.getMessage());
    ByteBuf ok = bytes(4);
    new NettyBufferReleasedTwice.FixedTryAndFinally().consume(ok);
    assertEquals(0, ok.refCnt());

    crash("catch and finally (the sink's exception is lost)", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyBufferReleasedTwice.NoncompliantCatchAndFinally.class),
        () -> new NettyBufferReleasedTwice.NoncompliantCatchAndFinally().deliver(bytes(4), b -> {
          throw new IllegalStateException("sink down");
        }));
    ByteBuf msg = bytes(4);
    assertEquals("sink down", assertThrows(IllegalStateException.class,
        () -> new NettyBufferReleasedTwice.FixedCatchAndFinally().deliver(msg, b -> {
          throw new IllegalStateException("sink down");
        })).getMessage());
    assertEquals(0, msg.refCnt());

    // netty#3369: nothing to read, released, then closing the input fails and the catch releases again.
    InputStream emptyThenBroken =
        new InputStream() {
          @Override
          public int read() {
            return -1;
          }

          @Override
          public void close() throws IOException {
            throw new IOException("close failed");
          }
        };
    ByteBufAllocator alloc = io.netty.buffer.UnpooledByteBufAllocator.DEFAULT;
    crash("released, then the error path", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyBufferReleasedTwice.NoncompliantReleasedThenErrorPath.class),
        () -> new NettyBufferReleasedTwice.NoncompliantReleasedThenErrorPath().readOnce(alloc, emptyThenBroken, b -> {}));
    assertEquals(-1, new NettyBufferReleasedTwice.FixedReleasedThenErrorPath().readOnce(alloc, emptyThenBroken, b -> {}));

    crash("header released in the loop", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyBufferReleasedTwice.NoncompliantReleaseInLoop.class),
        () -> new NettyBufferReleasedTwice.NoncompliantReleaseInLoop().releaseAll(bytes(2), List.of(bytes(1), bytes(1))));
    ByteBuf header = bytes(2);
    List<ByteBuf> parts = List.of(bytes(1), bytes(1));
    new NettyBufferReleasedTwice.FixedReleaseInLoop().releaseAll(header, parts);
    assertEquals(0, header.refCnt());
    assertTrue(parts.stream().allMatch(p -> p.refCnt() == 0));
  }

  // ---- NettyOwnershipHandedAway ----------------------------------------------------------------------

  /**
   * What Netty logs under {@code loggerName} while {@code run} runs (and not to the console): Netty catches
   * some second releases itself and only logs them.
   */
  private static List<LogRecord> nettyLog(String loggerName, Runnable run) {
    List<LogRecord> records = new ArrayList<>();
    Logger log = Logger.getLogger(loggerName);
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    boolean parents = log.getUseParentHandlers();
    log.addHandler(capture);
    log.setUseParentHandlers(false);
    try {
      run.run();
    } finally {
      log.removeHandler(capture);
      log.setUseParentHandlers(parents);
    }
    return records;
  }

  private static Throwable loggedRefCountFailure(List<LogRecord> records) {
    LogRecord record = refCountRecord(records);
    return record == null ? null : record.getThrown();
  }

  private static LogRecord refCountRecord(List<LogRecord> records) {
    return records.stream()
        .filter(r -> r.getThrown() instanceof IllegalReferenceCountException)
        .findFirst()
        .orElse(null);
  }

  /** netty#10306: the write fails, Netty releases the frame, the listener's release throws (Netty logs it). */
  @Test
  void aReleaseInTheListenerOfAFailedWriteIsASecondRelease() {
    ByteBuf frame = bytes(8);
    List<LogRecord> records =
        nettyLog(
            "io.netty.util.concurrent.DefaultPromise",
            () -> {
              EmbeddedChannel closed = new EmbeddedChannel();
              closed.close();
              new NettyOwnershipHandedAway.NoncompliantReleasedAfterFailedWrite().send(closed, frame);
              closed.runPendingTasks();
            });
    assertEquals(0, frame.refCnt(), "Netty released the frame when the write failed");
    Throwable thrown = loggedRefCountFailure(records);
    assertNotNull(thrown, "the listener's release threw: " + records);
    System.out.println("DoubleClose release in a failed write's listener (logged by Netty): " + thrown);
    explainLogged(refCountRecord(records),
        Explained.ranked(REF_COUNT, NettyOwnershipHandedAway.NoncompliantReleasedAfterFailedWrite.class));

    ByteBuf frame2 = bytes(8);
    List<LogRecord> fixedRecords =
        nettyLog(
            "io.netty.util.concurrent.DefaultPromise",
            () -> {
              EmbeddedChannel closed = new EmbeddedChannel();
              closed.close();
              new NettyOwnershipHandedAway.FixedReleasedAfterFailedWrite().send(closed, frame2);
              closed.runPendingTasks();
            });
    assertEquals(0, frame2.refCnt());
    assertTrue(fixedRecords.stream().noneMatch(r -> r.getThrown() != null), fixedRecords.toString());
  }

  /** A handler that only remembers its context, for calling ctx.write as a handler would. */
  private static final class ContextHolder extends ChannelOutboundHandlerAdapter {
    ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }
  }

  @Test
  void aReleaseAfterWriteIsASecondReleaseAndTheFrameIsLost() {
    ContextHolder closedHolder = new ContextHolder();
    EmbeddedChannel closed = new EmbeddedChannel(closedHolder);
    closed.close();
    crash("release after ctx.write (closed channel)", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyOwnershipHandedAway.NoncompliantReleasedAfterWrite.class),
        () -> new NettyOwnershipHandedAway.NoncompliantReleasedAfterWrite().send(closedHolder.ctx, bytes(8)));

    // On an open channel the release frees the queued frame; the flush fails to write it, and Netty's own
    // release then fails too ("Failed to release a message: …(freed)", as in bookkeeper#1703).
    ContextHolder holder = new ContextHolder();
    EmbeddedChannel open = new EmbeddedChannel(holder);
    List<LogRecord> records =
        nettyLog(
            "io.netty.util.ReferenceCountUtil",
            () -> {
              new NettyOwnershipHandedAway.NoncompliantReleasedAfterWrite().send(holder.ctx, bytes(8));
              open.flush();
            });
    assertNull(open.readOutbound(), "the frame released after write() never reaches the wire");
    Throwable logged = loggedRefCountFailure(records);
    assertNotNull(logged, records.toString());
    System.out.println("DoubleClose release after ctx.write (open channel), Netty: " + records.get(0).getMessage()
        + " " + logged);
    explainLogged(refCountRecord(records),
        Explained.unranked(REF_COUNT, "the failing release is Netty's own, when the flush drops the frame; the"
            + " handler that released it after write() has returned"));

    ContextHolder fixedHolder = new ContextHolder();
    EmbeddedChannel fixedChannel = new EmbeddedChannel(fixedHolder);
    new NettyOwnershipHandedAway.FixedReleasedAfterWrite().send(fixedHolder.ctx, bytes(8));
    fixedChannel.flush();
    ByteBuf written = fixedChannel.readOutbound();
    assertEquals(8, written.readableBytes());
    assertTrue(written.release());
  }

  /** The next handler in the pipeline: reads the message; SimpleChannelInboundHandler releases it. */
  private static final class Consumer extends SimpleChannelInboundHandler<ByteBuf> {
    final AtomicInteger bytes = new AtomicInteger();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      bytes.addAndGet(msg.readableBytes());
      msg.skipBytes(msg.readableBytes());
    }
  }

  @Test
  void handlersThatReleaseWhatTheyPassedOnOrWhatTheirSuperclassReleases() {
    crash("fireChannelRead, then release", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, NettyOwnershipHandedAway.NoncompliantReleasedAfterFire.class),
        () -> new EmbeddedChannel(new NettyOwnershipHandedAway.NoncompliantReleasedAfterFire(), new Consumer())
            .writeInbound(bytes(8)));
    Consumer consumer = new Consumer();
    ByteBuf passed = bytes(8);
    new EmbeddedChannel(new NettyOwnershipHandedAway.FixedReleasedAfterFire(), consumer).writeInbound(passed);
    assertEquals(8, consumer.bytes.get());
    assertEquals(0, passed.refCnt());

    crash("release inside SimpleChannelInboundHandler.channelRead0", IllegalReferenceCountException.class,
        Explained.unranked(REF_COUNT, "the second release is SimpleChannelInboundHandler's own, after channelRead0"
            + " returned: the stack names the Netty superclass, not the handler"),
        () -> new EmbeddedChannel(new NettyOwnershipHandedAway.NoncompliantReleasedInSimpleHandler()).writeInbound(bytes(8)));
    ByteBuf handled = bytes(8);
    new EmbeddedChannel(new NettyOwnershipHandedAway.FixedReleasedInSimpleHandler()).writeInbound(handled);
    assertEquals(0, handled.refCnt());

    // netty#5829: fired on from channelRead0 without retain(): the next handler's release is the second.
    crash("fireChannelRead from channelRead0", IllegalReferenceCountException.class,
        Explained.unranked(REF_COUNT, "the next handler released it first; the second release is"
            + " SimpleChannelInboundHandler's own, after channelRead0 returned"),
        () -> new EmbeddedChannel(new NettyOwnershipHandedAway.NoncompliantFiredFromSimpleHandler(), new Consumer())
            .writeInbound(bytes(8)));
    // ... and a message queued at the end of the pipeline is freed before anyone reads it.
    EmbeddedChannel queued = new EmbeddedChannel(new NettyOwnershipHandedAway.NoncompliantFiredFromSimpleHandler());
    queued.writeInbound(bytes(8));
    ByteBuf freed = queued.readInbound();
    assertEquals(0, freed.refCnt());
    crash("reading the message it passed on", IllegalReferenceCountException.class,
        Explained.unranked(REF_COUNT, GIVEN_AWAY),
        freed::readByte);

    EmbeddedChannel retained = new EmbeddedChannel(new NettyOwnershipHandedAway.CompliantFiredRetained());
    retained.writeInbound(bytes(8));
    ByteBuf kept = retained.readInbound();
    assertEquals(1, kept.refCnt());
    assertEquals('a', kept.readByte());
    assertTrue(kept.release());
  }

  /** turms#599: one buffer written to two channels; once the first reader releases it, the second reads freed memory. */
  @Test
  void oneBufferWrittenToEveryChannelIsFreedUnderTheSecondReader() {
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();
    new NettyOwnershipHandedAway.NoncompliantWrittenToEveryChannel()
        .relay(List.of(first, second), Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
    ByteBuf one = first.readOutbound();
    ByteBuf two = second.readOutbound();
    assertSame(one, two, "both channels hold the same buffer with one reference");
    one.skipBytes(one.readableBytes());
    one.release();
    crash("the second channel reads the relayed buffer", IllegalReferenceCountException.class,
        Explained.unranked(REF_COUNT, GIVEN_AWAY),
        two::readByte);

    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    ByteBuf message = Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8);
    new NettyOwnershipHandedAway.FixedWrittenToEveryChannel().relay(List.<Channel>of(a, b), message);
    ByteBuf toA = a.readOutbound();
    ByteBuf toB = b.readOutbound();
    assertEquals("hello", toA.toString(StandardCharsets.UTF_8));
    toA.release();
    assertEquals("hello", toB.toString(StandardCharsets.UTF_8));
    toB.release();
    assertEquals(0, message.refCnt());
  }

  // ---- InnerReleasedAfterWrapper ---------------------------------------------------------------------

  @Test
  void aBufferReleasedAfterTheWrapperThatOwnedItThrows() throws IOException {
    crash("ByteBufInputStream(buf, true) closed, then buf released", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, InnerReleasedAfterWrapper.NoncompliantReleaseOnCloseStream.class),
        () -> new InnerReleasedAfterWrapper.NoncompliantReleaseOnCloseStream().certificateLength(bytes(8)));
    ByteBuf der = bytes(8);
    assertEquals(8, new InnerReleasedAfterWrapper.FixedReleaseOnCloseStream().certificateLength(der));
    assertEquals(0, der.refCnt());
    ByteBuf kept = bytes(8);
    assertEquals(8, new InnerReleasedAfterWrapper.CompliantStreamDoesNotRelease().certificateLength(kept));
    assertEquals(0, kept.refCnt());

    crash("reader over ByteBufInputStream(buf, true), then buf released", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, InnerReleasedAfterWrapper.NoncompliantReleaseOnCloseStream.class),
        () -> new InnerReleasedAfterWrapper.NoncompliantReleaseOnCloseStream()
            .firstLine(Unpooled.copiedBuffer("hello\nworld", StandardCharsets.UTF_8)));
    ByteBuf body = Unpooled.copiedBuffer("hello\nworld", StandardCharsets.UTF_8);
    assertEquals("hello", new InnerReleasedAfterWrapper.FixedReleaseOnCloseStream().firstLine(body));
    assertEquals(0, body.refCnt());

    crash("component released after its composite", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, InnerReleasedAfterWrapper.NoncompliantReleasedComponent.class),
        () -> new InnerReleasedAfterWrapper.NoncompliantReleasedComponent().frameLength(bytes(2), bytes(3)));
    ByteBuf header = bytes(2);
    ByteBuf payload = bytes(3);
    assertEquals(5, new InnerReleasedAfterWrapper.FixedReleasedComponent().frameLength(header, payload));
    assertEquals(0, header.refCnt());
    assertEquals(0, payload.refCnt());

    crash("buffer released after wrappedBuffer", IllegalReferenceCountException.class,
        Explained.ranked(REF_COUNT, InnerReleasedAfterWrapper.NoncompliantReleasedComponent.class),
        () -> new InnerReleasedAfterWrapper.NoncompliantReleasedComponent().joinedLength(bytes(2), bytes(3)));
    ByteBuf first = bytes(2);
    ByteBuf second = bytes(3);
    assertEquals(5, new InnerReleasedAfterWrapper.FixedReleasedComponent().joinedLength(first, second));
    assertEquals(0, first.refCnt());
    assertEquals(0, second.refCnt());
  }

  // ---- AutoCloseableClosedTwice ----------------------------------------------------------------------

  @Test
  void aNonIdempotentAutoCloseableClosedTwiceThrows() {
    crash("close() inside try-with-resources", IllegalStateException.class,
        Explained.onTheStack(AutoCloseableClosedTwice.NoncompliantCloseInsideTryWithResources.class,
            "the journal writer's own IllegalStateException message"),
        () -> new AutoCloseableClosedTwice.NoncompliantCloseInsideTryWithResources().append(new StringBuilder(), "row"));
    StringBuilder journal = new StringBuilder();
    new AutoCloseableClosedTwice.FixedCloseInsideTryWithResources().append(journal, "row");
    assertEquals("row\nCOMMIT\n", journal.toString());

    IllegalStateException e = crash("close in try and finally", IllegalStateException.class,
        Explained.onTheStack(AutoCloseableClosedTwice.NoncompliantCloseInTryAndFinally.class, RECYCLED),
        () -> new AutoCloseableClosedTwice.NoncompliantCloseInTryAndFinally().size(AutoCloseableClosedTwice.newPool()));
    assertEquals("recycled already", e.getMessage());
    Deque<AutoCloseableClosedTwice.PooledEntry> pool = AutoCloseableClosedTwice.newPool();
    assertEquals(16, new AutoCloseableClosedTwice.FixedCloseInTryAndFinally().size(pool));
    assertEquals(1, pool.size());

    java.util.function.Consumer<byte[]> failing = payload -> {
      throw new IllegalArgumentException("bad payload");
    };
    assertEquals("recycled already", crash("close in catch and finally (the handler's exception is lost)",
        IllegalStateException.class, Explained.onTheStack(AutoCloseableClosedTwice.NoncompliantCloseInCatchAndFinally.class, RECYCLED),
        () -> new AutoCloseableClosedTwice.NoncompliantCloseInCatchAndFinally()
            .process(AutoCloseableClosedTwice.newPool(), failing)).getMessage());
    Deque<AutoCloseableClosedTwice.PooledEntry> fixedPool = AutoCloseableClosedTwice.newPool();
    assertThrows(IllegalArgumentException.class,
        () -> new AutoCloseableClosedTwice.FixedCloseInCatchAndFinally().process(fixedPool, failing));
    assertEquals(1, fixedPool.size(), "recycled once");
  }

  /**
   * {@code Arena.close()} is documented not to be idempotent. The corpus cannot hold it (Java 22 API, the
   * corpus is compiled for 21), so the running JDK is called by reflection; {@code ofAuto()}'s arena
   * cannot be closed at all.
   */
  @Test
  void anArenaClosedTwiceThrowsAlreadyClosed() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 22, "Arena is final API from Java 22");
    Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
    AutoCloseable arena = (AutoCloseable) arenaType.getMethod("ofConfined").invoke(null);
    arena.close();
    assertEquals("Already closed", crash("Arena closed twice", IllegalStateException.class,
        Explained.unranked(ARENA, ARENA_NOT_IN_CORPUS),
        arena::close).getMessage());
    IllegalStateException inTwr =
        crash("Arena closed inside its try-with-resources", IllegalStateException.class,
            Explained.unranked(ARENA, ARENA_NOT_IN_CORPUS),
            () -> {
              try (AutoCloseable shared = (AutoCloseable) arenaType.getMethod("ofShared").invoke(null)) {
                shared.close();
              }
            });
    assertEquals("Already closed", inTwr.getMessage());
    AutoCloseable auto = (AutoCloseable) arenaType.getMethod("ofAuto").invoke(null);
    crash("Arena.ofAuto() closed", UnsupportedOperationException.class,
        Explained.nothing("UnsupportedOperationException: the automatic arena cannot be closed even once;"
            + " not a second close"),
        auto::close);
  }

  // ---- UseAfterClose ---------------------------------------------------------------------------------

  @Test
  void aResourceUsedAfterItsCloseThrows() throws Exception {
    Path file = file("header\nbody\n\nend\n");
    UseAfterClose.NoncompliantUsedAfterClose bad = new UseAfterClose.NoncompliantUsedAfterClose();
    UseAfterClose.FixedUsedAfterClose good = new UseAfterClose.FixedUsedAfterClose();

    assertEquals("Stream Closed", crash("FileInputStream.available() after close", IOException.class,
        Explained.ranked(STREAM, UseAfterClose.NoncompliantUsedAfterClose.class),
        () -> bad.sizeOf(file.toString())).getMessage());
    assertEquals(4 + Files.size(file) - 4, good.sizeOf(file.toString()));

    assertEquals("Stream closed", crash("BufferedReader.readLine() after close", IOException.class,
        Explained.ranked(STREAM, UseAfterClose.NoncompliantUsedAfterClose.class),
        () -> bad.headerAndFirstLine(file)).getMessage());
    assertEquals("headerbody", good.headerAndFirstLine(file));

    Path report = dir.resolve("report.txt");
    assertEquals("Stream closed", crash("Writer.write() after close", IOException.class,
        Explained.ranked(STREAM, UseAfterClose.NoncompliantUsedAfterClose.class),
        () -> bad.writeReport(report, "body")).getMessage());
    good.writeReport(report, "body");
    assertEquals("body\n-- end\n", Files.readString(report));

    assertEquals("stream has already been operated upon or closed",
        crash("Stream used after close", IllegalStateException.class,
            Explained.onTheStack(UseAfterClose.NoncompliantUsedAfterClose.class, STREAM_REUSED),
            () -> bad.countNonBlank(file, true)).getMessage());
    assertEquals(3, good.countNonBlank(file, false));

    crash("ResultSet read after close", SQLException.class,
        Explained.ranked(JDBC, UseAfterClose.NoncompliantUsedAfterClose.class),
        () -> bad.total(db));
    assertEquals(3, good.total(db));

    crash("ExecutorService used after close", RejectedExecutionException.class,
        Explained.ranked(EXECUTOR, UseAfterClose.NoncompliantUsedAfterClose.class),
        () -> bad.flushAndStop(() -> {}));
    assertNull(good.flushAndStop(() -> {}).get(1, TimeUnit.MINUTES));
  }

  @Test
  void aResourceUsedAfterItsOwnerWasClosedThrows() throws Exception {
    Path file = file("header\nbody\n");
    UseAfterClose.NoncompliantUsedAfterOwnerClosed bad = new UseAfterClose.NoncompliantUsedAfterOwnerClosed();
    UseAfterClose.FixedUsedAfterOwnerClosed good = new UseAfterClose.FixedUsedAfterOwnerClosed();

    crash("ResultSet read after its statement's try-with-resources", SQLException.class,
        Explained.ranked(JDBC, UseAfterClose.NoncompliantUsedAfterOwnerClosed.class),
        () -> bad.hasOrders(db));
    assertTrue(good.hasOrders(db));

    try (InputStream in = new FileInputStream(file.toFile())) {
      assertEquals("Stream Closed", crash("stream read after the reader wrapping it was closed", IOException.class,
          Explained.ranked(STREAM, UseAfterClose.NoncompliantUsedAfterOwnerClosed.class),
          () -> bad.headerThenRest(in)).getMessage());
    }
    try (InputStream in = new FileInputStream(file.toFile())) {
      assertEquals("header".length() + 'b', good.headerThenRest(in));
    }

    UseAfterClose.CompliantUsableAfterClose usable = new UseAfterClose.CompliantUsableAfterClose();
    assertEquals("body", new String(usable.render("body"), StandardCharsets.UTF_8));
    assertEquals("body", usable.text("body"));
  }

  @Test
  void aWrapperThatWritesToTheChannelItClosedThrowsFromItsOwnClose() throws Exception {
    Path out = dir.resolve("trailer.bin");
    java.nio.channels.Channel bad = new UseAfterClose.NoncompliantWrapperWritesToItsClosedDelegate.TrailerChannel(
        java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE));
    crash("channel written after the wrapper closed it", java.nio.channels.ClosedChannelException.class,
        Explained.ranked(CHANNEL, UseAfterClose.NoncompliantWrapperWritesToItsClosedDelegate.class),
        bad::close);
    assertEquals(0, Files.size(out));

    java.nio.channels.Channel good = new UseAfterClose.FixedWrapperWritesItsTrailerFirst.TrailerChannel(
        java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.WRITE));
    good.close();
    assertEquals(4, Files.size(out));
    assertFalse(good.isOpen());
  }

  @Test
  void aFileStreamWrittenAfterTheGzipStreamWrappingItClosedItThrows() throws Exception {
    Path out = dir.resolve("body.gz");
    byte[] trailer = {'\n'};
    assertEquals("Stream Closed", crash("FileOutputStream written after the GZIPOutputStream around it closed", IOException.class,
        Explained.ranked(STREAM, UseAfterClose.NoncompliantFileWrittenAfterWrapperClosed.class),
        () -> new UseAfterClose.NoncompliantFileWrittenAfterWrapperClosed().compress(out.toString(), new byte[] {1, 2}, trailer))
        .getMessage());

    new UseAfterClose.FixedFileWrittenBeforeWrapperClosed().compress(out.toString(), new byte[] {1, 2}, trailer);
    byte[] written = Files.readAllBytes(out);
    assertEquals('\n', written[written.length - 1]);

    UseAfterClose.CompliantInMemorySubclassReadAfterWrapperClosed inMemory = new UseAfterClose.CompliantInMemorySubclassReadAfterWrapperClosed();
    inMemory.compress(new byte[] {1, 2});
    try (InputStream gz = new java.util.zip.GZIPInputStream(inMemory.content())) {
      assertEquals(2, gz.readAllBytes().length);
    }
  }

  @Test
  void aFileStreamWrittenAfterTheObjectStreamWrappingItClosedItThrows() throws Exception {
    Path out = dir.resolve("element.ser");
    byte[] trailer = {'\n'};
    assertEquals("Stream Closed", crash("FileOutputStream written after the ObjectOutputStream around it closed", IOException.class,
        Explained.ranked(STREAM, UseAfterClose.NoncompliantFileWrittenAfterObjectStreamClosed.class),
        () -> new UseAfterClose.NoncompliantFileWrittenAfterObjectStreamClosed().save(out.toString(), "element", trailer))
        .getMessage());

    new UseAfterClose.FixedFileWrittenBeforeObjectStreamClosed().save(out.toString(), "element", trailer);
    byte[] written = Files.readAllBytes(out);
    assertEquals('\n', written[written.length - 1]);
  }

  // ---- EscapesTryWithResources -----------------------------------------------------------------------

  @Test
  void aResourceReturnedFromItsTryWithResourcesArrivesClosed() throws Exception {
    Path file = file("one\n\ntwo\n");
    EscapesTryWithResources.NoncompliantReturned returned = new EscapesTryWithResources.NoncompliantReturned();
    EscapesTryWithResources.FixedReturned fixedReturned = new EscapesTryWithResources.FixedReturned();

    InputStream closed = returned.open(file.toString());
    assertEquals("Stream Closed", crash("returned FileInputStream", IOException.class,
        Explained.unranked(STREAM, RETURNED_CLOSED),
        closed::available).getMessage());
    try (InputStream open = fixedReturned.open(file.toString())) {
      assertEquals(Files.size(file), open.available());
    }

    Stream<String> lines = returned.lines(file);
    assertEquals("stream has already been operated upon or closed",
        crash("returned Files.lines", IllegalStateException.class,
            Explained.nothing(STREAM_REUSED),
            lines::count).getMessage());
    try (Stream<String> open = fixedReturned.lines(file)) {
      assertEquals(3, open.count());
    }

    EscapesTryWithResources.NoncompliantReturnedThroughDependent dependent =
        new EscapesTryWithResources.NoncompliantReturnedThroughDependent();
    Stream<String> derived = dependent.nonBlank(file);
    assertEquals("source already consumed or closed",
        crash("returned lines.filter(…)", IllegalStateException.class,
            Explained.nothing(STREAM_REUSED),
            derived::count).getMessage());
    Stream<String> readerLines = dependent.linesOf(file);
    UncheckedIOException unchecked = crash("returned reader.lines()", UncheckedIOException.class,
        Explained.unranked(STREAM, RETURNED_CLOSED),
        readerLines::count);
    assertEquals("Stream closed", unchecked.getCause().getMessage());
    java.sql.ResultSet rs = dependent.query(db, "select id from orders");
    crash("returned ResultSet of a closed statement", SQLException.class,
        Explained.unranked(JDBC, RETURNED_CLOSED),
        rs::next);

    EscapesTryWithResources.FixedReturnedThroughDependent fixedDependent =
        new EscapesTryWithResources.FixedReturnedThroughDependent();
    assertEquals(List.of("one", "two"), fixedDependent.nonBlank(file));
    try (Stream<String> open = fixedDependent.linesOf(file)) {
      assertEquals(3, open.count());
    }
    assertTrue(fixedDependent.query(db, "select id from orders"));
    assertEquals(3, new EscapesTryWithResources.CompliantInMemory().copy(new byte[] {1, 2, 3}).readAllBytes().length);
  }

  @Test
  void aResourceStoredOrCapturedInsideItsTryWithResourcesIsClosedWhenUsed() throws Exception {
    Path file = file("select 1;\nselect 2;\n");
    EscapesTryWithResources.NoncompliantStored stored = new EscapesTryWithResources.NoncompliantStored();
    stored.prepare(file);
    assertEquals("Stream closed", crash("stored reader", IOException.class,
        Explained.ranked(STREAM, EscapesTryWithResources.NoncompliantStored.class),
        stored::nextStatement).getMessage());
    EscapesTryWithResources.FixedStored fixedStored = new EscapesTryWithResources.FixedStored();
    fixedStored.prepare(file);
    assertEquals("select 1;", fixedStored.nextStatement());
    fixedStored.finish();

    // smithy-java#500: the future's task runs after the method returned; the executor runs it when told.
    List<Runnable> later = new ArrayList<>();
    CompletableFuture<byte[]> future =
        new EscapesTryWithResources.NoncompliantCapturedByLaterCode().readAsync(file, later::add);
    later.forEach(Runnable::run);
    CompletionException failed = crash("stream captured by a later task", CompletionException.class,
        Explained.ranked(CHANNEL, EscapesTryWithResources.NoncompliantCapturedByLaterCode.class),
        future::join);
    assertTrue(failed.getCause() instanceof UncheckedIOException, failed.toString());
    System.out.println("DoubleClose   caused by: " + failed.getCause().getCause());

    later.clear();
    CompletableFuture<byte[]> fixedFuture = new EscapesTryWithResources.FixedCapturedByLaterCode().readAsync(file, later::add);
    later.forEach(Runnable::run);
    assertEquals(Files.size(file), fixedFuture.join().length);

    Supplier<Long> lazy = new EscapesTryWithResources.NoncompliantCapturedByLaterCode().lazyCount(file);
    crash("lines captured by a returned lambda", IllegalStateException.class,
        Explained.onTheStack(EscapesTryWithResources.NoncompliantCapturedByLaterCode.class, STREAM_REUSED),
        lazy::get);
    assertEquals(2L, new EscapesTryWithResources.FixedCapturedByLaterCode().lazyCount(file).get());
  }

  /**
   * Compliant twins that look like the cases above and work: a future joined inside the
   * try-with-resources, a value computed inside it, and a closed ByteArrayInputStream, which still reads.
   */
  @Test
  void aReaderKeptInAFieldFromItsTryWithResourcesIsClosedWhenReadLater() throws Exception {
    Path file = file("header\nbody\n");
    EscapesTryWithResources.NoncompliantJdkReaderStored bad = new EscapesTryWithResources.NoncompliantJdkReaderStored();
    assertEquals("header".length(), bad.skipHeader(file));
    assertEquals("Stream closed", crash("reader kept in a field and read after its try-with-resources", IOException.class,
        Explained.ranked(STREAM, EscapesTryWithResources.NoncompliantJdkReaderStored.class),
        bad::nextLine).getMessage());

    EscapesTryWithResources.FixedJdkReaderReadInside good = new EscapesTryWithResources.FixedJdkReaderReadInside();
    assertEquals("header".length(), good.skipHeader(file));
    assertEquals("body", good.nextLine());
  }

  @Test
  void compliantTwinsThatLookAlikeDoNotFail() throws Exception {
    Path file = file("one\ntwo\n");
    byte[] read = new EscapesTryWithResources.CompliantLambdaRunsInside().readOnPool(file, Runnable::run);
    assertEquals(Files.size(file), read.length);
    assertEquals(2, new EscapesTryWithResources.CompliantValueComputedInside().count(file));
    try (InputStream in = new ByteArrayInputStream(new byte[] {1})) {
      in.close();
      assertEquals(1, in.read());
    }
  }
}
