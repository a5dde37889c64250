package dev.crashguard.catalog.knowledge;

import dev.crashguard.catalog.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The library knowledge of hazard {@code DoubleClose}, once, for every engine: what releases a lock, a
 * Netty buffer or a resource; which releases throw when repeated and which {@code close()} methods promise
 * that a second call does nothing; which calls take ownership of a buffer (so that releasing it afterwards
 * is a second release); which types throw when used after close, and which results stop working when
 * their owner is closed; and the phrase each kind of finding puts into the catalog message's origin slot.
 *
 * <p>The hazard covers "released twice, or used after release" on one path: a second {@code unlock()}
 * throws {@code IllegalMonitorStateException}, a second {@code release()} of a Netty buffer throws {@code
 * IllegalReferenceCountException} (or frees memory another owner still reads), {@code Arena.close()} twice
 * throws {@code IllegalStateException}, and a stream read after its close throws {@code IOException: Stream
 * closed}. An {@code unlock()} with nothing to unlock (the lock was never taken on that path) throws the
 * same way and is reported too.
 *
 * <p>Plain data (strings, {@link MethodRef}), read directly by the Error Prone check and the SpotBugs
 * detector and bound by name into the PMD rule's XPath. Class names are binary names ({@link
 * Class#getName()}); a type named here stands for its subtypes too, unless a set says "exact". The
 * catalog's {@code JdkKnowledgeTest} holds every {@code java.*} entry to the running JDK, and {@code
 * DoubleCloseKnowledgeTest} what the lists claim about it. Netty ({@code io.netty.*}) is not on the
 * catalog's class path: its entries were checked against Netty 4.2.13 (netty-buffer, -common, -transport,
 * -codec-base) when written, and the corpus, compiled against Netty (testdata/pom.xml), uses the ones its
 * cases need; the engines' tests meet them there.
 */
public final class DoubleCloseKnowledge {

  private DoubleCloseKnowledge() {}

  // ---- locks ------------------------------------------------------------------------------------------

  /** {@link LockKnowledge#LOCK}. */
  public static final String LOCK = LockKnowledge.LOCK;

  /** {@link LockKnowledge#READ_WRITE_LOCK}. */
  public static final String READ_WRITE_LOCK = LockKnowledge.READ_WRITE_LOCK;

  /** {@link LockKnowledge#STAMPED_LOCK}: a hold is named by the lock and its stamp. */
  public static final String STAMPED_LOCK = LockKnowledge.STAMPED_LOCK;

  /** {@link LockKnowledge#LOCK_VIEWS}: {@code rw.writeLock()} names one lock wherever it is written. */
  public static final List<MethodRef> LOCK_VIEWS = LockKnowledge.LOCK_VIEWS;

  /**
   * Every acquire ({@link LockKnowledge#ACQUIRES}), read holds too. Each may throw instead of returning
   * ({@code lockInterruptibly()} on interrupt, a distributed lock on a lost connection): written inside the
   * {@code try} whose {@code finally} unlocks, the unlock then runs with nothing to release. Reentrant locks
   * taken twice need two unlocks, so acquires and releases are counted, not just seen.
   */
  public static final List<MethodRef> LOCK_ACQUIRES = LockKnowledge.ACQUIRES;

  /**
   * {@link LockKnowledge#TRY_ACQUIRES}: an unlock on the path where the answer was "no" releases a lock this
   * thread does not hold (Redisson, cachecloud: the result of {@code tryLock(…)} ignored).
   */
  public static final List<MethodRef> LOCK_TRY_ACQUIRES = LockKnowledge.TRY_ACQUIRES;

  /** {@link LockKnowledge#RELEASES}: each throws {@code IllegalMonitorStateException} with nothing to release. */
  public static final List<MethodRef> LOCK_RELEASES = LockKnowledge.RELEASES;

  /**
   * {@link LockKnowledge#HELD_TESTS}: an unlock inside {@code if (lock.isHeldByCurrentThread())} cannot
   * throw, and is the accepted fix for an unlock that may have nothing to release (nrjavaserial).
   */
  public static final List<MethodRef> LOCK_HELD_TESTS = LockKnowledge.HELD_TESTS;

  /**
   * JDK lock classes (and their subtypes) whose {@code lock()} only blocks and never throws (but for an
   * {@code Error}): with one of them, a {@code lock()} inside the {@code try} whose {@code finally} unlocks
   * has no path to an unlock without the lock, and is not reported. An acquire that declares an exception
   * ({@code lockInterruptibly()}, {@code tryLock(timeout)}) is reported on any lock, and so is {@code
   * lock()} on a {@code Lock} whose class is not known (injected, as in Sentinel#1429: a distributed lock).
   */
  public static final Set<String> NON_THROWING_ACQUIRE_LOCKS =
      Ordered.set(
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantReadWriteLock",
          "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
          "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock",
          "java.util.concurrent.locks.StampedLock");

