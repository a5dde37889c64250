package dev.crashguard.catalog.knowledge;

import java.util.List;
import java.util.Set;

/**
 * Calls that end a path, or cannot end one with an exception, as more than one hazard needs them:
 * NullEscapingOptional (a null test whose branch ends in one guards what follows), DoubleClose (a catch that
 * ends in one does not reach the release after the try), ExecutorLeak (a log call cannot skip a shutdown);
 * and which exceptions a catch can see, by Java's rules on checked and unchecked exceptions.
 * Each hazard's knowledge names a list under its own name; it lives here once.
 */
public final class ControlFlowKnowledge {

  private ControlFlowKnowledge() {}

  /**
   * Methods of the JDK and of libraries that never return normally: the JVM stops ({@code System.exit},
   * {@code Runtime.exit}/{@code halt}), or the method always throws what it is given, checked or not (Netty's
   * {@code PlatformDependent.throwException}, a "sneaky throw" its own callers end a catch block with).
   */
  public static final List<MethodRef> NEVER_RETURNING_METHODS =
      List.of(
          new MethodRef("java.lang.System", "exit"),
          new MethodRef("java.lang.Runtime", "exit"),
          new MethodRef("java.lang.Runtime", "halt"),
          new MethodRef("io.netty.util.internal.PlatformDependent", "throwException"));

  /**
   * {@code java.lang.Exception}: a catch of one of its strict subtypes that is no {@link #RUNTIME_EXCEPTION}
   * ({@code catch (IOException e)}) takes checked exceptions only, which a call throws only when it declares
   * one (javac's rule). A catch of {@code Exception}, {@code Throwable} or an unchecked type takes what any
   * call may throw.
   */
  public static final String EXCEPTION = "java.lang.Exception";

  /** The root of the exceptions that need no declaration besides {@code Error}s; see {@link #EXCEPTION}. */
  public static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";

  /**
   * The roots of the unchecked exceptions: a method whose throws clause names only these and their subtypes
   * declares no checked exception, so javac makes it catch every checked exception of its calls itself.
   */
  public static final Set<String> UNCHECKED_EXCEPTION_ROOTS = Ordered.set(RUNTIME_EXCEPTION, "java.lang.Error");

  /**
   * Logging APIs whose log calls do not throw: SLF4J's bindings (Logback's {@code AppenderBase.doAppend}
   * catches what an appender throws and reports it to its status manager), Log4j 2 (an appender's
   * {@code ignoreExceptions} is true by default; the error goes to its status logger), Apache Commons
   * Logging, which delegates to one of them, and the JDK's own loggers. A log call in a {@code catch}
   * block does not make the block throw.
   */
  public static final Set<String> LOGGER_TYPES =
      Ordered.set(
          "org.slf4j.Logger",
          "org.apache.logging.log4j.Logger",
          "org.apache.commons.logging.Log",
          "java.util.logging.Logger",
          "java.lang.System$Logger");
}
