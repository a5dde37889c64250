package dev.crashguard.spotbugs.executorleak;

import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.spotbugs.common.KnownMethods;
import dev.crashguard.spotbugs.common.MethodLookup;
import dev.crashguard.spotbugs.common.Types;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.classfile.ExceptionTable;
import org.apache.bcel.classfile.Method;

/**
 * The catalog's ExecutorLeak knowledge as bytecode tests: which call or {@code new} creates a pool or timer,
 * which ends it, which wraps it, which only uses it, and which library call can throw. One per detector
 * (its caches are per analysis: application classes differ from one analysis to the next).
 */
final class PoolModel {

  static final String TIMER = internal(ExecutorLeakKnowledge.TIMER);
  static final String THREAD_FACTORY = dev.crashguard.spotbugs.common.Types.descriptor(ExecutorLeakKnowledge.THREAD_FACTORY);
  static final KnownMethods DAEMON_WORKER_FACTORIES = KnownMethods.anyOf(ExecutorLeakKnowledge.DAEMON_WORKER_FACTORIES);
  static final String EXECUTOR = internal(ExecutorLeakKnowledge.EXECUTOR);
  private static final String THROWABLE = "java/lang/Throwable";
  private static final int MAX_SUPER_DEPTH = 12;

  static final KnownMethods FACTORIES = KnownMethods.anyOf(ExecutorLeakKnowledge.EXECUTOR_FACTORIES);
  static final KnownMethods IDLING_OUT = KnownMethods.anyOf(ExecutorLeakKnowledge.IDLING_OUT_FACTORIES);
  static final KnownMethods SHUTDOWNS = KnownMethods.anyOf(ExecutorLeakKnowledge.SHUTDOWN_METHODS);
  static final KnownMethods STATIC_SHUTDOWN_HELPERS = KnownMethods.anyOf(ExecutorLeakKnowledge.STATIC_SHUTDOWN_HELPERS);
  static final KnownMethods FORWARDING = KnownMethods.anyOf(ExecutorLeakKnowledge.FORWARDING_WRAPPERS);
  static final KnownMethods EXITING = KnownMethods.anyOf(ExecutorLeakKnowledge.EXITING_EXECUTOR_WRAPPERS);
  static final KnownMethods NON_OWNING = KnownMethods.anyOf(ExecutorLeakKnowledge.NON_OWNING_EXECUTOR_PARAMETERS);
  static final KnownMethods HOOKS = KnownMethods.anyOf(ExecutorLeakKnowledge.SHUTDOWN_HOOK_REGISTRATIONS);
  static final KnownMethods CORE_TIMEOUT = KnownMethods.of(ExecutorLeakKnowledge.CORE_THREAD_TIMEOUT);
  static final KnownMethods SERVLET_REQUEST = KnownMethods.anyOf(ExecutorLeakKnowledge.SERVLET_REQUEST_METHODS);
  static final KnownMethods TASK_HANDOFFS = KnownMethods.anyOf(ExecutorLeakKnowledge.TASK_HANDOFFS);
  static final KnownMethods CONFIGURATION = KnownMethods.anyOf(ExecutorLeakKnowledge.POOL_CONFIGURATION_METHODS);
  static final String ASYNC_STAGE = internal(ExecutorLeakKnowledge.ASYNC_STAGE_TYPE);

  /** The names of every shutdown method ({@code shutdown}, {@code shutdownNow}, {@code close}, {@code cancel}). */
  static final Set<String> SHUTDOWN_NAMES = names(ExecutorLeakKnowledge.SHUTDOWN_METHODS);

  /** The classes whose constructors make a pool or a timer (their subclasses too). */
  static final List<String> POOL_CLASSES =
      ExecutorLeakKnowledge.EXECUTOR_CONSTRUCTORS.stream().map(MethodRef::internalOwner).toList();

  /** Classes a creation names in the constant pool: a class that names none of them creates nothing. */
  static final Set<String> CREATION_CLASS_NAMES = creationClassNames();

  /** Request-handler annotations, as descriptors. */
  static final Set<String> REQUEST_ANNOTATIONS = descriptors(ExecutorLeakKnowledge.REQUEST_HANDLER_ANNOTATIONS);