  // ---- Netty reference counting -----------------------------------------------------------------------

  /**
   * Netty's reference-counted objects ({@code ByteBuf}, {@code ByteBufHolder}, HTTP messages, …): each
   * {@code release()} gives back one reference; the one that reaches 0 frees the memory (or returns it to a
   * pool, where another owner gets it next). One more throws {@code IllegalReferenceCountException: refCnt:
   * 0, decrement: 1}, or, when the pool has handed the memory out again, silently frees someone else's
   * buffer.
   */
  public static final String REFERENCE_COUNTED = "io.netty.util.ReferenceCounted";

  /** Netty's static helpers for messages that may or may not be reference counted. */
  public static final String REFERENCE_COUNT_UTIL = "io.netty.util.ReferenceCountUtil";

  /** {@code ReferenceCounted.release()}: gives back one reference of the receiver. */
  public static final MethodRef REFCOUNT_RELEASE = new MethodRef(REFERENCE_COUNTED, "release");

  /**
   * Static releases of their first argument: {@code ReferenceCountUtil.release(msg)} ({@code msg.release()}
   * when {@code msg} is reference counted) and {@code safeRelease(msg)}, which catches the exception of a
   * second release and logs "Failed to release a message": still a double release (BookKeeper's review,
   * Ktor's fix), only a quiet one.
   */
  public static final List<MethodRef> REFCOUNT_STATIC_RELEASES =
      methods(
          REFERENCE_COUNT_UTIL, "release",
          REFERENCE_COUNT_UTIL, "safeRelease");

  /**
   * Calls that add a reference: {@code buf.retain()} (returns {@code buf}) and {@code
   * ReferenceCountUtil.retain(msg)} (returns {@code msg}). A retain between two releases makes the second
   * one right; so does handing over {@code buf.retain()} instead of {@code buf}.
   */
  public static final List<MethodRef> REFCOUNT_RETAINS =
      methods(
          REFERENCE_COUNTED, "retain",
          REFERENCE_COUNT_UTIL, "retain");

  /**
   * Calls whose result is a new handle with a reference of its own on the same memory: handing it away
   * leaves the caller's own reference to release ({@code ctx.write(buf.retainedDuplicate()); …
   * buf.release();} is right).
   */
  public static final List<MethodRef> RETAINED_DERIVATIONS =
      methods(
          "io.netty.buffer.ByteBuf", "retainedDuplicate",
          "io.netty.buffer.ByteBuf", "retainedSlice",
          "io.netty.buffer.ByteBuf", "readRetainedSlice",
          "io.netty.buffer.ByteBufHolder", "retainedDuplicate");

  /**
   * Calls whose result shares the receiver's reference count ("this method does not call retain()"):
   * releasing the result releases the receiver, so the two are one buffer to count.
   */
  public static final List<MethodRef> SHARED_COUNT_DERIVATIONS =
      methods(
          "io.netty.buffer.ByteBuf", "slice",
          "io.netty.buffer.ByteBuf", "duplicate",
          "io.netty.buffer.ByteBuf", "readSlice",
          "io.netty.buffer.ByteBuf", "asReadOnly",
          "io.netty.buffer.ByteBufHolder", "content");

  /**
   * Calls that take ownership of the reference-counted argument they are given: Netty releases it when it
   * is written out, read by the next handler, or when the call fails (a closed channel, a cancelled
   * promise, an exception in a handler: "release message now to prevent resource-leak"). A {@code
   * release()} of the same object afterwards is a second release (netty#10306: released in the write's
   * failure listener; netty#5829: fired on, then released by {@code SimpleChannelInboundHandler}). Owners:
   * {@code ChannelOutboundInvoker} covers {@code Channel}, {@code ChannelHandlerContext} and {@code
   * ChannelPipeline}; {@code ChannelGroup} writes a duplicate to each channel and releases the original;
   * {@code CompositeByteBuf.addComponent(s)} and {@code Unpooled.wrappedBuffer(ByteBuf…)} transfer "reference
   * count ownership" to the composite (overloads taking arrays or NIO buffers own nothing to release and
   * are not reference counted, so they cannot match); {@code EmbeddedChannel}'s writes are pipeline
   * writes and reads.
   */
  public static final List<MethodRef> OWNERSHIP_TAKING_CALLS =
      methods(
          "io.netty.channel.ChannelOutboundInvoker", "write",
          "io.netty.channel.ChannelOutboundInvoker", "writeAndFlush",
          "io.netty.channel.ChannelInboundInvoker", "fireChannelRead",
          "io.netty.channel.group.ChannelGroup", "write",
          "io.netty.channel.group.ChannelGroup", "writeAndFlush",
          "io.netty.channel.group.ChannelGroup", "flushAndWrite",
          "io.netty.buffer.CompositeByteBuf", "addComponent",
          "io.netty.buffer.CompositeByteBuf", "addComponents",
          "io.netty.buffer.CompositeByteBuf", "addFlattenedComponents",
          "io.netty.buffer.Unpooled", "wrappedBuffer",
          "io.netty.buffer.Unpooled", "wrappedUnmodifiableBuffer",
          "io.netty.channel.embedded.EmbeddedChannel", "writeInbound",
          "io.netty.channel.embedded.EmbeddedChannel", "writeOutbound",
          "io.netty.channel.embedded.EmbeddedChannel", "writeOneInbound",
          "io.netty.channel.embedded.EmbeddedChannel", "writeOneOutbound");

