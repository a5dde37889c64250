package dev.crashguard.catalog.knowledge;

import java.util.List;

/**
 * Calls that end a path, as more than one hazard needs them: NullEscapingOptional (a null test whose branch
 * ends in one guards what follows) and DoubleClose (a catch that ends in one does not reach the release after
 * the try). Each hazard's knowledge names the list under its own name; it lives here once.
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
}