  private final Map<String, Boolean> poolClasses = new HashMap<>();
  private final Map<String, Boolean> throwing = new HashMap<>();
  private final Map<String, Boolean> knownThrowing = new HashMap<>();
  private final Map<String, java.util.Optional<List<String>>> declared = new HashMap<>();

  /** Whether {@code new cls(…)} makes a pool or a timer: a listed class or an (application) subclass of one. */
  boolean isPoolClass(String cls) {
    String internal = cls.replace('.', '/');
    if (POOL_CLASSES.contains(internal)) {
      return true;
    }
    if (internal.startsWith("[")) {
      return false;
    }
    return poolClasses.computeIfAbsent(internal, PoolModel::extendsPoolClass);
  }

  /**
   * Whether a superclass of {@code internal} is a pool class: only the superclass chain is read (a pool is a
   * class, not an interface), from SpotBugs' cached class headers, and the walk ends at the first JDK class.
   */
  private static boolean extendsPoolClass(String internal) {
    String current = internal;
    for (int depth = 0; current != null && depth < MAX_SUPER_DEPTH; depth++) {
      if (POOL_CLASSES.contains(current)) {
        return true;
      }
      if (current.startsWith("java/") && depth > 0) {
        return Types.isSubtypeOfAny(current, POOL_CLASSES);
      }
      try {
        XClass x = Global.getAnalysisCache().getClassAnalysis(XClass.class,
            DescriptorFactory.createClassDescriptor(current));
        ClassDescriptor superclass = x == null ? null : x.getSuperclassDescriptor();
        current = superclass == null ? null : superclass.getClassName();
      } catch (CheckedAnalysisException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  static boolean isTimer(String cls) {
    return TIMER.equals(cls.replace('.', '/')) || Types.isSubtype(cls, TIMER);
  }

  static boolean isDaemonWorkerPool(String cls) {
    return Types.isSubtypeOfAny(cls, ExecutorLeakKnowledge.DAEMON_WORKER_POOLS);
  }

  /** Whether a call of {@code name} on {@code owner} runs work on an executor argument and never shuts it down. */
  static boolean isNonOwning(String owner, String name) {
    return NON_OWNING.matches(owner, name)
        || name.endsWith(ExecutorLeakKnowledge.ASYNC_METHOD_SUFFIX) && Types.isSubtype(owner, ASYNC_STAGE);
  }

  /**
   * Whether a call can throw, as "work that can throw before the shutdown": a method outside {@link
   * ExecutorLeakKnowledge#NON_THROWING_PACKAGE_PREFIXES} (its body is unknown here) that is no call on a
   * logger ({@link ExecutorLeakKnowledge#NON_THROWING_CALL_TYPES}), or one inside that declares an exception. A JDK method that declares none ({@code List.add}, {@code Iterator.next}) is
   * taken not to throw.
   */
  boolean canThrow(String owner, String name, String signature) {
    String internal = owner.replace('.', '/');
    return throwing.computeIfAbsent(internal + "." + name + signature, k -> {
      if (Types.isSubtypeOfAny(owner, ExecutorLeakKnowledge.NON_THROWING_CALL_TYPES)) {
        return false; // a log call: loggers do not throw
      }
      if (nonThrowingPackage(owner.replace('/', '.'))) {
        return declaresException(internal, name, signature);
      }
      // An application class: a JDK method it inherits (a Thread subclass's setDaemon) is still the JDK's.
      MethodLookup.Found found = MethodLookup.find(internal, name, signature);
      if (found == null || !nonThrowingPackage(found.declaringClass())) {
        return true;
      }
      ExceptionTable exceptions = found.method().getExceptionTable();
      return exceptions != null && exceptions.getNumberOfExceptions() > 0;
    });
  }

  /**
   * The exceptions (internal names) that a JDK method, found in {@code owner} or a supertype, declares: all
   * that it throws for {@link ExecutorLeakKnowledge.Kind#SHUT_DOWN_ONLY_ON_NORMAL_PATH}, its unchecked
   * exceptions being bugs ({@link ExecutorLeakKnowledge#NON_THROWING_PACKAGE_PREFIXES}). Null for a method
   * outside the JDK or one that cannot be found: it may throw anything.
   */
  List<String> jdkDeclared(String owner, String name, String signature) {
    return declared.computeIfAbsent(owner.replace('.', '/') + "." + name + signature, k -> {
      MethodLookup.Found found = MethodLookup.find(owner, name, signature);
      if (found == null || !nonThrowingPackage(found.declaringClass())) {
        return java.util.Optional.<List<String>>empty();
      }
      return java.util.Optional.of(found.declaredExceptions());
    }).orElse(null);
  }

  /**
   * Whether a call is known to throw in some case, as a constructor's later work must be for the pool it
   * already stored to count as leaked (apache/maven#12800: the configuration it parses): the method, found
   * in the owner or a supertype, declares an exception ({@code Integer.parseInt} declares {@code
   * NumberFormatException}), or, outside the JDK, its own code throws or calls one that declares one. An
   * interface method without a throws clause, or one that cannot be found, is taken not to: servers assign
   * their pools first and go on calling in nearly every constructor.
   */
  boolean throwsKnown(String owner, String name, String signature) {
    return knownThrowing.computeIfAbsent(owner.replace('.', '/') + "." + name + signature,
        k -> throwsKnown(owner.replace('.', '/'), name, signature, 0));
  }

  private boolean throwsKnown(String owner, String name, String signature, int depth) {
    MethodLookup.Found found = MethodLookup.find(owner, name, signature);
    if (found == null) {
      return false;
    }
    Method method = found.method();
    ExceptionTable exceptions = method.getExceptionTable();
    if (exceptions != null && exceptions.getNumberOfExceptions() > 0) {
      return true;
    }
    if (depth > 0 || method.getCode() == null || nonThrowingPackage(found.declaringClass())) {
      return false;
    }
    try {
      org.apache.bcel.classfile.ConstantPool cp = method.getConstantPool();
      org.apache.bcel.generic.ConstantPoolGen cpg = new org.apache.bcel.generic.ConstantPoolGen(cp);
      for (org.apache.bcel.generic.InstructionHandle h
          : new org.apache.bcel.generic.InstructionList(method.getCode().getCode()).getInstructionHandles()) {
        org.apache.bcel.generic.Instruction ins = h.getInstruction();
        if (ins.getOpcode() == org.apache.bcel.Const.ATHROW) {
          return true;
        }
        if (ins instanceof org.apache.bcel.generic.InvokeInstruction invoke
            && ins.getOpcode() != org.apache.bcel.Const.INVOKEDYNAMIC
            && throwsKnown(invoke.getClassName(cpg).replace('.', '/'), invoke.getMethodName(cpg),
                invoke.getSignature(cpg), depth + 1)) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }

  private static boolean declaresException(String owner, String name, String signature) {
    MethodLookup.Found found = MethodLookup.find(owner, name, signature);
    return found != null && !found.declaredExceptions().isEmpty();
  }

  private static boolean nonThrowingPackage(String dotted) {
    for (String prefix : ExecutorLeakKnowledge.NON_THROWING_PACKAGE_PREFIXES) {
      if (dotted.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  static boolean catchesEverything(String catchType) {
    return catchType == null || THROWABLE.equals(catchType);
  }

  static String internal(String binaryName) {
    return binaryName.replace('.', '/');
  }

  private static Set<String> names(List<MethodRef> methods) {
    Set<String> out = new HashSet<>();
    methods.forEach(m -> out.add(m.name()));
    return Set.copyOf(out);
  }

  private static Set<String> descriptors(Set<String> names) {
    Set<String> out = new HashSet<>();
    names.forEach(n -> out.add(Types.descriptor(n)));
    return Set.copyOf(out);
  }

  private static Set<String> creationClassNames() {
    Set<String> out = new HashSet<>(POOL_CLASSES);
    ExecutorLeakKnowledge.EXECUTOR_FACTORIES.forEach(m -> out.add(m.internalOwner()));
    return Set.copyOf(out);
  }
}