  /**
   * Calls that only read or copy the buffer they are given and leave its reference with the caller, who
   * must still release it once: {@code out.writeBytes(buf)} copies {@code buf}, {@code
   * ByteBufUtil.hexDump/getBytes} read it, {@code touch} records a leak hint. A release after one of
   * these is the one release, not a second.
   */
  public static final List<MethodRef> NON_OWNING_CALLS =
      methods(
          "io.netty.buffer.ByteBuf", "writeBytes",
          "io.netty.buffer.ByteBuf", "getBytes",
          "io.netty.buffer.ByteBuf", "readBytes",
          "io.netty.buffer.ByteBuf", "copy",
          "io.netty.buffer.ByteBufUtil", "hexDump",
          "io.netty.buffer.ByteBufUtil", "getBytes",
          REFERENCE_COUNT_UTIL, "touch");

  /**
   * Netty's inbound handler that releases the message it hands to {@code channelRead0} after that method
   * returns (unless constructed with {@code autoRelease = false}, see {@link #AUTO_RELEASE_SWITCH}, or
   * unless the message was not accepted and was passed on). A {@code release()} of the message inside
   * {@code channelRead0} is a second release (apache/eventmesh#3271, stargate#1941); passing it on with
   * {@code ctx.fireChannelRead(msg)} without {@code retain()} hands the next handler a buffer this one
   * then frees (netty#5829).
   */
  public static final String SIMPLE_CHANNEL_INBOUND_HANDLER = "io.netty.channel.SimpleChannelInboundHandler";

  /**
   * Methods whose message parameter (the first one after the {@code ChannelHandlerContext}) the framework
   * releases after the method returns, when a subclass overrides them: {@code SimpleChannelInboundHandler}
   * ({@link #SIMPLE_CHANNEL_INBOUND_HANDLER}), the message-to-message codecs ("you need to call retain() on
   * messages that are just passed through"), {@code MessageToByteEncoder}, and {@code
   * ByteToMessageDecoder}, which owns its cumulation buffer.
   */
  public static final List<MethodRef> AUTO_RELEASED_PARAMETER_METHODS =
      methods(
          SIMPLE_CHANNEL_INBOUND_HANDLER, "channelRead0",
          "io.netty.handler.codec.MessageToMessageDecoder", "decode",
          "io.netty.handler.codec.MessageToMessageEncoder", "encode",
          "io.netty.handler.codec.MessageToByteEncoder", "encode",
          "io.netty.handler.codec.ByteToMessageDecoder", "decode",
          "io.netty.handler.codec.ByteToMessageDecoder", "decodeLast");

  /**
   * {@code SimpleChannelInboundHandler}'s constructor: called from a subclass as {@code super(false)} or
   * {@code super(type, false)}, its last (boolean) argument turns the automatic release off, and the
   * handler releases the message itself, once.
   */
  public static final MethodRef AUTO_RELEASE_SWITCH = new MethodRef(SIMPLE_CHANNEL_INBOUND_HANDLER, MethodRef.CONSTRUCTOR);

  /**
   * Netty streams over a buffer that, constructed with {@code releaseOnClose = true} (their last boolean
   * argument), release the buffer when the stream is closed: {@code new ByteBufInputStream(buf, true)}.
   * Releasing {@code buf} after the stream was closed (directly, or through a reader or a {@code
   * DataInputStream} that wraps it) is a second release (netty#8457: "closing the ByteBufInputStream
   * already closed it"). With {@code false}, or the one-argument constructor, the caller keeps the
   * reference.
   */
  public static final List<MethodRef> RELEASE_ON_CLOSE_STREAMS =
      methods(
          "io.netty.buffer.ByteBufInputStream", MethodRef.CONSTRUCTOR,
          "io.netty.buffer.ByteBufOutputStream", MethodRef.CONSTRUCTOR);

