package dev.crashguard.spotbugs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Finding;
import dev.crashguard.corpus.Corpus;
import dev.crashguard.corpus.CorpusCheck;
import dev.crashguard.corpus.MessageDetails;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real SpotBugs engine, with this plugin and only crashguard's detectors, over the compiled shared
 * corpus: every marker must be found (or declared a SpotBugs gap), nothing else reported, and every message
 * must be an instance of the catalog template. Analysis errors (a detector that threw or logged one) fail
 * the run.
 */
class SpotBugsCorpusTest {

  private static Corpus corpus;
  private static List<Finding> findings;

  @BeforeAll
  static void analyseTheCorpus() {
    corpus = Corpus.fromBuild();
    findings = CrashguardAnalysis.scan(Corpus.classesDir()).findings(path -> path);
  }

  @Test
  void corpusAgreesWithSpotBugs() {
    findings.stream().sorted(Finding.ORDER).forEach(System.out::println);
    CorpusCheck check = CorpusCheck.of(corpus, Engine.SPOTBUGS, findings);
    check.assertPassed();
    assertFalse(check.reportedHazards().isEmpty(), "SpotBugs reported nothing at all: the run is vacuous");
  }

  /** The details SpotBugs writes into the catalog template, from what a class file tells. */
  @Test
  void messagesNameWhatIsAtFaultAndWhereTheOtherThreadComesFrom() {
    String umw = "unsynchronizedmapwrite/";
    String neo = "nullescapingoptional/";
    String dc = "doubleclose/";
    String el = "executorleak/";
    String baa = "badannotationattribute/";
    String umm = "unsafememorymisuse/";
    MessageDetails.of(corpus, findings)
        .expect(umw + "AsyncAndScheduledTasks.java", "runAsync(() -> results.put",
            "'results' is written without a lock by a task handed to CompletableFuture.runAsync")
        .expect(umw + "AsyncAndScheduledTasks.java", "STATS.merge(\"ticks\"", "by a task handed to Timer.schedule")
        // The remedy fits the class written: order, sorting and weak keys are kept.
        .expect(umw + "AsyncAndScheduledTasks.java", "runAsync(() -> results.put", "ConcurrentHashMap would lose the order")
        .expect(umw + "AsyncAndScheduledTasks.java", "scheduler.scheduleAtFixedRate(() -> ticks", "the JDK has no concurrent weak map")
        .expect(umw + "InconsistentLocking.java", "routes.remove(route)", "Use ConcurrentSkipListMap, which keeps the sort order")
        .expect(umw + "InconsistentLocking.java", "sessions.remove(id)", "Use ConcurrentHashMap or guard every access with one lock.")
        .expect(umw + "TaskSubmittedToExecutor.java", "Runnable evict = () -> counts.clear()",
            "ScheduledExecutorService.scheduleWithFixedDelay")
        .expect(umw + "TaskSubmittedToExecutor.java", "names.add(\"x\")", "by a task handed to ExecutorService.submit")
        .expect(umw + "ThreadStartedWithWrite.java", "new Thread(() -> lastSeen.put", "by a task handed to new Thread")
        .expect(umw + "ThreadStartedWithWrite.java", "Thread.startVirtualThread", "Thread.startVirtualThread")
        .expect(umw + "ParallelStreamWrite.java", "map(w -> index.remove(w)).parallel()", "by a parallel stream's map")
        .expect(umw + "InconsistentLocking.java", "sessions.remove(id)", "in close(), while its other writers hold one")
        .expect(umw + "VolatileMapField.java", "config.put(key, value)", "by several threads (the field is volatile)")
        .expect(umw + "ThreadSubclassRun.java", "progress.put(\"step\", i)",
            "in run() of thread class NoncompliantWorker, while other methods use it too")
        .expect(umw + "ThreadSubclassRun.java", "seen.merge(\"calls\"", "in call() of Callable class NoncompliantCallable")
        .expect(umw + "SharedSingletonCache.java", "cache.computeIfAbsent(key, String::toUpperCase)",
            "by concurrent requests to Spring singleton NoncompliantService")
        .expect(umw + "SharedSingletonCache.java", "hits.merge(req.getRequestURI()", "by concurrent requests to servlet")
        .expect(neo + "NullPassedForOptional.java", "new Person(id, null)", "'new Person' is passed null for a parameter whose type is Optional")
        .expect(neo + "NullStoredInOptional.java", "slots[slot] = null", "'slots[]' is set to null although its type is Optional")
        .expect(neo + "OfNullReturningJdkMethod.java", "Optional.of(ports.get(scheme))",
            "'Map.get()' may be null and is passed to Optional.of, which then throws")
        .expect(neo + "OrElseNullDereferenced.java", "return 1 + boxed",
            "'boxed' is null when the Optional is empty (orElse(null)) and is unboxed unchecked")
        .expect(neo + "ReturnsNull.java", "Supplier<Optional<String>> lookup = () -> null", "'lambda in NoncompliantLambda' returns null")
        .expect(neo + "StreamPickingNullElement.java", "Stream.of(\"b\", null, \"a\").min(", "'min()' throws instead of returning an Optional")
        // DoubleClose: the earlier release and its line, the lock view, the wrapper, the call that took over.
        .expect(dc + "LockReleasedTwice.java", "lock.unlock(); // hazard", "'lock' is released again here, after unlock() at line")
        .expect(dc + "LockReleasedTwice.java", "rw.writeLock().unlock(); // hazard", "'rw.writeLock()'")
        .expect(dc + "LockReleasedTwice.java", "read.unlock(); // hazard", "'read' is released again here")
        .expect(dc + "UnlockWithoutLock.java", "barrier.writeLock().unlock(); // hazard",
            "when lockInterruptibly() at line")
        .expect(dc + "UnlockWithoutLock.java", "sl.unlockWrite(stamp); // hazard", "where tryWriteLock() at line")
        .expect(dc + "AutoCloseableClosedTwice.java", "writer.close(); // hazard",
            "'writer' is closed here and again by the try-with-resources")
        .expect(dc + "InnerReleasedAfterWrapper.java", "der.release(); // hazard", "closing its wrapper 'in'")
        .expect(dc + "NettyOwnershipHandedAway.java", "payload.release(); // hazard", "after write() at line")
        .expect(dc + "NettyOwnershipHandedAway.java", "ReferenceCountUtil.release(frame); // hazard",
            "after writeAndFlush() at line")
        .expect(dc + "NettyOwnershipHandedAway.java", "ctx.fireChannelRead(msg); // hazard",
            "but SimpleChannelInboundHandler still releases it")
        .expect(dc + "EscapesTryWithResources.java", "return reader.lines(); // hazard", "through lines()")
        .expect(dc + "EscapesTryWithResources.java", "pending = reader; // hazard", "is stored in field 'pending'")
        .expect(dc + "EscapesTryWithResources.java", "supplyAsync(() -> readAll(in), executor); // hazard",
            "a lambda handed to CompletableFuture.supplyAsync")
        .expect(dc + "UseAfterClose.java", "return rs.next(); // hazard", "its owner 'st' was closed first")
        // ExecutorLeak: the kind of leak, the call that can throw and its line, the field, the handler.
        .expect(el + "ShutDownOnlyOnNormalPath.java", "service = Executors.newSingleThreadExecutor(); // hazard",
            "'service' is shut down only on the normal path, not when get() at line")
        .expect(el + "ShutDownOnlyOnNormalPath.java", "builders = Executors.newFixedThreadPool(2); // hazard",
            "not when parse() at line")
        .expect(el + "CreatedInlineAsArgument.java", "return executeAsync(Executors.newSingleThreadExecutor());",
            "is created inline as the argument of executeAsync()")
        .expect(el + "CreatedInlineAsArgument.java", "Executors.newSingleThreadExecutor().submit(",
            "is created only for submit()")
        .expect(el + "CreatedPerRequest.java", "Executors.newFixedThreadPool(3); // hazard",
            "'executor' is created for every request to price()")
        .expect(el + "CreatedInLoop.java", "ForkJoinPool pool = new ForkJoinPool(4); // hazard",
            "'pool' is created on every pass of a loop")
        .expect(el + "FieldOverwritten.java", "clientPool = new ThreadPoolExecutor(", "replaces the pool in field clientPool")
        .expect(el + "StaticPoolKeepsJvmAlive.java", "GC_THREAD = Executors.newSingleThreadExecutor(); // hazard",
            "is kept in static field GC_THREAD with non-daemon threads")
        .expect(el + "TimerPerCall.java", "new Timer().schedule(", "'new Timer(…)' starts a new timer thread on every call")
        // BadAnnotationAttribute: the annotation as written (constants folded, backslashes as in the other
        // engines), judged with the element's type, on the method's first line or the field's first access.
        .expect(baa + "ValidationBounds.java", "return name; // hazard", "'@Size(min = 5, max = 3)' sets a minimum above")
        .expect(baa + "ValidationBounds.java", "return age; // hazard", "'@Max(value = 18)' cannot hold together with @Min(120)")
        .expect(baa + "ValidationRegex.java", "return mail; // hazard", "'@Email(regexp = \"\\\\p{Foo}+@example\\\\.com\")'")
        .expect(baa + "ValidationRegex.java", "return sku; // hazard", "'@Pattern(regexp = \"*[0-9]{4}\")'")
        .expect(baa + "SpringFormatsAndValues.java", "return poolSize; // hazard", "fails to convert it to int at start-up")
        .expect(baa + "SpringFormatsAndValues.java", "return day; // hazard", "is not a DateTimeFormatter pattern")
        .expect(baa + "JacksonFormats.java", "return at; // hazard", "is not a DateTimeFormatter pattern")
        .expect(baa + "JacksonNames.java", "return legacyId; // hazard", "gives a second property of the class the JSON name 'id'")
        .expect(baa + "SpringPaths.java", "return id; // hazard", "captures 'id' again after the class-level mapping did")
        .expect(baa + "SpringScheduling.java", "System.gc(); // hazard", "is not a cron expression Spring accepts")
        // UnsafeMemoryMisuse: the variable or constant at fault, the line of the earlier free or reallocation, the
        // class or array types paired, the sizes, and the remedy of the kind.
        .expect(umm + "UseAfterFree.java", "return U.getLong(address); // hazard",
            "'address' is read or written here after freeMemory at line")
        .expect(umm + "DoubleFree.java", "U.freeMemory(address); // hazard", "is freed again here, after freeMemory at line")
        .expect(umm + "DoubleFree.java", "U.freeMemory(address); // hazard", "and set the variable to 0 after freeMemory.")
        .expect(umm + "Reallocation.java", "U.freeMemory(old); // hazard",
            "'old' is the old address, used here after reallocateMemory at line")
        .expect(umm + "Reallocation.java", "U.reallocateMemory(address, newSize); // hazard",
            "'address' is reallocated here and the new address is dropped")
        .expect(umm + "AllocationLeak.java", "long buffer = U.allocateMemory(64)", "'buffer' is allocated here")
        .expect(umm + "ArrayOffsets.java", "ARRAY_CHAR_BASE_OFFSET); // hazard",
            "'ARRAY_CHAR_BASE_OFFSET' is the layout of char[], used with a byte[]")
        .expect(umm + "FieldOffsets.java", "getIntVolatile(point, COUNT)",
            "'COUNT' is an offset of a field of FieldOffsets.Counter, used with an object of the unrelated"
                + " FieldOffsets.Point")
        .expect(umm + "LengthOverflow.java", "U.setMemory(header, 4096", "covers 4096 bytes of an allocation of only 16")
        .expect(umm + "GettingUnsafe.java", "Unsafe.getUnsafe().pageSize()", "Read the theUnsafe field reflectively")
        .assertPassed();
  }
}
