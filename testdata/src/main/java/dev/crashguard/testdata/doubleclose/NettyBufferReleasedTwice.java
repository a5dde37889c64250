package dev.crashguard.testdata.doubleclose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Netty buffer released twice on one path. The release that takes the count to 0 frees the memory (or
 * returns it to the pool); one more throws {@code IllegalReferenceCountException: refCnt: 0, decrement: 1}
 * or, once the pool has handed the memory to another owner, frees that owner's buffer under it.
 * {@code ReferenceCountUtil.release(msg)} is {@code msg.release()}; {@code safeRelease} only logs the same
 * exception ("Failed to release a message").
 *
 * <p>Written from real reports: the read loop that releases the buffer when nothing was read, after which
 * the error path releases it again (netty/netty#3369, "refCnt: 0, decrement: 1" in {@code
 * handleReadException}, fixed by {@code byteBuf.release(); byteBuf = null;}, netty/netty#3371); a release in
 * the normal path and another when a later step throws (apache/uniffle#1536, fixed by nulling the field);
 * a buffer closed twice through two shutdown paths, each releasing it (apache/bookkeeper#1703, where the
 * reviewer refused {@code safeRelease} because "it hides the problem"; Ktor's fix KTOR-1801 in
 * ktorio/ktor#2345 used an {@code AtomicBoolean} released-flag instead); and a release meant for after a
 * loop written inside it.
 *
 * <p>The compliant twins release one buffer twice on one path and are right: a {@code retain()} between the
 * two releases, a {@code retainedDuplicate()} released besides the original, releases on different
 * branches, the release followed by {@code = null} and a null check, an {@code AtomicBoolean} that lets
 * one release through, and two different buffers.
 */
public class NettyBufferReleasedTwice {

  static int checksum(ByteBuf buf) {
    int sum = 0;
    for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
      sum += buf.getByte(i);
    }
    return sum;
  }

  /** Released on the way out of the try, and again by finally. */
  static class NoncompliantTryAndFinally {
    int consume(ByteBuf frame) {
      try {
        int sum = checksum(frame);
        frame.release();
        return sum;
      } finally {
        frame.release(); // hazard: DoubleClose
      }
    }
  }

  /** The catch releases (quietly, it thinks), and the finally releases again. */
  static class NoncompliantCatchAndFinally {
    void deliver(ByteBuf msg, Consumer<ByteBuf> sink) {
      try {
        sink.accept(msg.duplicate());
      } catch (RuntimeException e) {
        ReferenceCountUtil.safeRelease(msg);
        throw e;
      } finally {
        ReferenceCountUtil.release(msg); // hazard: DoubleClose
      }
    }
  }

  /** netty#3369: nothing was read, the buffer is released, closing the input fails, the catch releases again. */
  static class NoncompliantReleasedThenErrorPath {
    int readOnce(ByteBufAllocator alloc, InputStream in, Consumer<ByteBuf> pipeline) {
      ByteBuf byteBuf = alloc.heapBuffer(1024);
      try {
        int read = byteBuf.writeBytes(in, 1024);
        if (read <= 0) {
          byteBuf.release();
          in.close();
          return read;
        }
        pipeline.accept(byteBuf);
        return read;
      } catch (IOException e) {
        byteBuf.release(); // hazard: DoubleClose
        return -1;
      }
    }
  }

  /** The header is released once per part: meant for after the loop. */
  static class NoncompliantReleaseInLoop {
    void releaseAll(ByteBuf header, List<ByteBuf> parts) {
      for (ByteBuf part : parts) {
        part.release();
        header.release(); // hazard: DoubleClose
      }
    }
  }

  /** A retain() between the two releases: the second gives back the reference the retain took. */
  static class CompliantRetainedBetween {
    int consumeTwice(ByteBuf frame, Consumer<ByteBuf> audit) {
      frame.retain();
      audit.accept(frame.duplicate());
      frame.release();
      int sum = checksum(frame);
      frame.release();
      return sum;
    }
  }

  /** A retained duplicate has a reference of its own: both handles are released once. */
  static class CompliantRetainedDuplicate {
    int inspect(ByteBuf frame) {
      ByteBuf view = frame.retainedDuplicate();
      try {
        return checksum(view);
      } finally {
        view.release();
        frame.release();
      }
    }
  }

  /** One release on each branch. */
  static class CompliantBranches {
    int consume(ByteBuf frame, boolean valid) {
      if (valid) {
        int sum = checksum(frame);
        frame.release();
        return sum;
      } else {
        ReferenceCountUtil.release(frame);
        return -1;
      }
    }
  }

  /**
   * uniffle#1536 fixed: the field is released and set to null before the step that may throw, and every
   * release checks for null; {@code close()} after {@code next()} releases each buffer once.
   */
  static class CompliantNulledAfterRelease {
    private ByteBuf current;

    void next(Supplier<ByteBuf> source) {
      if (current != null) {
        current.release();
        current = null;
      }
      current = source.get();
    }

    void close() {
      if (current != null) {
        current.release();
        current = null;
      }
    }

    void skipAndClose(Supplier<ByteBuf> source) {
      next(source);
      current.release();
      current = null;
      close();
    }
  }

  /** KTOR-1801: termination may run twice; the flag lets one release through. */
  static class CompliantReleasedOnce {
    private final AtomicBoolean released = new AtomicBoolean();
    private final ByteBuf buffer;

    CompliantReleasedOnce(ByteBuf buffer) {
      this.buffer = buffer;
    }

    void terminate() {
      if (released.compareAndSet(false, true)) {
        buffer.release();
      }
    }

    void close() {
      terminate();
      terminate();
    }
  }

  /** Two buffers, each released once, one in the try and one in finally. */
  static class CompliantTwoBuffers {
    int consume(ByteBuf header, ByteBuf body) {
      try {
        int sum = checksum(header);
        header.release();
        return sum + checksum(body);
      } finally {
        body.release();
      }
    }
  }

  /**
   * netty's HttpObjectEncoder: a helper of the class that always throws. The release in the {@code
   * finally} around it runs only on the way out, so the release after the {@code if} is on another path.
   */
  static class CompliantAlwaysThrowingHelper {
    private static void throwUnexpected(Object msg, int state) {
      throw new IllegalStateException("unexpected message " + msg + " in state " + state);
    }

    void encode(Object msg, int state) {
      if (state != 0) {
        try {
          throwUnexpected(msg, state);
        } finally {
          ReferenceCountUtil.release(msg);
        }
      }
      ReferenceCountUtil.release(msg);
    }
  }

  static class FixedTryAndFinally {
    int consume(ByteBuf frame) {
      try {
        return checksum(frame);
      } finally {
        frame.release();
      }
    }
  }

  static class FixedCatchAndFinally {
    void deliver(ByteBuf msg, Consumer<ByteBuf> sink) {
      try {
        sink.accept(msg.duplicate());
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  static class FixedReleasedThenErrorPath {
    int readOnce(ByteBufAllocator alloc, InputStream in, Consumer<ByteBuf> pipeline) {
      ByteBuf byteBuf = alloc.heapBuffer(1024);
      try {
        int read = byteBuf.writeBytes(in, 1024);
        if (read <= 0) {
          byteBuf.release();
          byteBuf = null;
          in.close();
          return read;
        }
        pipeline.accept(byteBuf);
        return read;
      } catch (IOException e) {
        if (byteBuf != null) {
          byteBuf.release();
        }
        return -1;
      }
    }
  }

  static class FixedReleaseInLoop {
    void releaseAll(ByteBuf header, List<ByteBuf> parts) {
      for (ByteBuf part : parts) {
        part.release();
      }
      header.release();
    }
  }

  /**
   * netty's AbstractCoalescingBufferQueue.copyAndCompose (a false alarm met in the real world): the catch
   * releases the buffer and ends in PlatformDependent.throwException, which always throws (the knowledge's
   * NEVER_RETURNING_METHODS); the release after the try runs only when the copy succeeded.
   */
  static class CompliantCatchEndsInSneakyThrow {
    ByteBuf copy(ByteBufAllocator alloc, ByteBuf next) {
      ByteBuf out = alloc.ioBuffer(next.readableBytes());
      try {
        out.writeBytes(next);
      } catch (Throwable cause) {
        out.release();
        ReferenceCountUtil.safeRelease(next);
        io.netty.util.internal.PlatformDependent.throwException(cause);
      }
      next.release();
      return out;
    }
  }

  /** The same catch ending in a log line: the release after the try runs on the failed path too. */
  static class NoncompliantCatchLogsAndFallsThrough {
    ByteBuf copy(ByteBufAllocator alloc, ByteBuf next) {
      ByteBuf out = alloc.ioBuffer(next.readableBytes());
      try {
        out.writeBytes(next);
      } catch (RuntimeException cause) {
        ReferenceCountUtil.safeRelease(next);
        System.err.println("copy failed: " + cause);
      }
      next.release(); // hazard: DoubleClose (not: pmd — PMD's shapes do not follow a catch block that falls through to the code after its try; Error Prone and SpotBugs walk every path)
      return out;
    }
  }

  static class FixedCatchRethrows {
    ByteBuf copy(ByteBufAllocator alloc, ByteBuf next) {
      ByteBuf out = alloc.ioBuffer(next.readableBytes());
      try {
        out.writeBytes(next);
      } catch (RuntimeException cause) {
        out.release();
        ReferenceCountUtil.safeRelease(next);
        throw cause;
      }
      next.release();
      return out;
    }
  }

  /**
   * netty's AbstractCoalescingBufferQueue.remove (netty-transport 4.2; a false alarm met in the real world):
   * each buffer polled from the queue is merged into {@code toReturn} and forgotten ({@code entryBuffer =
   * null}) before the next call that can throw, so the catch releases two different buffers. One
   * {@code poll()} made both: the buffer polled now and the one an earlier iteration left in {@code toReturn}.
   */
  abstract static class CompliantLoopCarriedAccumulator {
    private final java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
    private int readableBytes;

    abstract ByteBuf compose(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf next);

    ByteBuf removeAll(ByteBufAllocator alloc) {
      ByteBuf toReturn = null;
      ByteBuf entryBuffer = null;
      try {
        for (;;) {
          Object entry = queue.poll();
          if (entry == null) {
            break;
          }
          if (entry instanceof ByteBuf) {
            entryBuffer = (ByteBuf) entry;
            readableBytes -= entryBuffer.readableBytes();
            toReturn = toReturn == null ? entryBuffer : compose(alloc, toReturn, entryBuffer);
            entryBuffer = null;
          }
        }
      } catch (Throwable cause) {
        ReferenceCountUtil.safeRelease(entryBuffer);
        ReferenceCountUtil.safeRelease(toReturn);
        throw cause;
      }
      return toReturn;
    }
  }

  /**
   * The polled buffer is forgotten only after a check that can throw: for the first buffer {@code toReturn}
   * is {@code entryBuffer}, and the catch releases it twice.
   */
  abstract static class NoncompliantAccumulatorStillHoldsElement {
    private final java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
    private final int maxFrameLength = 1 << 16;

    abstract ByteBuf compose(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf next);

    ByteBuf removeAll(ByteBufAllocator alloc) {
      ByteBuf toReturn = null;
      ByteBuf entryBuffer = null;
      try {
        for (;;) {
          Object entry = queue.poll();
          if (entry == null) {
            break;
          }
          entryBuffer = (ByteBuf) entry;
          toReturn = toReturn == null ? entryBuffer : compose(alloc, toReturn, entryBuffer);
          checkFrameLength(toReturn, maxFrameLength);
          entryBuffer = null;
        }
      } catch (RuntimeException cause) {
        ReferenceCountUtil.safeRelease(entryBuffer);
        ReferenceCountUtil.safeRelease(toReturn); // hazard: DoubleClose (not: errorprone, pmd — they name a buffer by the variable that holds it, so toReturn = entryBuffer starts no alias and the releases of the two names are not compared; SpotBugs follows the value)
        throw cause;
      }
      return toReturn;
    }

    static void checkFrameLength(ByteBuf frame, int maxFrameLength) {
      if (frame.readableBytes() > maxFrameLength) {
        throw new IllegalStateException("frame longer than " + maxFrameLength + " bytes");
      }
    }
  }

  abstract static class FixedElementForgottenWhenMerged {
    private final java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
    private final int maxFrameLength = 1 << 16;

    abstract ByteBuf compose(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf next);

    ByteBuf removeAll(ByteBufAllocator alloc) {
      ByteBuf toReturn = null;
      ByteBuf entryBuffer = null;
      try {
        for (;;) {
          Object entry = queue.poll();
          if (entry == null) {
            break;
          }
          entryBuffer = (ByteBuf) entry;
          toReturn = toReturn == null ? entryBuffer : compose(alloc, toReturn, entryBuffer);
          entryBuffer = null;
          checkFrameLength(toReturn, maxFrameLength);
        }
      } catch (RuntimeException cause) {
        ReferenceCountUtil.safeRelease(entryBuffer);
        ReferenceCountUtil.safeRelease(toReturn);
        throw cause;
      }
      return toReturn;
    }

    static void checkFrameLength(ByteBuf frame, int maxFrameLength) {
      if (frame.readableBytes() > maxFrameLength) {
        throw new IllegalStateException("frame longer than " + maxFrameLength + " bytes");
      }
    }
  }

  /**
   * netty's Http2ConnectionHandler.goAway (a false alarm met in the real world): the debug data is released,
   * then the promise is completed with trySuccess(), which catches and logs what a listener throws; nothing
   * after the release can throw into the catch that releases it again (NON_THROWING_CALLS).
   */
  static class CompliantReleaseThenTryToCompleteThePromise {
    io.netty.channel.ChannelFuture goAway(
        io.netty.channel.ChannelPromise promise, ByteBuf debugData, java.util.function.BooleanSupplier alreadySent) {
      try {
        if (alreadySent.getAsBoolean()) {
          debugData.release();
          promise.trySuccess();
          return promise;
        }
      } catch (Throwable cause) {
        debugData.release();
        promise.tryFailure(cause);
        return promise;
      }
      promise.trySuccess();
      return promise;
    }
  }

  /** setSuccess() throws when the promise is already done: the catch then releases the buffer again. */
  static class NoncompliantReleaseThenSetThePromise {
    io.netty.channel.ChannelFuture goAway(
        io.netty.channel.ChannelPromise promise, ByteBuf debugData, java.util.function.BooleanSupplier alreadySent) {
      try {
        if (alreadySent.getAsBoolean()) {
          debugData.release();
          promise.setSuccess();
          return promise;
        }
      } catch (Throwable cause) {
        debugData.release(); // hazard: DoubleClose
        promise.tryFailure(cause);
        return promise;
      }
      promise.trySuccess();
      return promise;
    }
  }

  static class FixedCompleteThenRelease {
    io.netty.channel.ChannelFuture goAway(
        io.netty.channel.ChannelPromise promise, ByteBuf debugData, java.util.function.BooleanSupplier alreadySent) {
      boolean sent;
      try {
        sent = alreadySent.getAsBoolean();
      } catch (Throwable cause) {
        debugData.release();
        promise.tryFailure(cause);
        return promise;
      }
      if (sent) {
        debugData.release();
        promise.setSuccess();
      }
      return promise;
    }
  }

  /**
   * reactor-netty's ByteBufFlux.fromPath (a false alarm met in the real world): a chunk of a file is read
   * into a fresh buffer; at the end of the file the buffer is released and the stream completed, else the
   * buffer is handed on; a failed read releases it in catch (IOException). After the first release only
   * calls that declare no checked exception run (release(), and the sink's complete(): reactor's
   * SynchronousSink, whose signals Reactive Streams §2.13 makes return normally). Nothing they may throw is
   * an IOException, so no path enters the catch after the first release. Its noncompliant twin is {@link
   * NoncompliantReleasedThenErrorPath}, where the call after the release (in.close()) declares IOException.
   */
  static class CompliantReleasedThenOnlyUncheckedCalls {
    /** Where the chunks go (reactor's SynchronousSink): its signals declare no exception. */
    interface ChunkSink {
      void next(ByteBuf chunk);

      void complete();

      void error(Throwable e);
    }

    java.util.function.BiFunction<java.nio.channels.FileChannel, ChunkSink, java.nio.channels.FileChannel> reader(
        ByteBufAllocator allocator, int maxChunkSize) {
      return (fc, sink) -> {
        ByteBuf buf = allocator.buffer();
        try {
          if (buf.writeBytes(fc, maxChunkSize) < 0) {
            buf.release();
            sink.complete();
          } else {
            sink.next(buf);
          }
        } catch (IOException e) {
          buf.release();
          sink.error(e);
        }
        return fc;
      };
    }
  }
}