  /**
   * The framework methods that call an {@link #AUTO_RELEASED_PARAMETER_METHODS} method and release its
   * message after it returns ({@code channelRead} of {@code SimpleChannelInboundHandler}, {@code
   * MessageToMessageDecoder} and {@code ByteToMessageDecoder}; {@code write} of the encoders). A subclass
   * that overrides one of them dispatches the message itself and decides who releases it: Netty's own
   * {@code HttpObjectEncoder} overrides {@code write} and releases the message in {@code encode}, once.
   * Then the message of its {@code decode}/{@code encode}/{@code channelRead0} is not auto-released.
   */
  public static final List<MethodRef> AUTO_RELEASING_DISPATCHERS =
      methods(
          SIMPLE_CHANNEL_INBOUND_HANDLER, "channelRead",
          "io.netty.handler.codec.MessageToMessageDecoder", "channelRead",
          "io.netty.handler.codec.MessageToMessageEncoder", "write",
          "io.netty.handler.codec.MessageToByteEncoder", "write",
          "io.netty.handler.codec.ByteToMessageDecoder", "channelRead");

  // ---- close() ----------------------------------------------------------------------------------------

  /** Everything try-with-resources can close. */
  public static final String AUTO_CLOSEABLE = "java.lang.AutoCloseable";

  /** {@code AutoCloseable.close()}, and so every {@code close()} of a subtype. */
  public static final MethodRef CLOSE = new MethodRef(AUTO_CLOSEABLE, "close");

  /**
   * Types whose {@code close()} promises that a second call has no effect, so closing one twice with no
   * use in between is silent. {@code Closeable}: "If the stream is already closed then invoking this
   * method has no effect" (the JDK itself closes channels twice, {@code Files.readAllBytes}); streams
   * ({@code AbstractPipeline.close()} runs its close action once); JDBC "Calling the method close on a …
   * object that is already closed is a no-op"; {@code ExecutorService} and {@code HttpClient} "If already
   * terminated, invoking this method has no effect"; a {@code FileLock} that is no longer valid. Every other
   * {@code AutoCloseable} is taken at its word ("not required to be idempotent"): closing it twice is
   * reported.
   */
  public static final Set<String> IDEMPOTENT_CLOSEABLES =
      Ordered.set(
          "java.io.Closeable",
          "java.util.stream.BaseStream",
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.ResultSet",
          "java.util.concurrent.ExecutorService",
          "java.net.http.HttpClient",
          "java.nio.channels.FileLock");

  /**
   * JDK types whose documentation says a second {@code close()} throws: {@code Arena.close()} "is not
   * idempotent; that is, closing an already closed arena always results in an exception being thrown"
   * ({@code IllegalStateException: Already closed}). An {@code AutoCloseable} outside {@link
   * #IDEMPOTENT_CLOSEABLES} is reported anyway; this set names the types whose second close is certain to
   * throw. {@code Arena} is final API only from Java 22, so the corpus (compiled for Java 21) cannot hold
   * a case of it; the crash proof runs it by reflection.
   */
  public static final Set<String> NON_IDEMPOTENT_CLOSEABLES = Ordered.set("java.lang.foreign.Arena");

  // ---- use after close --------------------------------------------------------------------------------

  /**
   * Types whose methods throw once the object is closed: readers, writers and streams ({@code IOException:
   * Stream closed}), channels ({@code ClosedChannelException}), {@code Stream}s ({@code
   * IllegalStateException: stream has already been operated upon or closed}), JDBC ({@code SQLException},
   * e.g. "Operation not allowed after ResultSet closed"), {@code Scanner}/{@code Formatter}/{@code ZipFile}
   * ({@code IllegalStateException}), an executor ({@code RejectedExecutionException}), a closed arena's
   * allocations. The exact classes in {@link #USABLE_AFTER_CLOSE} are the exceptions.
   */
  public static final Set<String> CLOSED_USE_THROWING_TYPES =
      Ordered.set(
          "java.io.InputStream",
          "java.io.OutputStream",
          "java.io.Reader",
          "java.io.Writer",
          "java.io.RandomAccessFile",
          "java.nio.channels.Channel",
          "java.util.stream.BaseStream",
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.ResultSet",
          "java.util.Scanner",
          "java.util.Formatter",
          "java.util.zip.ZipFile",
          "java.nio.file.DirectoryStream",
          "java.nio.file.FileSystem",
          "java.nio.file.WatchService",
          "java.net.Socket",
          "java.net.ServerSocket",
          "java.util.concurrent.ExecutorService",
          "java.net.http.HttpClient",
          "java.lang.foreign.Arena");

  /**
   * A use after close is judged only on a value whose static type belongs to the JDK (a name in one of these
   * packages): the JDK documents what its types do once closed. A library's own closeable may do anything
   * after its close (Apache SSHD's SshClient is stopped after it is closed; a connection wrapper's setter
   * ignores the close), whatever JDK type it extends.
   */
  public static final Set<String> CLOSED_USE_JUDGED_PACKAGES = Ordered.set("java.", "javax.");

