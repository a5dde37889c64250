package dev.crashguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CorpusCheck;
import dev.crashguard.corpus.MessageDetails;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Error Prone over the whole shared corpus, exactly as a user's build runs it: every marker must be
 * reported (or declared a gap), nothing else, each message an instance of the catalog template.
 */
final class ErrorProneCorpusTest {

  private static Corpus corpus;
  private static ErrorProneScanner.Result run;

  @BeforeAll
  static void runOverTheCorpus() {
    corpus = Corpus.fromBuild();
    run = ErrorProneRun.compile(corpus.files());
  }

  @Test
  void agreesWithTheCorpus() {
    assertEquals(List.of(), run.problems(), "the corpus must compile, and no check may crash");
    assertEquals(
        run.crashguardReports().size(),
        run.findings(corpus::relativize).size(),
        "every check the scanner reports must be a catalog hazard");

    List<Finding> findings = run.findings(corpus::relativize);
    findings.forEach(System.out::println);
    CorpusCheck check = CorpusCheck.of(corpus, Engine.ERROR_PRONE, findings);
    check.assertPassed();
    assertTrue(
        check.reportedHazards().contains(Hazard.UNSYNCHRONIZED_MAP_WRITE.catalogName()),
        "the run reported nothing: the checks did not load");
  }

