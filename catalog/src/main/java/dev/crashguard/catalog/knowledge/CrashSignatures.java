package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.crash.CrashSignature.Strength.CAUSED_BY;
import static dev.crashguard.catalog.crash.CrashSignature.Strength.CONSISTENT_WITH;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.CrashSignature;
import dev.crashguard.catalog.crash.FramePattern;
import dev.crashguard.catalog.crash.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each hazard looks like once it has happened: the failures its crash proofs produce, as {@code
 * crashguard explain} finds them in a production log, thread dump or JVM crash report. Every signature
 * here is matched by the crash-proof tests against the failure the corpus' own noncompliant code really
 * produces (testdata), and none matches the unrelated failures of {@code CrashSignaturesTest}.
 *
 * <p>A signature is {@link CrashSignature.Strength#CAUSED_BY} when only its hazard is known to produce it,
 * {@link CrashSignature.Strength#CONSISTENT_WITH} when other bugs can too (the meaning says which).
 */
public final class CrashSignatures {

  private CrashSignatures() {}

  private static final List<FramePattern> NO_FRAMES = List.of();

  // ---- UnsynchronizedMapWrite -------------------------------------------------------------------------

  /** The map and set classes of the hazard, and their iterators, spliterators and views (nested classes). */
  private static final List<FramePattern> UNSAFE_COLLECTION_FRAMES =
      UnsynchronizedMapWriteKnowledge.UNSAFE_COLLECTIONS.stream().map(FramePattern::of).toList();

  /** How many of a thread's top frames must be the map's own for it to count as spinning there. */
  private static final int SPINNING_FRAMES = 2;

  private static final List<CrashSignature> UNSYNCHRONIZED_MAP_WRITE =
      List.of(
          new CrashSignature(
              "unsynchronized-map-write/concurrent-modification",
              Hazard.UNSYNCHRONIZED_MAP_WRITE,
              CONSISTENT_WITH,
              "ConcurrentModificationException out of a HashMap, TreeMap or HashSet",
              "The map changed while it was being read: another thread wrote it without the lock its readers"
                  + " hold, or the loop that reads it also wrote it.",
              Shapes.thrown(
                  Set.of("java.util.ConcurrentModificationException"), null, UNSAFE_COLLECTION_FRAMES, NO_FRAMES)),
          new CrashSignature(
              "unsynchronized-map-write/spinning-in-map",
              Hazard.UNSYNCHRONIZED_MAP_WRITE,
              CONSISTENT_WITH,
              "thread dump: two threads RUNNABLE inside a HashMap's or TreeMap's own code, or one thread there in"
                  + " two dumps",
              "Puts from several threads without a lock can leave a map's bucket list or tree with a cycle, and"
                  + " every later call that walks it loops forever at full CPU; a healthy call is seldom caught"
                  + " there twice, and a dump taken again a few seconds later that finds the same threads in the"
                  + " same frames confirms it.",
              Shapes.spinningIn(UNSAFE_COLLECTION_FRAMES, SPINNING_FRAMES)));

  // ---- NullEscapingOptional ---------------------------------------------------------------------------

  private static final String OPTIONAL_TYPES = "java\\.util\\.Optional(?:Int|Long|Double)?";

  private static final List<CrashSignature> NULL_ESCAPING_OPTIONAL =
      List.of(
          new CrashSignature(
              "null-escaping-optional/optional-is-null",
              Hazard.NULL_ESCAPING_OPTIONAL,
              CAUSED_BY,
              "NullPointerException: a method of Optional invoked on null",
              "An Optional variable, field or return value was null itself: the method that produced it (named"
                  + " in the message) returned or stored null where it promised an Optional.",
              Shapes.thrown(
                  Set.of("java.lang.NullPointerException"),
                  Pattern.compile("Cannot invoke \"" + OPTIONAL_TYPES + "\\.[\\w$]+\\([^\"]*\\)\" because "),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "null-escaping-optional/optional-of-null",
              Hazard.NULL_ESCAPING_OPTIONAL,
              CAUSED_BY,
              "NullPointerException out of Optional.of",
              "Optional.of was given null: the value may be absent, which is what Optional.ofNullable is for.",
              Shapes.thrown(
                  Set.of("java.lang.NullPointerException"),
                  null,
                  List.of(FramePattern.of("java.util.Optional", "of", "<init>")),
                  NO_FRAMES)),
          new CrashSignature(
              "null-escaping-optional/null-taken-out",
              Hazard.NULL_ESCAPING_OPTIONAL,
              CAUSED_BY,
              "NullPointerException on the null that Optional.orElse(null) or orElseGet returned",
              "The empty case of an Optional was turned into null and then used: the absence the Optional"
                  + " made explicit became an NPE far from it.",
              Shapes.thrown(
                  Set.of("java.lang.NullPointerException"),
                  Pattern.compile("because the return value of \"" + OPTIONAL_TYPES + "\\.orElse(?:Get)?\\("),
                  NO_FRAMES,
                  NO_FRAMES)));

  // ---- DoubleClose ------------------------------------------------------------------------------------

  private static final List<CrashSignature> DOUBLE_CLOSE =
      List.of(
          new CrashSignature(
              "double-close/lock-released-twice",
              Hazard.DOUBLE_CLOSE,
              CAUSED_BY,
              "IllegalMonitorStateException out of a java.util.concurrent lock's unlock",
              "A lock was released that the thread no longer held (or never acquired): released twice on one"
                  + " path, or unlocked in a finally after an acquire that failed.",
              Shapes.thrown(
                  Set.of("java.lang.IllegalMonitorStateException"),
                  null,
                  List.of(FramePattern.of("java.util.concurrent.locks.")),
                  NO_FRAMES)),
          new CrashSignature(
              "double-close/reference-count-zero",
              Hazard.DOUBLE_CLOSE,
              CAUSED_BY,
              "Netty IllegalReferenceCountException (refCnt: 0)",
              "A reference-counted buffer or message was released again, or used, after its count reached zero:"
                  + " a release on a path that had already released it or handed it on.",
              Shapes.thrown(
                  Set.of("io.netty.util.IllegalReferenceCountException"),
                  Pattern.compile("refCnt: 0"),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "double-close/stream-used-after-close",
              Hazard.DOUBLE_CLOSE,
              CONSISTENT_WITH,
              "IOException: Stream closed, out of java.io",
              "A stream, reader or writer was used after a close on the same path (its own, or its wrapper's);"
                  + " another thread closing it gives the same failure.",
              Shapes.thrown(
                  Set.of("java.io.IOException"),
                  Pattern.compile("^Stream [Cc]losed$"),
                  List.of(FramePattern.of("java.io.")),
                  NO_FRAMES)),
          // The exact type: its subclasses (AsynchronousCloseException, ClosedByInterruptException) are a close
          // during the operation, and Netty's own closed-channel exceptions (a peer gone) are not thrown
          // from the JDK's channel implementations.
          new CrashSignature(
              "double-close/channel-used-after-close",
              Hazard.DOUBLE_CLOSE,
              CONSISTENT_WITH,
              "ClosedChannelException out of a JDK channel (Files.newInputStream, a FileChannel)",
              "A channel, or the stream over it that Files.newInputStream or newOutputStream returned, was used"
                  + " after a close on the same path (its try-with-resources had ended); another thread closing"
                  + " it gives the same failure.",
              Shapes.thrown(
                  Set.of("java.nio.channels.ClosedChannelException"),
                  null,
                  List.of(FramePattern.of("sun.nio.ch.")),
                  NO_FRAMES)),
          new CrashSignature(
              "double-close/arena-already-closed",
              Hazard.DOUBLE_CLOSE,
              CAUSED_BY,
              "IllegalStateException: Already closed, out of a foreign-memory Arena",
              "An Arena was closed twice, or its memory used after its close.",
              Shapes.thrown(
                  Set.of("java.lang.IllegalStateException"),
                  Pattern.compile("^Already closed$"),
                  List.of(FramePattern.of("jdk.internal.foreign.")),
                  NO_FRAMES)),
          new CrashSignature(
              "double-close/jdbc-object-closed",
              Hazard.DOUBLE_CLOSE,
              CONSISTENT_WITH,
              "SQLException: the connection, statement or result set is closed",
              "A JDBC object was used after its own close, or after the statement or connection that owns it was"
                  + " closed (closing a statement closes its result sets); a pool evicting the connection gives"
                  + " the same message.",
              Shapes.thrown(
                  // H2 throws JdbcSQLNonTransientException, which does not end in SQLException.
                  Set.of("*SQLException", "*SQLNonTransientException"),
                  Pattern.compile(
                      "(?i)object is already closed|(?:result ?set|statement|connection) (?:is|has been|was|already)"
                          + " closed|after (?:result ?set|statement|connection) (?:was )?closed"),
                  NO_FRAMES,
                  NO_FRAMES)),
          // ThreadPoolExecutor's AbortPolicy names the pool with its state: "Running" is a full queue (not
          // this hazard), "Shutting down" and "Terminated" a pool that was shut down or closed.
          new CrashSignature(
              "double-close/executor-shut-down",
              Hazard.DOUBLE_CLOSE,
              CONSISTENT_WITH,
              "RejectedExecutionException: a task rejected from a ThreadPoolExecutor that is shutting down or"
                  + " terminated",
              "A task was submitted to an executor after its shutdown or close: the executor was used after a"
                  + " close on the same path; another thread shutting it down first (the application stopping)"
                  + " gives the same failure.",
              Shapes.thrown(
                  Set.of("java.util.concurrent.RejectedExecutionException"),
                  Pattern.compile(" rejected from [\\w.$]+@\\p{XDigit}+\\[(?:Shutting down|Terminated), pool size = "),
                  List.of(FramePattern.of("java.util.concurrent.ThreadPoolExecutor$AbortPolicy", "rejectedExecution")),
                  NO_FRAMES)));

  // ---- ExecutorLeak -----------------------------------------------------------------------------------

  /** Where a java.util.Timer's one thread waits for its next task (the thread of no other class waits there). */
  private static final List<FramePattern> TIMER_WAITING = List.of(FramePattern.of("java.util.TimerThread", "mainLoop"));

  /** Where an idle worker of a JDK pool or timer waits for its next task. */
  private static final List<FramePattern> WAITING_FOR_WORK =
      List.of(
          FramePattern.of("java.util.concurrent.ThreadPoolExecutor", "getTask"),
          FramePattern.of("java.util.TimerThread", "mainLoop"));

  /** How many leaked pools make the shape: an application has a few of its own, not dozens. */
  public static final int LEAKED_POOLS_AT_LEAST = 10;

  private static final List<CrashSignature> EXECUTOR_LEAK =
      List.of(
          new CrashSignature(
              "executor-leak/no-native-thread",
              Hazard.EXECUTOR_LEAK,
              CONSISTENT_WITH,
              "OutOfMemoryError: unable to create native thread",
              "The process ran out of threads: executors or timers created again and again and never shut down"
                  + " keep every worker alive (so can any code that starts threads without end).",
              Shapes.thrown(
                  Set.of("java.lang.OutOfMemoryError"),
                  Pattern.compile("unable to create (?:new )?native thread"),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "executor-leak/idle-pools",
              Hazard.EXECUTOR_LEAK,
              CAUSED_BY,
              "thread dump: " + LEAKED_POOLS_AT_LEAST + " or more pools of Executors' default threads, all idle",
              "Each pool-N-thread-M family is one executor from Executors' default thread factory; many of them"
                  + " waiting for work are executors created per call and never shut down.",
              Shapes.idlePools(Pattern.compile("pool-(\\d+)-thread-\\d+"), WAITING_FOR_WORK, LEAKED_POOLS_AT_LEAST)),
          new CrashSignature(
              "executor-leak/idle-fork-join-pools",
              Hazard.EXECUTOR_LEAK,
              CAUSED_BY,
              "thread dump: " + LEAKED_POOLS_AT_LEAST + " or more ForkJoinPools of the default factory, all idle",
              "Each ForkJoinPool-N-worker-M family is one new ForkJoinPool(...); many of them waiting for work are"
                  + " pools created per call and never shut down (their idle workers end after the pool's keep-alive,"
                  + " 60 s by default, so the dump shows the calls of the last minute; the threads they started"
                  + " until then are what runs out).",
              Shapes.idlePools(Pattern.compile("ForkJoinPool-(\\d+)-worker-\\d+"),
                  List.of(FramePattern.of("java.util.concurrent.ForkJoinPool", "awaitWork")), LEAKED_POOLS_AT_LEAST)),
          new CrashSignature(
              "executor-leak/idle-timers",
              Hazard.EXECUTOR_LEAK,
              CAUSED_BY,
              "thread dump: " + LEAKED_POOLS_AT_LEAST + " or more idle java.util.Timer threads",
              "Each thread waiting in TimerThread.mainLoop (Timer-N, or the name given to new Timer(name)) is one"
                  + " java.util.Timer; many of them waiting are timers created per call and never cancelled.",
              Shapes.idlePools(Pattern.compile(".*"), TIMER_WAITING, LEAKED_POOLS_AT_LEAST)),
          new CrashSignature(
              "executor-leak/jvm-kept-alive",
              Hazard.EXECUTOR_LEAK,
              CONSISTENT_WITH,
              "thread dump: main has returned (DestroyJavaVM) and non-daemon pool or timer threads wait for work",
              "The JVM cannot exit while a non-daemon thread lives: an executor or timer that is never shut down"
                  + " keeps its idle workers, and the process, alive (unless the process is meant to live on that"
                  + " pool, as a scheduler whose main only starts it).",
              Shapes.keptAlive("DestroyJavaVM", WAITING_FOR_WORK)));

  // ---- UnsafeMemoryMisuse -----------------------------------------------------------------------------

  private static final List<FramePattern> UNSAFE_FRAMES =
      UnsafeMemoryMisuseKnowledge.UNSAFE_TYPES.stream().map(FramePattern::of).toList();

  private static final List<CrashSignature> UNSAFE_MEMORY_MISUSE =
      List.of(
          new CrashSignature(
              "unsafe-memory-misuse/fatal-error-in-unsafe",
              Hazard.UNSAFE_MEMORY_MISUSE,
              CAUSED_BY,
              "JVM crash report (hs_err): SIGSEGV or SIGBUS with Unsafe on the crashing thread's stack",
              "The JVM died reading, writing or freeing off-heap memory through Unsafe: an address that was"
                  + " freed, reallocated, never allocated, or an offset into the wrong object.",
              Shapes.fatalError(
                  Pattern.compile("SIGSEGV|SIGBUS|EXCEPTION_ACCESS_VIOLATION|EXCEPTION_IN_PAGE_ERROR"),
                  Pattern.compile(
                      "Unsafe_\\w+|~StubRoutines::\\w*(?:copy|unsafe|setmemory)\\w*|\\b(?:__libc_free|cfree|_int_free"
                          + "|free|__libc_malloc|_int_malloc|malloc|realloc|_int_realloc|malloc_consolidate)\\+0x"),
                  UNSAFE_FRAMES,
                  4)),
          new CrashSignature(
              "unsafe-memory-misuse/crash-in-unsafe-native",
              Hazard.UNSAFE_MEMORY_MISUSE,
              CONSISTENT_WITH,
              "JVM fatal error whose problematic frame is Unsafe's own native code (Unsafe_GetLong,"
                  + " StubRoutines::unsafe_setmemory)",
              "The JVM died inside an Unsafe access itself: the address or offset it was given is not memory the"
                  + " program owns. This is the header the dying JVM prints on its console, and all of an hs_err"
                  + " file that a second failure cut short; a memory-mapped file truncated under its reader"
                  + " faults there too.",
              Shapes.line(
                  Pattern.compile(
                      "^#\\s+(?:V\\s+\\[(?:lib)?jvm\\.\\w+\\+0x\\p{XDigit}+\\]\\s+Unsafe_\\w+"
                          + "|v\\s+~StubRoutines::unsafe_\\w+)"))),
          new CrashSignature(
              "unsafe-memory-misuse/native-heap-corruption",
              Hazard.UNSAFE_MEMORY_MISUSE,
              CONSISTENT_WITH,
              "glibc aborted the process: a block freed twice or the heap written past a block's end",
              "The C heap's own checks failed, which off-heap memory freed twice or written beyond its"
                  + " allocation through Unsafe causes (so can a native library's own bug).",
              Shapes.line(
                  Pattern.compile(
                      "^(?:free\\(\\): (?:double free detected|invalid (?:pointer|size|next size))|double free or"
                          + " corruption|munmap_chunk\\(\\): invalid pointer|malloc\\(\\): (?:memory corruption|corrupted"
                          + "|invalid|unaligned)|corrupted size vs\\. prev_size|realloc\\(\\): invalid"
                          + "|malloc_consolidate\\(\\): |tcache_thread_shutdown\\(\\): unaligned tcache chunk"
                          + "|Fatal glibc error: malloc assertion failure in )"))),
          new CrashSignature(
              "unsafe-memory-misuse/get-unsafe-refused",
              Hazard.UNSAFE_MEMORY_MISUSE,
              CAUSED_BY,
              "SecurityException: Unsafe, out of Unsafe.getUnsafe()",
              "Unsafe.getUnsafe() refuses every caller that the boot class loader did not load: read the"
                  + " theUnsafe field instead. In a static initializer, every later use of the class fails with"
                  + " NoClassDefFoundError, caused by the recorded \"Exception java.lang.SecurityException: Unsafe\".",
              Shapes.thrown(
                  // The JVM records a failed <clinit>'s exception as the cause of each later NoClassDefFoundError:
                  // an ExceptionInInitializerError whose message names it, with its frames.
                  Set.of("java.lang.SecurityException", "java.lang.ExceptionInInitializerError"),
                  Pattern.compile("^(?:Exception java\\.lang\\.SecurityException: )?Unsafe(?: \\[in thread \"[^\"]*\"\\])?$"),
                  List.of(FramePattern.of(UnsafeMemoryMisuseKnowledge.SUN_UNSAFE, "getUnsafe")),
                  NO_FRAMES)),
          new CrashSignature(
              "unsafe-memory-misuse/static-field-offset",
              Hazard.UNSAFE_MEMORY_MISUSE,
              CAUSED_BY,
              "IllegalArgumentException out of Unsafe.objectFieldOffset",
              "objectFieldOffset was given a static field (its offset comes from staticFieldOffset and its base"
                  + " from staticFieldBase).",
              Shapes.thrown(
                  Set.of("java.lang.IllegalArgumentException"),
                  null,
                  UnsafeMemoryMisuseKnowledge.UNSAFE_TYPES.stream()
                      .map(t -> FramePattern.of(t, "objectFieldOffset", "objectFieldOffset0", "objectFieldOffset1"))
                      .toList(),
                  NO_FRAMES)));

  // ---- BadAnnotationAttribute -------------------------------------------------------------------------

  /**
   * What SimpleDateFormat and DateTimeFormatter.ofPattern say of a pattern they cannot compile (a value
   * they cannot parse gives a ParseException or DateTimeParseException instead).
   */
  private static final Pattern DATE_TIME_PATTERN_REFUSED =
      Pattern.compile("Illegal pattern character|Unknown pattern letter|Pattern ends with an incomplete"
          + "|Pattern includes reserved character|Unterminated quote|Too many pattern letters");

  /** Where Spring resolves the value of an injection point: {@code @Value} on a field, method or constructor. */
  private static final FramePattern SPRING_RESOLVES_DEPENDENCY =
      FramePattern.of("org.springframework.beans.factory.support.DefaultListableBeanFactory", "doResolveDependency");

  private static final List<CrashSignature> BAD_ANNOTATION_ATTRIBUTE =
      List.of(
          new CrashSignature(
              "bad-annotation-attribute/validator-refuses-constraint",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Hibernate Validator HV000032: Unable to initialize a constraint validator",
              "A constraint annotation's attribute (a regexp, bounds, digits, a decimal) is one the validator"
                  + " cannot use: every validation of the annotated class fails.",
              Shapes.thrown(
                  Set.of("jakarta.validation.ValidationException", "javax.validation.ValidationException"),
                  Pattern.compile("^HV000032: "),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "bad-annotation-attribute/jackson-definition",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Jackson InvalidDefinitionException from an annotation's name or pattern",
              "A Jackson annotation gives two members one JSON name, or a format pattern Jackson cannot use: the"
                  + " class can be neither written nor read.",
              Shapes.thrown(
                  Set.of("com.fasterxml.jackson.databind.exc.InvalidDefinitionException"),
                  Pattern.compile("Multiple fields representing property|Bad 'pattern' definition"
                      + "|Conflicting (?:getter|setter) definitions"),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "bad-annotation-attribute/jackson-format-pattern",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "IllegalArgumentException from a date-time pattern that Jackson reads from @JsonFormat",
              "@JsonFormat's pattern is not a valid SimpleDateFormat or DateTimeFormatter pattern: the first write"
                  + " or read of the class fails.",
              Shapes.thrown(
                  Set.of("java.lang.IllegalArgumentException", "com.fasterxml.jackson.databind.JsonMappingException"),
                  DATE_TIME_PATTERN_REFUSED,
                  NO_FRAMES,
                  List.of(FramePattern.of("com.fasterxml.jackson.")))),
          new CrashSignature(
              "bad-annotation-attribute/invalid-scheduled",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Spring: Encountered invalid @Scheduled method",
              "A @Scheduled attribute (cron, zone, fixed rate or delay) is one Spring cannot parse: the"
                  + " application context does not start.",
              Shapes.thrown(
                  Set.of("java.lang.IllegalStateException"),
                  Pattern.compile("^Encountered invalid @Scheduled method"),
                  NO_FRAMES,
                  NO_FRAMES)),
          new CrashSignature(
              "bad-annotation-attribute/scheduled-zero-period",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "IllegalArgumentException out of the scheduler, for a task Spring registered from @Scheduled",
              "@Scheduled(fixedRate or fixedDelay) is zero or less: the JDK scheduler refuses the task when the"
                  + " context finishes starting.",
              Shapes.thrown(
                  Set.of("java.lang.IllegalArgumentException"),
                  null,
                  List.of(FramePattern.of("java.util.concurrent.ScheduledThreadPoolExecutor",
                      "scheduleAtFixedRate", "scheduleWithFixedDelay")),
                  List.of(FramePattern.of("org.springframework.scheduling.config.ScheduledTaskRegistrar")))),
          new CrashSignature(
              "bad-annotation-attribute/request-mapping-path",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Spring PatternParseException while registering a request mapping",
              "A @RequestMapping path is not a valid path pattern: the web application context does not start.",
              Shapes.thrown(
                  Set.of("org.springframework.web.util.pattern.PatternParseException"),
                  null,
                  NO_FRAMES,
                  List.of(FramePattern.of("org.springframework.web.servlet.handler.AbstractHandlerMethodMapping"),
                      FramePattern.of("org.springframework.web.reactive.result.method.AbstractHandlerMethodMapping"),
                      FramePattern.of("org.springframework.web.servlet.mvc.method.RequestMappingInfo"),
                      FramePattern.of("org.springframework.web.reactive.result.method.RequestMappingInfo")))),
          new CrashSignature(
              "bad-annotation-attribute/date-time-format",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Spring ConversionFailedException from a @DateTimeFormat pattern",
              "@DateTimeFormat's pattern is not a valid date-time pattern: every conversion of the field fails.",
              // The pattern's own failure, in Spring's formatters: a value that a valid pattern does not parse
              // fails the same conversion with a DateTimeParseException, which is bad input.
              Shapes.thrown(
                  Set.of("java.lang.IllegalArgumentException"),
                  DATE_TIME_PATTERN_REFUSED,
                  NO_FRAMES,
                  List.of(FramePattern.of("org.springframework.format.")))),
          new CrashSignature(
              "bad-annotation-attribute/unclosed-value-placeholder",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Spring TypeMismatchException: the text of an unclosed ${…} placeholder injected as the value",
              "A @Value placeholder lacks its closing brace: Spring does not resolve it, injects its text, and the"
                  + " conversion to the field's type fails even though the property is set.",
              Shapes.thrown(
                  Set.of("org.springframework.beans.TypeMismatchException"),
                  // The rejected value, as the message quotes it, opens a placeholder and never closes it.
                  Pattern.compile("^Failed to convert value of type 'java\\.lang\\.String' to required type '[^']+';"
                      + ".*\"\\$\\{[^}\"]*\""),
                  NO_FRAMES,
                  List.of(SPRING_RESOLVES_DEPENDENCY))),
          new CrashSignature(
              "bad-annotation-attribute/unclosed-value-expression",
              Hazard.BAD_ANNOTATION_ATTRIBUTE,
              CAUSED_BY,
              "Spring ParseException: No ending suffix '}' for a #{…} expression of a bean definition",
              "A @Value expression (or a bean definition's) lacks its closing brace: Spring cannot parse it and the"
                  + " bean is not created.",
              Shapes.thrown(
                  Set.of("org.springframework.expression.ParseException"),
                  Pattern.compile("No ending suffix '\\}' for expression starting at character"),
                  NO_FRAMES,
                  List.of(FramePattern.of("org.springframework.context.expression.StandardBeanExpressionResolver")))));

  private static final List<CrashSignature> ALL;

  static {
    List<CrashSignature> all = new ArrayList<>();
    all.addAll(UNSYNCHRONIZED_MAP_WRITE);
    all.addAll(NULL_ESCAPING_OPTIONAL);
    all.addAll(DOUBLE_CLOSE);
    all.addAll(EXECUTOR_LEAK);
    all.addAll(UNSAFE_MEMORY_MISUSE);
    all.addAll(BAD_ANNOTATION_ATTRIBUTE);
    ALL = Collections.unmodifiableList(all);
  }

  /** Every signature, by hazard in catalog order. */
  public static List<CrashSignature> all() {
    return ALL;
  }

  /** One hazard's signatures. */
  public static List<CrashSignature> of(Hazard hazard) {
    return ALL.stream().filter(s -> s.hazard() == hazard).toList();
  }

  /** The signature with this id. */
  public static java.util.Optional<CrashSignature> byId(String id) {
    return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