  /**
   * Exact classes (not their subtypes) that go on working after {@code close()}: "Closing a
   * ByteArrayOutputStream has no effect", the same for {@code ByteArrayInputStream}, {@code StringWriter},
   * {@code CharArrayWriter}; {@code PrintStream} and {@code PrintWriter} never throw, they set the flag
   * {@code checkError()} reports. Using one after close is not reported.
   */
  public static final Set<String> USABLE_AFTER_CLOSE =
      Ordered.set(
          "java.io.ByteArrayInputStream",
          "java.io.ByteArrayOutputStream",
          "java.io.StringWriter",
          "java.io.CharArrayWriter",
          "java.io.PrintStream",
          "java.io.PrintWriter");

  /**
   * Calls that do not throw, though they run other code: completing a future. Netty's {@code Promise}
   * {@code trySuccess}/{@code tryFailure} catch and log what a listener throws (its {@code DefaultPromise}),
   * and {@code CompletableFuture.complete}/{@code completeExceptionally} hand a dependent's exception to the
   * dependent future. A release followed only by one of these, in a {@code try} whose {@code catch} releases
   * again (netty's {@code Http2ConnectionHandler.goAway}), cannot reach that {@code catch}. Netty's {@code
   * setSuccess}/{@code setFailure} are not here: they throw when the promise is already done.
   *
   * <p>Reactor's sinks signal a subscriber, which Reactive Streams §2.13 makes return normally from {@code
   * onNext}/{@code onError}/{@code onComplete}; a signal after the end is dropped, not thrown (reactor-netty's
   * {@code ByteBufFlux.fromPath} releases the buffer and calls {@code sink.complete()} in a {@code try} whose
   * {@code catch} releases it).
   */
  public static final List<MethodRef> NON_THROWING_CALLS =
      MethodRef.list(
          "io.netty.util.concurrent.Promise", "trySuccess",
          "io.netty.util.concurrent.Promise", "tryFailure",
          "io.netty.channel.ChannelPromise", "trySuccess",
          "java.util.concurrent.CompletableFuture", "complete",
          "java.util.concurrent.CompletableFuture", "completeExceptionally",
          "reactor.core.publisher.SynchronousSink", "next",
          "reactor.core.publisher.SynchronousSink", "complete",
          "reactor.core.publisher.SynchronousSink", "error",
          "reactor.core.publisher.FluxSink", "next",
          "reactor.core.publisher.FluxSink", "complete",
          "reactor.core.publisher.FluxSink", "error",
          "reactor.core.publisher.MonoSink", "success",
          "reactor.core.publisher.MonoSink", "error");

  /**
   * {@link ControlFlowKnowledge#EXCEPTION}: a catch of checked exceptions only ({@code catch (IOException e)})
   * is reached only by a call that declares a related one, so a release followed only by calls that declare
   * none cannot be released again there (reactor-netty's {@code ByteBufFlux.fromPath}).
   */
  public static final String EXCEPTION = ControlFlowKnowledge.EXCEPTION;

  /** {@link ControlFlowKnowledge#RUNTIME_EXCEPTION}; see {@link #EXCEPTION}. */
  public static final String RUNTIME_EXCEPTION = ControlFlowKnowledge.RUNTIME_EXCEPTION;

  /**
   * {@link ControlFlowKnowledge#NEVER_RETURNING_METHODS}: a catch block that ends in one (Netty's {@code
   * PlatformDependent.throwException(cause)} after releasing) does not reach the release after the try.
   */
  public static final List<MethodRef> NEVER_RETURNING_METHODS = ControlFlowKnowledge.NEVER_RETURNING_METHODS;

  /**
   * {@link LockKnowledge#LOCK_TYPES}: a closed object's lock is still a lock. A call on the closed object that
   * returns one ({@code session.getLock().unlock()} in the finally after {@code session.close()}, httpcore5's
   * SSLIOSession) hands out the lock, which outlives the close: it is not a use of the closed object.
   */
  public static final Set<String> LOCK_TYPES = LockKnowledge.LOCK_TYPES;

  /**
   * Methods that are fine to call on a closed object, by name: the close itself (see {@link
   * #IDEMPOTENT_CLOSEABLES}), the questions whether it is closed, an executor's shutdown and its waits,
   * {@code checkError()}, {@code ZipFile.getName()}, {@code Object}'s methods, and a socket's addresses and
   * ports ("if the socket was connected prior to being closed, then this method will continue to return the
   * connected address after the socket is closed": commons-net's RCommandClient names the peer in the
   * exception it throws after closing the socket).
   */
  public static final Set<String> CLOSED_SAFE_METHOD_NAMES =
      Ordered.set(
          "close",
          "isClosed",
          "isOpen",
          "isValid",
          "isShutdown",
          "isTerminated",
          "awaitTermination",
          "shutdown",
          "shutdownNow",
          "checkError",
          "getName",
          "getInetAddress",
          "getPort",
          "getLocalAddress",
          "getLocalPort",
          "getRemoteSocketAddress",
          "getLocalSocketAddress",
          "toString",
          "hashCode",
          "equals",
          "getClass");