  /**
   * The details Error Prone writes into the catalog template: where a task is handed over, and to what;
   * which release, acquire, hand-off or owner came first, and on which line.
   */
  @Test
  void messagesNameWhatIsAtFaultAndWhereTheOtherThreadComesFrom() {
    String umw = "unsynchronizedmapwrite/";
    String neo = "nullescapingoptional/";
    String dc = "doubleclose/";
    String el = "executorleak/";
    String umm = "unsafememorymisuse/";
    MessageDetails.of(corpus, run.findings(corpus::relativize))
        .expect(umw + "AsyncAndScheduledTasks.java", "runAsync(() -> results.put",
            "'results' is written without a lock by a task handed to CompletableFuture.runAsync at line ")
        .expect(umw + "AsyncAndScheduledTasks.java", ".thenApplyAsync(value ->", "CompletableFuture.thenApplyAsync at line")
        // The remedy fits the class written: order, sorting and weak keys are kept.
        .expect(umw + "AsyncAndScheduledTasks.java", "runAsync(() -> results.put", "ConcurrentHashMap would lose the order")
        .expect(umw + "AsyncAndScheduledTasks.java", "scheduler.scheduleAtFixedRate(() -> ticks", "the JDK has no concurrent weak map")
        .expect(umw + "InconsistentLocking.java", "routes.remove(route)", "Use ConcurrentSkipListMap, which keeps the sort order")
        .expect(umw + "InconsistentLocking.java", "sessions.remove(id)", "Use ConcurrentHashMap or guard every access with one lock.")
        .expect(umw + "AsyncAndScheduledTasks.java", "scheduler.scheduleAtFixedRate(() -> ticks",
            "by a task handed to ScheduledExecutorService.scheduleAtFixedRate on 'scheduler' at line")
        .expect(umw + "AsyncAndScheduledTasks.java", "STATS.merge(\"ticks\"", "Timer.schedule on 'timer' at line")
        .expect(umw + "TaskSubmittedToExecutor.java", "pool.invokeAll(List.of(() -> lengths.put",
            "ExecutorService.invokeAll on 'pool'")
        .expect(umw + "TaskSubmittedToExecutor.java", "Runnable evict = () -> counts.clear()",
            "ScheduledExecutorService.scheduleWithFixedDelay on 'scheduler' at line")
        .expect(umw + "TaskSubmittedToExecutor.java", "names.add(\"x\")", "(which calls rename())")
        .expect(umw + "ThreadStartedWithWrite.java", "new Thread(() -> lastSeen.put", "by a task handed to new Thread at line")
        .expect(umw + "ThreadStartedWithWrite.java", "Thread.ofPlatform().start", "Thread.Builder.start")
        .expect(umw + "ThreadStartedWithWrite.java", "Thread.startVirtualThread", "Thread.startVirtualThread at line")
        .expect(umw + "ThreadStartedWithWrite.java", "lastSeen.clear()", "(this::forgetAll)")
        .expect(umw + "ParallelStreamWrite.java", "parallelStream().reduce(0, (sum, w)", "by a parallel stream's reduce at line")
        .expect(umw + "ParallelStreamWrite.java", "map(w -> index.remove(w)).parallel()", "by a parallel stream's map")
        .expect(umw + "InconsistentLocking.java", "sessions.remove(id)", "in close(), while its other writers hold one")
        .expect(umw + "LockHeldByCallers.java", "incomplete.remove(type)", "(which calls forget())")
        .expect(umw + "VolatileMapField.java", "config.put(key, value)", "by several threads (the field is volatile)")
        .expect(umw + "ThreadSubclassRun.java", "progress.put(\"step\", i)",
            "in run() of thread class NoncompliantWorker, while other methods use it too")
        .expect(umw + "ThreadSubclassRun.java", "state.put(\"status\", \"running\")", "in run() of Runnable class NoncompliantJob")
        .expect(umw + "ThreadSubclassRun.java", "seen.merge(\"calls\"", "in call() of Callable class NoncompliantCallable")
        .expect(umw + "SharedSingletonCache.java", "cache.computeIfAbsent(key, String::toUpperCase)",
            "by concurrent requests to Spring singleton NoncompliantService")
        .expect(umw + "SharedSingletonCache.java", "hits.merge(req.getRequestURI()", "by concurrent requests to servlet")
        .expect(umw + "SelfExecutingEventLoop.java", "other.execute(() -> hooks.remove(hook))", ".execute on 'other'")
        .expect(neo + "NullPassedForOptional.java", "new Person(id, null)", "'Person' is passed null for a parameter whose type is Optional")
        .expect(neo + "NullStoredInOptional.java", "slots[slot] = null", "'slots[slot]' is set to null although its type is Optional")
        .expect(neo + "OfNullReturningJdkMethod.java", "Optional.of(ports.get(scheme))",
            "'ports.get(scheme)' may be null and is passed to Optional.of, which then throws")
        .expect(neo + "OfNullableValue.java", "Optional.of(findJsr305())", "'findJsr305()' may be null")
        .expect(neo + "OrElseNullDereferenced.java", "int n = count.orElse(null)",
            "'count.orElse(null)' is null when the Optional is empty (orElse(null)) and is unboxed unchecked")
        .expect(neo + "OrElseNullDereferenced.java", "return 1 + boxed", "'boxed' is null when the Optional is empty (orElse(null)) and is unboxed unchecked")
        .expect(neo + "OrElseNullDereferenced.java", "return v::length", "'v' is null when the Optional is empty (orElse(null)) and is dereferenced unchecked")
        .expect(neo + "ReturnsNull.java", "Supplier<Optional<String>> lookup = () -> null",
            "'lambda (Supplier)' returns null although its type is Optional")
        .expect(neo + "StreamPickingNullElement.java", "Stream.of(\"b\", null, \"a\").min(",
            "'min' throws instead of returning an Optional when the element it picks is null")
        .expect(neo + "UnassignedOptionalField.java", "private Optional<String> nickname;",
            "'nickname' is never assigned by a constructor or initialiser")
        // DoubleClose names the hold, and the earlier release, acquire, hand-off or owner with its line.
        .expect(dc + "LockReleasedTwice.java", "read.unlock()", "'read' is released again here, after unlock() at line ")
        .expect(dc + "LockReleasedTwice.java", "sl.unlockWrite(stamp)", "'sl (stamp)' is released again here, after unlockWrite() at line")
        .expect(dc + "LockReleasedTwice.java", "rw.writeLock().unlock()", "'rw.writeLock()' is released on every pass of the loop")
        .expect(dc + "UnlockWithoutLock.java", "barrier.writeLock().unlock()",
            "is unlocked in a finally block that also runs when lockInterruptibly() at line ")
        .expect(dc + "UnlockWithoutLock.java", "sl.unlockWrite(stamp)", "on a path where tryWriteLock() at line ")
        .expect(dc + "NettyBufferReleasedTwice.java", "ReferenceCountUtil.release(msg)", "'msg' is released again here, after safeRelease() at line")
        .expect(dc + "NettyOwnershipHandedAway.java", "payload.release()", "'payload' is released after write() at line ")
        .expect(dc + "NettyOwnershipHandedAway.java", "ReferenceCountUtil.release(msg)",
            "is released here and again by SimpleChannelInboundHandler once this method returns")
        .expect(dc + "NettyOwnershipHandedAway.java", "ctx.fireChannelRead(msg)",
            "is handed to fireChannelRead() at line ")
        .expect(dc + "NettyOwnershipHandedAway.java", "ctx.fireChannelRead(msg)", "but SimpleChannelInboundHandler still releases it")
        .expect(dc + "InnerReleasedAfterWrapper.java", "der.release()", "'der' is released here although closing its wrapper 'in'")
        .expect(dc + "InnerReleasedAfterWrapper.java", "header.release()", "closing its wrapper 'frame'")
        .expect(dc + "UseAfterClose.java", "in.available()", "'in' is used here after close() at line ")
        .expect(dc + "UseAfterClose.java", "return rs.next()", "'rs' is used here although its owner 'st' was closed first")
        .expect(dc + "EscapesTryWithResources.java", "pending = reader", "'reader' is stored in field 'pending'")
        .expect(dc + "EscapesTryWithResources.java", "supplyAsync(() -> readAll(in), executor)",
            "'in' is captured by the lambda handed to CompletableFuture.supplyAsync()")
        .expect(dc + "EscapesTryWithResources.java", "return lines.filter", "'lines' escapes the try-with-resources that closes it through filter()")
        .expect(dc + "AutoCloseableClosedTwice.java", "writer.close()", "'writer' is closed here and again by the try-with-resources")
        // ExecutorLeak names the pool (or the creating call), and the call, handler, field or throwing call.
        .expect(el + "CreatedInlineAsArgument.java", "supplyAsync(CreatedInlineAsArgument::fetch, Executors",
            "'Executors.newFixedThreadPool(…)' is created inline as the argument of CompletableFuture.supplyAsync,")
        .expect(el + "CreatedInlineAsArgument.java", "return executeAsync(Executors.newSingleThreadExecutor())",
            "is created inline as the argument of executeAsync(),")
        .expect(el + "CreatedInlineAsArgument.java", "Executors.newSingleThreadExecutor().submit(",
            "is created only for ExecutorService.submit() and dropped")
        .expect(el + "ShutDownOnlyOnNormalPath.java", "ExecutorService service = Executors.newSingleThreadExecutor()",
            "'service' is shut down only on the normal path, not when get() at line ")
        .expect(el + "ShutDownOnlyOnNormalPath.java", "builders = Executors.newFixedThreadPool(2)",
            "not when parse() at line ")
        .expect(el + "CreatedPerRequest.java", "Executors.newCachedThreadPool()",
            "'bulk' is created for every request to NoncompliantServletDoPost.doPost()")
        .expect(el + "FieldNeverShutDown.java", "private final ExecutorService executor",
            "'executor' is kept in field executor, which no method of the class shuts down")
        .expect(el + "FieldOverwritten.java", "clientPool = new ThreadPoolExecutor",
            "replaces the pool in field clientPool")
        .expect(el + "StaticPoolKeepsJvmAlive.java", "GC_THREAD = Executors.newSingleThreadExecutor()",
            "is kept in static field GC_THREAD with non-daemon threads")
        .expect(el + "CreatedInLoop.java", "new ForkJoinPool(4)", "'pool' is created on every pass of a loop")
        .expect(el + "TimerPerCall.java", "new Timer().schedule(", "'new Timer()' starts a new timer thread on every call")
        // UnsafeMemoryMisuse: the line of the earlier free or reallocation, the sizes, the classes and array types.
        .expect(umm + "DoubleFree.java", "U.freeMemory(address); // hazard", "is freed again here, after freeMemory at line ")
        .expect(umm + "UseAfterFree.java", "U.putLong(address, value);", "is read or written here after freeMemory at line ")
        .expect(umm + "Reallocation.java", "U.freeMemory(old);", "'old' is the old address, used here after reallocateMemory at line ")
        .expect(umm + "LengthOverflow.java", "U.setMemory(header, 4096", "'header' covers 4096 bytes of an allocation of only 16")
        .expect(umm + "FieldOffsets.java", "U.getIntVolatile(point, COUNT)", "a field of Counter, used with an object of the unrelated Point")
        .expect(umm + "ArrayOffsets.java", "ARRAY_CHAR_BASE_OFFSET", "is the layout of char[], used with a byte[]")
        .expect(umm + "AllocationLeak.java", "long buffer = U.allocateMemory(64)", "Free it in a finally block")
        .assertPassed();
  }
}