  /**
   * Calls whose result keeps reading from (or is closed together with) the object they are called on:
   * closing the owner closes or breaks the result. JDBC: a {@code ResultSet} "is automatically closed when
   * the Statement object that generated it is closed", a statement when its connection is (Addax#1380: a
   * {@code ResultSet} returned from the try-with-resources of its statement); {@code ZipFile} closes the
   * streams it handed out; a socket's streams close with it; {@code BufferedReader.lines()}, a stream's
   * {@code iterator()}/{@code spliterator()}, a directory stream's iterator and a zip file's {@code
   * entries()}/{@code stream()} read lazily from their owner. A {@code Stream} returned by an intermediate
   * operation ({@code filter}, {@code map}, …) reads from the stream it was called on, in the same way.
   */
  public static final List<MethodRef> OWNER_DEPENDENT_RESULTS =
      methods(
          "java.sql.Connection", "createStatement",
          "java.sql.Connection", "prepareStatement",
          "java.sql.Connection", "prepareCall",
          "java.sql.Statement", "executeQuery",
          "java.sql.Statement", "getResultSet",
          "java.sql.Statement", "getGeneratedKeys",
          "java.util.zip.ZipFile", "getInputStream",
          "java.util.zip.ZipFile", "entries",
          "java.util.zip.ZipFile", "stream",
          "java.net.Socket", "getInputStream",
          "java.net.Socket", "getOutputStream",
          "java.io.BufferedReader", "lines",
          "java.util.stream.BaseStream", "iterator",
          "java.util.stream.BaseStream", "spliterator",
          "java.nio.file.DirectoryStream", "iterator",
          "java.util.Scanner", "tokens",
          "java.util.Scanner", "findAll");

  /**
   * The stream type: a {@code BaseStream} returned by a method of a {@code BaseStream} (an intermediate
   * operation) reads from the stream it was called on, see {@link #OWNER_DEPENDENT_RESULTS}.
   */
  public static final String BASE_STREAM = "java.util.stream.BaseStream";

  /**
   * Library types (and their subtypes) documented to keep working after {@code close()}, like the JDK's
   * {@link #USABLE_AFTER_CLOSE}: commons-io's {@code AbstractByteArrayOutputStream} ("The methods in this
   * class can be called after the stream has been closed without generating an IOException", so also its
   * {@code ByteArrayOutputStream} and {@code UnsynchronizedByteArrayOutputStream}), {@code
   * StringBuilderWriter} ("Closing this writer has no effect") and the null streams, whose close does
   * nothing. Using or returning one after its close is not reported (commons-io's {@code
   * IOUtils.copyToOutputStream} returns its output from the try-with-resources that closes it on failure).
   */
  public static final Set<String> USABLE_AFTER_CLOSE_LIBRARY_TYPES =
      Ordered.set(
          "org.apache.commons.io.output.AbstractByteArrayOutputStream",
          "org.apache.commons.io.output.StringBuilderWriter",
          "org.apache.commons.io.output.NullOutputStream",
          "org.apache.commons.io.output.NullWriter");

  /**
   * Classes whose own {@code close()} does nothing: "The close method of InputStream does nothing", the
   * same for {@code OutputStream}. A class created with {@code new} that inherits its {@code close()}
   * from one of them (ActiveMQ's {@code org.apache.activemq.util.ByteArrayOutputStream}) keeps working
   * after close, like {@link #USABLE_AFTER_CLOSE}.
   */
  public static final Set<String> NO_OP_CLOSE_CLASSES = Ordered.set("java.io.InputStream", "java.io.OutputStream");

  // ---- wrappers that close what they wrap ------------------------------------------------------------

  /**
   * JDK types whose constructor takes the resource they wrap (its first argument) and whose {@code
   * close()} closes that resource too: the filter streams, readers and writers (and so {@code
   * BufferedInputStream}, {@code DataInputStream}, {@code GZIPInputStream}, {@code PrintStream}, …), the
   * bridges between bytes and characters, object streams, {@code Scanner} and {@code Formatter}. After the
   * wrapper is closed, the wrapped resource is closed: using it throws, and closing it again is silent only
   * because JDK {@code Closeable}s are idempotent. Netty's {@link #RELEASE_ON_CLOSE_STREAMS} wrap a buffer,
   * which is not.
   */
  public static final Set<String> CLOSING_WRAPPERS =
      Ordered.set(
          "java.io.FilterInputStream",
          "java.io.FilterOutputStream",
          "java.io.FilterReader",
          "java.io.FilterWriter",
          "java.io.InputStreamReader",
          "java.io.OutputStreamWriter",
          "java.io.BufferedReader",
          "java.io.BufferedWriter",
          "java.io.PrintWriter",
          "java.io.ObjectInputStream",
          "java.io.ObjectOutputStream",
          "java.util.Scanner",
          "java.util.Formatter");

  /**
   * Static factories whose result closes the channel it was made from: {@code
   * Channels.newInputStream(ch).close()} closes {@code ch} (the JDK's own double close of a channel that
   * smb-nio's non-idempotent channel could not take).
   */
  public static final List<MethodRef> CLOSING_WRAPPER_FACTORIES =
      methods(
          "java.nio.channels.Channels", "newInputStream",
          "java.nio.channels.Channels", "newOutputStream",
          "java.nio.channels.Channels", "newReader",
          "java.nio.channels.Channels", "newWriter");

  // ---- code that runs after the try-with-resources ---------------------------------------------------

  /**
   * Calls that run a lambda or method reference they are handed later, on another thread or when a stage
   * completes, after the statement (and maybe the try-with-resources around it) is done: a resource of
   * the try-with-resources captured by such a lambda is used after it was closed (smithy-java#500: a
   * signer closed while the future that signs is still pending). Every instance method of {@link
   * #CALLBACK_STAGE} that takes a function belongs here too.
   */
  public static final List<MethodRef> LATER_RUNNING_CALLS =
      methods(
          "java.util.concurrent.Executor", "execute",
          "java.util.concurrent.ExecutorService", "submit",
          "java.util.concurrent.ScheduledExecutorService", "schedule",
          "java.util.concurrent.ScheduledExecutorService", "scheduleAtFixedRate",
          "java.util.concurrent.ScheduledExecutorService", "scheduleWithFixedDelay",
          "java.util.concurrent.CompletableFuture", "supplyAsync",
          "java.util.concurrent.CompletableFuture", "runAsync",
          "java.lang.Thread", MethodRef.CONSTRUCTOR,
          "java.lang.Thread", "startVirtualThread",
          "java.lang.Thread$Builder", "start",
          "java.lang.Thread$Builder", "unstarted",
          "java.util.Timer", "schedule");

  /**
   * {@code CompletionStage} (and so {@code CompletableFuture}): {@code thenApply}, {@code whenComplete} and
   * every other method taking a function run it when the stage completes, which may be after the
   * try-with-resources has closed what the function captured.
   */
  public static final String CALLBACK_STAGE = "java.util.concurrent.CompletionStage";

  /**
   * Calls after which what was handed to {@link #LATER_RUNNING_CALLS} has finished: {@code
   * supplyAsync(…).join()} inside the try-with-resources uses the resource before it is closed.
   */
  public static final List<MethodRef> COMPLETION_WAITS =
      methods(
          "java.util.concurrent.Future", "get",
          "java.util.concurrent.CompletableFuture", "join",
          "java.util.concurrent.ForkJoinTask", "join",
          "java.lang.Thread", "join",
          "java.util.concurrent.ExecutorService", "awaitTermination",
          "java.util.concurrent.ExecutorService", "close");

  // ---- guards -----------------------------------------------------------------------------------------

  /**
   * Calls that ask whether a resource is still open (or a buffer still referenced): a release or a use
   * inside {@code if (!c.isClosed())}, {@code if (ch.isOpen())} or {@code if (buf.refCnt() > 0)} is guarded
   * and not reported. ({@code refCnt()} as a guard is racy when another thread holds the buffer, netty#10306
   * and #12850: "this would just hide bugs"; on one path, which is what this hazard judges, it holds.)
   */
  public static final List<MethodRef> OPEN_STATE_TESTS =
      methods(
          "java.sql.Connection", "isClosed",
          "java.sql.Statement", "isClosed",
          "java.sql.ResultSet", "isClosed",
          "java.nio.channels.Channel", "isOpen",
          "java.net.Socket", "isClosed",
          "java.util.concurrent.ExecutorService", "isShutdown",
          REFERENCE_COUNTED, "refCnt",
          REFERENCE_COUNT_UTIL, "refCnt");

  /**
   * Calls that let exactly one caller through: a release inside {@code if (released.compareAndSet(false,
   * true))} runs once however often the method is called (Ktor's fix of a double release).
   */
  public static final List<MethodRef> ONCE_GUARDS =
      methods(
          "java.util.concurrent.atomic.AtomicBoolean", "compareAndSet",
          "java.util.concurrent.atomic.AtomicBoolean", "getAndSet");

  // ---- what can be skipped ---------------------------------------------------------------------------

  /**
   * The names of every call that releases, closes, unlocks or hands a buffer away ({@code close}, {@link
   * #LOCK_RELEASES}, {@link #REFCOUNT_RELEASE}, {@link #REFCOUNT_STATIC_RELEASES}, {@link
   * #OWNERSHIP_TAKING_CALLS}). Every kind of finding needs one of them on its path (a try-with-resources
   * closes with {@code close()} too), so code that calls none of them is skipped before any analysis.
   */
  public static final Set<String> RELEASING_METHOD_NAMES = releasingMethodNames();

  // ---- what the message says ------------------------------------------------------------------------

  /**
   * What went wrong, each with the phrase it puts into the catalog message's origin slot ({@code {1}}):
   * "'lock' is released again here, after unlock() at line 12 on the same path; …". The subject slot
   * ({@code {0}}) names the lock, buffer or resource. The {@code %s} details are what an engine can name
   * (a call and its line); Error Prone and SpotBugs use these phrases, PMD uses {@link #PMD_ORIGIN}.
   */
  public enum Kind implements FindingKind {
    /** A release on a path where the same hold was released before; detail: the earlier release. */
    RELEASED_TWICE("is released again here, after %s on the same path"),
    /** An explicit close of a try-with-resources variable inside its own block. */
    CLOSED_INSIDE_TRY_WITH_RESOURCES("is closed here and again by the try-with-resources that declares it"),
    /** A release inside a loop body of what was acquired once, before the loop. */
    RELEASED_IN_LOOP("is released on every pass of the loop but acquired only once before it"),
    /** A release after a call that took ownership; detail: the call. */
    RELEASED_AFTER_HANDOFF("is released after %s, which took ownership and releases it itself"),
    /** A release of a message the framework releases after the method returns; detail: the framework class. */
    RELEASED_BY_FRAMEWORK_TOO("is released here and again by %s once this method returns"),
    /** A message handed on without retain() from a method whose framework releases it; details: call, class. */
    HANDED_ON_THEN_AUTO_RELEASED("is handed to %s, which takes ownership, but %s still releases it when this method returns"),
    /** A release after the wrapper that owns it was closed or released; detail: the wrapper. */
    RELEASED_AFTER_WRAPPER("is released here although closing its wrapper %s already did that"),
    /** A use after a release on the same path; detail: the release. */
    USED_AFTER_RELEASE("is used here after %s on the same path"),
    /** A use after the object that owns it was closed; detail: the owner. */
    USED_AFTER_OWNER_CLOSED("is used here although its owner %s was closed first, which closes it too"),
    /** The resource of a try-with-resources returned from inside it. */
    RETURNED_FROM_TRY_WITH_RESOURCES("is returned out of the try-with-resources that closes it, so the caller receives it closed"),
    /** The resource stored in a field (or other long-lived place) inside its try-with-resources; detail: where. */
    STORED_FROM_TRY_WITH_RESOURCES("is stored in %s inside the try-with-resources that closes it, so later readers find it closed"),
    /** The resource captured by code that runs after its try-with-resources; detail: that code. */
    CAPTURED_BY_LATER_CODE("is captured by %s, which runs after the try-with-resources has closed it"),
    /** A result that still reads from the resource leaves its try-with-resources; detail: the call. */
    ESCAPES_THROUGH_DEPENDENT("escapes the try-with-resources that closes it through %s, which still reads from it"),
    /** An unlock in a finally whose acquire sits inside the try; detail: the acquire. */
    UNLOCKED_WHEN_ACQUIRE_THREW("is unlocked in a finally block that also runs when %s inside the try throws before holding it"),
    /** An unlock on a path where a try-acquire failed; detail: the try-acquire. */
    UNLOCKED_AFTER_FAILED_TRY("is unlocked on a path where %s returned false, so this thread does not hold it");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    @Override
    public String phrase() {
      return phrase;
    }
  }

  /**
   * The origin phrase of the PMD rule, which has one message for all its branches (XPath cannot say which
   * branch found the second release).
   */
  public static final String PMD_ORIGIN =
      "is released again, used after release, kept beyond the try-with-resources that closes it, or unlocked"
          + " where it may not be held";

  private static Set<String> releasingMethodNames() {
    List<String> names = new ArrayList<>();
    names.add(CLOSE.name());
    for (List<MethodRef> list :
        List.of(LOCK_RELEASES, REFCOUNT_STATIC_RELEASES, OWNERSHIP_TAKING_CALLS, List.of(REFCOUNT_RELEASE))) {
      for (MethodRef ref : list) {
        names.add(ref.name());
      }
    }
    return Ordered.set(names.stream().distinct().toArray(String[]::new));
  }

  private static List<MethodRef> methods(String... ownersAndNames) {
    return MethodRef.list(ownersAndNames);
  }
}
