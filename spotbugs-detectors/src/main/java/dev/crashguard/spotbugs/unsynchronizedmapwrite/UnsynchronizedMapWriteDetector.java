package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.Kind;
import dev.crashguard.spotbugs.common.HazardReporter;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.Overrides;
import dev.crashguard.spotbugs.common.Slots;
import dev.crashguard.spotbugs.common.Types;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Captured;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.ClassTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.FieldTarget;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.FieldTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Handoff;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.LambdaTask;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.MethodFacts;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.RegisterTarget;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Task;
import dev.crashguard.spotbugs.unsynchronizedmapwrite.ClassFacts.Write;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.LocalVariableAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * Reports a non-thread-safe map or set (HashMap, TreeMap, HashSet, ...) written from several threads
 * without a lock: crashguard's {@code UnsynchronizedMapWrite}, bug type {@value #BUG_TYPE}.
 *
 * <p>A {@link FactCollector} pass gathers, per class, the map writes with their lock state, what is stored
 * into each field, and the tasks handed to other threads. Six rules read those facts, each naming where
 * the other thread comes from:
 *
 * <ol>
 *   <li>a lambda, method reference or task object handed to an executor, thread, timer, async stage or
 *       parallel stream writes a shared map: a field, or a local captured from the creating method where
 *       it was made with {@code new HashMap<>()} (the lambda's leading parameters are its captures). A
 *       task handed to {@code this} (the class is its own executor, like an event loop) is not counted;
 *   <li>a map field written under a lock in one method and without it in another non-private one; a
 *       protected or package-private method whose callers in the class all hold the lock counts as locked
 *       (one level of indirection); one with no caller in the class is called from elsewhere (reflection,
 *       serialization, a subclass) and is judged like a public one;
 *   <li>a volatile map field that is mutated;
 *   <li>run() of a Runnable or Thread class writes a map field another method also touches;
 *   <li>a public method of a Spring singleton writes a map field;
 *   <li>a servlet request method writes a map field.
 * </ol>
 *
 * <p>Lock state comes from {@link FactCollector}: monitors, Lock.lock()/unlock() and their kin, and a
 * private boolean helper that returns holding the lock it took, read like a tryLock at its call site.
 *
 * <p>A map's type is its declared type when that is a non-thread-safe class, else what every store into
 * it holds (the constructors' {@code new HashMap<>()}); anything else (a parameter, a call result, a
 * synchronized wrapper, ConcurrentHashMap) is unknown and stays silent.
 *
 * <p>The detector never throws: anything unexpected about one class is logged to the bug reporter as an
 * analysis error and that class is skipped.
 */
public final class UnsynchronizedMapWriteDetector implements Detector {

  private static final int CACHE_SIZE = 512;

  /** How many levels of annotations on annotations are read for a Spring stereotype. */
  private static final int META_ANNOTATION_DEPTH = 2;

  /** How many calls deep a task's code is followed into its class's own methods. */
  private static final int MAX_CALL_DEPTH = 3;

  private final HazardReporter reporter;
  private final Map<String, Optional<ClassFacts>> facts =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ClassFacts>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public UnsynchronizedMapWriteDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.UNSYNCHRONIZED_MAP_WRITE);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    reporter.analyse(javaClass, () -> factsFor(javaClass.getClassName()).ifPresent(this::analyze));
  }

  @Override
  public void report() {
    reporter.clear();
    facts.clear();
  }

  private void analyze(ClassFacts cls) {
    for (Handoff handoff : cls.handoffs) {
      for (Task task : handoff.tasks()) {
        handedOver(cls, task, handoff);
      }
    }
    inconsistentLocking(cls);
    volatileFields(cls);
    threadRun(cls);
    sharedRequestHandlers(cls);
  }

  // ---- rule 1: tasks handed to other threads ----------------------------------------------------

  private void handedOver(ClassFacts site, Task task, Handoff handoff) {
    String origin = handoff.origin();
    if (task instanceof LambdaTask lambda) {
      lambdaTask(site, lambda, handoff);
    } else if (task instanceof ClassTask object) {
      classTask(object, origin);
    } else if (task instanceof FieldTask kept && !fieldSuppressed(site, kept.fieldName())) {
      for (Task stored : site.fieldTasks.getOrDefault(kept.fieldName(), List.of())) {
        if (!(stored instanceof FieldTask)) {
          handedOver(site, stored, handoff);
        }
      }
    }
  }

  /** {@code @SuppressHazard} on the field that keeps a task covers the task's code. */
  private boolean fieldSuppressed(ClassFacts cls, String fieldName) {
    for (Field field : cls.javaClass.getFields()) {
      if (field.getName().equals(fieldName)
          && HazardSuppressions.suppresses(field.getAnnotationEntries(), reporter.hazard().catalogName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code body} and the methods of its class it calls without a lock, transitively (a nested lambda, a
   * private helper), to {@value #MAX_CALL_DEPTH} levels: all of it runs on the task's thread.
   */
  private static List<MethodFacts> runsWith(ClassFacts cls, MethodFacts body) {
    List<MethodFacts> reached = new ArrayList<>(List.of(body));
    Set<String> seen = new HashSet<>(Set.of(ClassFacts.key(body.method.getName(), body.method.getSignature())));
    int level = 0;
    for (int from = 0; from < reached.size() && level < MAX_CALL_DEPTH; level++) {
      int to = reached.size();
      for (int i = from; i < to; i++) {
        for (ClassFacts.Call call : reached.get(i).calls) {
          MethodFacts callee = cls.methods.get(call.key());
          if (!call.locked() && callee != null && seen.add(call.key())) {
            reached.add(callee);
          }
        }
      }
      from = to;
    }
    return reached;
  }

  private void lambdaTask(ClassFacts site, LambdaTask lambda, Handoff handoff) {
    String origin = handoff.origin();
    if (ConcurrencyModel.isPlatformClass(lambda.implClass())) {
      boundWriterReference(site, lambda, handoff);
      return;
    }
    if (!FactCollector.topLevel(lambda.implClass()).equals(FactCollector.topLevel(site.internalName()))) {
      return;
    }
    Optional<ClassFacts> impl = factsFor(lambda.implClass());
    if (impl.isEmpty()) {
      return;
    }
    MethodFacts body = impl.get().method(lambda.implName(), lambda.implSignature());
    if (body == null) {
      return;
    }
    for (MethodFacts reached : runsWith(impl.get(), body)) {
      for (Write write : reached.writes) {
        if (!write.locked() && write.target() instanceof FieldTarget field) {
          reportField(impl.get(), reached, write, field.field(), origin);
        }
      }
    }
    for (Write write : body.writes) {
      if (write.locked()) {
        continue;
      }
      if (write.target() instanceof RegisterTarget register) {
        int parameter = Slots.parameterOfRegister(body.method, register.register());
        int capturedIndex = lambda.implStatic() ? parameter : parameter + 1;
        if (parameter < 0 || capturedIndex >= lambda.captured().size()) {
          continue;
        }
        if (lambda.captured().get(capturedIndex).origin() != null
            && LocalHandOff.races(site, handoff, lambda, capturedIndex)) {
          reportLocal(
              impl.get(), body.method, write.pc(), write.line(), register.register(), origin,
              lambda.captured().get(capturedIndex).origin());
        }
      }
    }
  }

  /** {@code parallelStream().forEach(seen::add)}: a method reference bound to the map itself. */
  private void boundWriterReference(ClassFacts site, LambdaTask lambda, Handoff handoff) {
    String origin = handoff.origin();
    if (lambda.implStatic() || lambda.captured().isEmpty() || !UnsynchronizedMapWriteKnowledge.WRITE_METHODS.contains(lambda.implName())) {
      return;
    }
    Captured receiver = lambda.captured().get(0);
    if (receiver.field() != null) {
      Optional<String> type = unsafeFieldType(receiver.field());
      if (type.isPresent()) {
        report(
            site,
            lambda.siteMethod(),
            lambda.sitePc(),
            lambda.siteLine(),
            receiver.field().getName(),
            receiver.field(),
            origin);
      }
    } else if (receiver.origin() != null && receiver.register() >= 0 && LocalHandOff.races(site, handoff, lambda, 0)) {
      reportLocal(
          site, lambda.siteMethod(), lambda.sitePc(), lambda.siteLine(), receiver.register(), origin, receiver.origin());
    }
  }

  /** An anonymous or named Runnable/Callable/TimerTask: its run()/call() writes shared fields. */
  private void classTask(ClassTask task, String origin) {
    if (!Types.isSubtypeOfAny(task.className(), task.taskTypes())) {
      return;
    }
    Optional<ClassFacts> facts = factsFor(task.className());
    if (facts.isEmpty()) {
      return;
    }
    for (MethodFacts entry : facts.get().methods.values()) {
      if (isTaskBody(entry.method)) {
        for (MethodFacts method : runsWith(facts.get(), entry)) {
          taskObjectWrites(facts.get(), method, task, origin);
        }
      }
    }
  }

  /** The task object's own instance fields belong to that one task; anything else it writes is shared. */
  private void taskObjectWrites(ClassFacts cls, MethodFacts method, ClassTask task, String origin) {
    for (Write write : method.writes) {
      if (!write.locked()
          && write.target() instanceof FieldTarget field
          && (field.field().isStatic() || !sameClass(field.field().getClassName(), task.className()))) {
        reportField(cls, method, write, field.field(), origin);
      }
    }
  }

  private static boolean isTaskBody(Method method) {
    return ConcurrencyModel.isTaskEntryMethod(method.getName(), method.getSignature(), method.isStatic());
  }

  // ---- rule 2: inconsistent locking ---------------------------------------------------------------

  private void inconsistentLocking(ClassFacts cls) {
    if (isTestDouble(cls.javaClass.getClassName())) {
      return; // one test thread drives a fake or a mock by contract
    }
    Callers callers = new Callers(cls);
    for (Field field : cls.javaClass.getFields()) {
      boolean lockedSomewhere = false;
      for (MethodFacts method : ordinaryMethods(cls)) {
        boolean lockedByCallers = callers.lockHeldByEveryCaller(method);
        for (Write write : method.writes) {
          // Evidence of the class's own locking: another object's lock belongs to that object's protocol.
          lockedSomewhere |= (write.ownLocked() || lockedByCallers) && writesOwnField(cls, write, field);
        }
      }
      if (!lockedSomewhere) {
        continue;
      }
      for (MethodFacts method : ordinaryMethods(cls)) {
        // Private helpers run under their callers' locks; @PostConstruct, and what only set-up code calls,
        // runs before the object is shared.
        if (method.method.isPrivate()
            || isStartupMethod(method.method)
            || callers.runsOnlyDuringSetUp(method, field.isStatic())) {
          continue;
        }
        // So do helpers no caller outside the class's package and subclasses can reach, when every caller
        // in the class holds the lock. One with no caller in the class is called from elsewhere: reported.
        if (callers.lockHeldByEveryCaller(method) || !runsAlongsideLockedWriters(cls, callers, method)) {
          continue;
        }
        for (Write write : method.writes) {
          if (!write.locked() && writesOwnField(cls, write, field) && !clearedOnTeardown(cls, method, write)) {
            reportField(
                cls, method, write, ((FieldTarget) write.target()).field(),
                Kind.INCONSISTENT_LOCKING.render(HazardReporter.userVisibleMethod(cls.javaClass, method.method).getName()));
          }
        }
      }
    }
  }

  /**
   * The locked writers say that they run on several threads; they say nothing about a method that no code
   * in sight is known to call. The unlocked writer is known to run alongside them when the library itself
   * uses it (neither public nor protected, so only its package calls it; or called in its class), when it is
   * a contract other code calls (it overrides or implements a supertype's method), when it takes a lock
   * itself (its author expects it to run concurrently), or, for a public method, when its class hands work
   * to other threads. A public or protected method none of these describe is left to its callers, which are
   * out of sight: a test hook kept in main code (ZooKeeper's ProviderRegistry.removeProvider). A protected
   * method its class never calls is its contract with subclasses, which can take the class's lock and do
   * when it asks them to (grizzly's AbstractThreadPool.startWorker, "must hold statelock"): threads
   * elsewhere in the class do not show that it runs without the lock.
   */
  private boolean runsAlongsideLockedWriters(ClassFacts cls, Callers callers, MethodFacts method) {
    Method m = method.method;
    return !(m.isPublic() || m.isProtected())
        || Overrides.anySupertypeMethod(cls.javaClass, m, true)
        || callers.isCalled(method)
        || method.takesLock
        || (m.isPublic() && handsOffWork(cls));
  }

  /**
   * {@code map.clear()} in {@code close()}, {@code dispose()}, …: the object is being retired; it races the
   * other writers only when the class hands work to other threads (a lock alone does not show that
   * teardown runs on another thread).
   */
  private boolean clearedOnTeardown(ClassFacts cls, MethodFacts method, Write write) {
    return UnsynchronizedMapWriteKnowledge.CLEARING_WRITE_METHODS.contains(write.method())
        && UnsynchronizedMapWriteKnowledge.TEARDOWN_METHOD_NAMES.contains(method.method.getName())
        && !handsOffWork(cls);
  }

  /** The class or a class nested in it hands work to other threads, or is a Thread or task class. */
  private boolean handsOffWork(ClassFacts cls) {
    return anyInNest(cls, nested -> nested.handsOffWork);
  }

  /**
   * Who calls each method of one class, from {@link MethodFacts#calls}: enough to ask whether a helper
   * that is not public runs with the lock held by every caller in the class, or only while the object is
   * set up. Callers in other classes (subclasses, the package, nest mates) are not seen; a public method may
   * be called from anywhere, so it never counts as locked this way.
   */
  private static final class Callers {
    /** How many levels of calling methods are looked through above a method's own callers. */
    private static final int INDIRECTION = 3;

    private static final String DEPRECATED = Types.descriptor(UnsynchronizedMapWriteKnowledge.DEPRECATED_ANNOTATION);

    private enum Verdict {
      /** No call in the class: callers are elsewhere (reflection, serialization, a subclass). */
      NO_CALLER,
      /** At least one call, and every one holds the lock (or is set-up code). */
      EVERY_CALL_LOCKED,
      /** A call without the lock, or a lambda or method reference. */
      UNLOCKED_USE,
      /** Every call is made by set-up code, before the object is shared. */
      SET_UP_ONLY
    }

    private final Map<String, List<CallSite>> byCallee = new HashMap<>();

    private record CallSite(MethodFacts caller, boolean locked, boolean reference) {}

    Callers(ClassFacts cls) {
      for (MethodFacts caller : cls.methods.values()) {
        for (ClassFacts.Call call : caller.calls) {
          byCallee
              .computeIfAbsent(call.key(), k -> new ArrayList<>())
              .add(new CallSite(caller, call.locked(), call.reference()));
        }
      }
    }

    /**
     * A protected or package-private method with at least one caller in the class, each inside a lock or
     * inside a non-public method whose own callers all hold it, up to {@value #INDIRECTION} levels up.
     */
    boolean lockHeldByEveryCaller(MethodFacts method) {
      return isHelper(method.method)
          && verdict(method, INDIRECTION, new HashSet<>(), false) == Verdict.EVERY_CALL_LOCKED;
    }

    /**
     * A method that is not public whose every caller is set-up code: a constructor, an initializer, a
     * {@code @PostConstruct} method, or a non-public method only they call. Its writes happen before other
     * threads see the object. For a static field ({@code classSetUp}) only the static initializer counts:
     * constructors of two objects may run at once.
     */
    boolean runsOnlyDuringSetUp(MethodFacts method, boolean classSetUp) {
      Method m = method.method;
      return !m.isPublic()
          && !m.getName().startsWith("<")
          && verdict(method, INDIRECTION, new HashSet<>(), classSetUp) == Verdict.SET_UP_ONLY;
    }

    /** Whether the class calls the method, or makes a lambda or method reference of it, outside its own body. */
    boolean isCalled(MethodFacts method) {
      for (CallSite site : byCallee.getOrDefault(key(method), List.of())) {
        if (site.caller() != method) {
          return true;
        }
      }
      return false;
    }

    private Verdict verdict(MethodFacts method, int indirection, Set<MethodFacts> visiting, boolean classSetUp) {
      List<CallSite> sites = byCallee.get(key(method));
      if (sites == null || !visiting.add(method)) {
        return Verdict.NO_CALLER;
      }
      boolean locked = false;
      boolean setUp = false;
      for (CallSite site : sites) {
        if (site.reference()) {
          return Verdict.UNLOCKED_USE;
        }
        if (site.caller() == method) {
          continue; // its call to itself runs under whatever its first caller holds
        }
        if (site.locked()) {
          locked = true;
          continue;
        }
        Method caller = site.caller().method;
        boolean objectSetUp = caller.getName().equals("<init>") || isStartupMethod(caller);
        if (caller.getName().equals("<clinit>") || (objectSetUp && !classSetUp)) {
          setUp = true;
          continue;
        }
        if (indirection == 0 || caller.isPublic() || caller.getName().startsWith("<")) {
          return Verdict.UNLOCKED_USE;
        }
        Verdict above = verdict(site.caller(), indirection - 1, visiting, classSetUp);
        if (above == Verdict.EVERY_CALL_LOCKED) {
          locked = true;
        } else if (above == Verdict.SET_UP_ONLY) {
          setUp = true;
        } else if (above == Verdict.NO_CALLER && isDeprecated(caller)) {
          continue; // a deprecated overload kept for compatibility, which the class itself never calls
        } else {
          return Verdict.UNLOCKED_USE;
        }
      }
      return locked ? Verdict.EVERY_CALL_LOCKED : setUp ? Verdict.SET_UP_ONLY : Verdict.NO_CALLER;
    }

    private static boolean isDeprecated(Method m) {
      for (Attribute attribute : m.getAttributes()) {
        if (attribute instanceof org.apache.bcel.classfile.Deprecated) {
          return true;
        }
      }
      return hasAnyAnnotation(m.getAnnotationEntries(), Set.of(DEPRECATED));
    }

    /** Neither public nor private, and a method a caller names (no constructor, initialiser or bridge). */
    private static boolean isHelper(Method m) {
      return !m.isPublic() && !m.isPrivate() && !m.getName().startsWith("<");
    }

    private static String key(MethodFacts method) {
      return ClassFacts.key(method.method.getName(), method.method.getSignature());
    }
  }

  // ---- rule 3: volatile map fields -----------------------------------------------------------------

  private void volatileFields(ClassFacts cls) {
    if (!speaksOfThreads(cls)) {
      return; // volatile alone only publishes the reference (tomcat's Cookie)
    }
    Callers callers = new Callers(cls);
    for (Field field : cls.javaClass.getFields()) {
      if (!field.isVolatile()) {
        continue;
      }
      for (MethodFacts method : ordinaryMethods(cls)) {
        if (callers.lockHeldByEveryCaller(method) || callers.runsOnlyDuringSetUp(method, field.isStatic())) {
          continue;
        }
        for (Write write : method.writes) {
          if (!write.locked() && writesOwnField(cls, write, field)) {
            reportField(cls, method, write, ((FieldTarget) write.target()).field(), Kind.VOLATILE_FIELD.render());
          }
        }
      }
    }
  }

  /**
   * Whether the class or a class nested in it speaks of threads (a synchronized method, a lock or monitor, a
   * task handed over), or is a Thread or task class itself.
   */
  private boolean speaksOfThreads(ClassFacts cls) {
    return anyInNest(cls, nested -> nested.speaksOfThreads);
  }

  /** {@code fact} holds for the class or one nested in it, or the class is a Thread or task class. */
  private boolean anyInNest(ClassFacts cls, java.util.function.Predicate<ClassFacts> fact) {
    if (fact.test(cls)
        || Types.isSubtypeOfAny(cls.javaClass.getClassName(), ConcurrencyModel.TASK_TYPES)
        || Types.isSubtype(cls.javaClass.getClassName(), ConcurrencyModel.THREAD_TYPE)) {
      return true;
    }
    String prefix = cls.internalName() + "$";
    for (Attribute attribute : cls.javaClass.getAttributes()) {
      if (attribute instanceof org.apache.bcel.classfile.InnerClasses inner) {
        for (org.apache.bcel.classfile.InnerClass entry : inner.getInnerClasses()) {
          String name = entry.getInnerClassIndex() == 0 ? ""
              : cls.javaClass.getConstantPool().getConstantString(entry.getInnerClassIndex(), org.apache.bcel.Const.CONSTANT_Class);
          if (name.startsWith(prefix) && factsFor(name).map(fact::test).orElse(false)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---- rule 4: run() of a thread or Runnable class -----------------------------------------------

  private void threadRun(ClassFacts cls) {
    for (MethodRef entry : ConcurrencyModel.THREAD_ENTRY_METHODS) {
      if (Types.isSubtype(cls.javaClass.getClassName(), entry.owner())) {
        for (MethodFacts method : ordinaryMethods(cls)) {
          if (method.method.getName().equals(entry.name())
              && ConcurrencyModel.isTaskEntryMethod(
                  method.method.getName(), method.method.getSignature(), method.method.isStatic())) {
            threadEntry(cls, method, entry);
          }
        }
      }
    }
  }

  private void threadEntry(ClassFacts cls, MethodFacts run, MethodRef entry) {
    String kind =
        Types.isSubtype(cls.javaClass.getClassName(), ConcurrencyModel.THREAD_TYPE)
            ? "thread"
            : Types.displayName(entry.owner());
    for (Write write : run.writes) {
      if (write.locked() || !(write.target() instanceof FieldTarget target)) {
        continue;
      }
      XField field = target.field();
      if (field.isStatic() || !sameClass(field.getClassName(), cls.javaClass.getClassName())) {
        continue;
      }
      Set<MethodFacts> partOfRun = partOf(cls, run);
      boolean usedElsewhere =
          ordinaryMethods(cls).stream()
              .filter(m -> !partOfRun.contains(m))
              .filter(m -> m.touchedFields.contains(field.getName()))
              .anyMatch(m -> !AfterAWait.calledOnlyAfterAWait(cls.javaClass, m.method)
                  && !StartOrder.usedOnlyBeforeItStartsItself(cls, m, field.getName()));
      if (usedElsewhere) {
        reportField(cls, run, write, field, Kind.THREAD_ENTRY.render(entry.name(), kind, simpleName(cls.javaClass)));
      }
    }
  }

  /**
   * {@code entry} and the private methods only it calls, transitively: code that runs on the entry's
   * thread alone. A private method with no caller in the class is not part of it.
   */
  private static Set<MethodFacts> partOf(ClassFacts cls, MethodFacts entry) {
    Map<String, Set<MethodFacts>> callers = new HashMap<>();
    for (MethodFacts caller : cls.methods.values()) {
      for (ClassFacts.Call call : caller.calls) {
        callers.computeIfAbsent(call.key(), k -> new HashSet<>()).add(caller);
      }
    }
    Set<MethodFacts> part = new HashSet<>(Set.of(entry));
    for (boolean grew = true; grew; ) {
      grew = false;
      for (MethodFacts method : cls.methods.values()) {
        Set<MethodFacts> from = callers.get(ClassFacts.key(method.method.getName(), method.method.getSignature()));
        if (method.method.isPrivate() && !part.contains(method) && from != null && part.containsAll(from)) {
          grew |= part.add(method);
        }
      }
    }
    return part;
  }

  // ---- rules 5 and 6: Spring singletons and servlets ---------------------------------------------

  private void sharedRequestHandlers(ClassFacts cls) {
    JavaClass javaClass = cls.javaClass;
    boolean springSingleton = isSpringSingleton(javaClass);
    boolean servlet =
        !springSingleton && Types.isSubtypeOfAny(javaClass.getClassName(), UnsynchronizedMapWriteKnowledge.SERVLET_TYPES);
    if (!springSingleton && !servlet) {
      return;
    }
    String origin =
        springSingleton
            ? Kind.SPRING_SINGLETON.render(simpleName(javaClass))
            : Kind.SERVLET.render(simpleName(javaClass));
    for (MethodFacts method : ordinaryMethods(cls)) {
      Method m = method.method;
      boolean handlesRequests =
          springSingleton
              ? m.isPublic() && !isStartupMethod(m)
              : UnsynchronizedMapWriteKnowledge.SERVLET_REQUEST_METHODS.contains(m.getName()) && !m.isStatic();
      if (!handlesRequests) {
        continue;
      }
      for (Write write : method.writes) {
        if (!write.locked()
            && write.target() instanceof FieldTarget field
            && sameClass(field.field().getClassName(), javaClass.getClassName())) {
          reportField(cls, method, write, field.field(), origin);
        }
      }
    }
  }

  private static boolean isStartupMethod(Method method) {
    return hasAnyAnnotation(method.getAnnotationEntries(), ConcurrencyModel.BEAN_SETUP_ANNOTATIONS)
        || UnsynchronizedMapWriteKnowledge.BEAN_LIFECYCLE_METHODS.contains(method.getName());
  }

  private static boolean isSpringSingleton(JavaClass javaClass) {
    AnnotationEntry[] annotations = javaClass.getAnnotationEntries();
    if (!isStereotyped(annotations, META_ANNOTATION_DEPTH)) {
      return false;
    }
    for (AnnotationEntry annotation : annotations) {
      if (!ConcurrencyModel.SPRING_SCOPE.equals(annotation.getAnnotationType())) {
        continue;
      }
      for (ElementValuePair pair : annotation.getElementValuePairs()) {
        String name = pair.getNameString();
        if ("value".equals(name) || "scopeName".equals(name)) {
          String scope = pair.getValue().stringifyValue();
          if (!UnsynchronizedMapWriteKnowledge.SPRING_SINGLETON_SCOPES.contains(scope)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Whether one of {@code annotations} is a Spring stereotype, or an annotation whose own class is
   * annotated with one ({@code @DomainService} declared with {@code @Service}), {@code depth} levels up.
   */
  private static boolean isStereotyped(AnnotationEntry[] annotations, int depth) {
    if (hasAnyAnnotation(annotations, ConcurrencyModel.SPRING_STEREOTYPES)) {
      return true;
    }
    if (depth == 0 || annotations == null) {
      return false;
    }
    for (AnnotationEntry annotation : annotations) {
      String descriptor = annotation.getAnnotationType();
      if (!descriptor.startsWith("L") || !descriptor.endsWith(";")) {
        continue;
      }
      String internal = descriptor.substring(1, descriptor.length() - 1);
      if (ConcurrencyModel.isPlatformClass(internal)) {
        continue;
      }
      try {
        JavaClass type =
            Global.getAnalysisCache().getClassAnalysis(JavaClass.class, DescriptorFactory.createClassDescriptor(internal));
        if (isStereotyped(type.getAnnotationEntries(), depth - 1)) {
          return true;
        }
      } catch (CheckedAnalysisException e) {
        // The annotation's class is not on the classpath: not known to be a stereotype.
      }
    }
    return false;
  }

  // ---- shared helpers ------------------------------------------------------------------------------

  private Optional<ClassFacts> factsFor(String className) {
    String internal = className.replace('.', '/');
    if (ConcurrencyModel.isPlatformClass(internal)) {
      return Optional.empty();
    }
    Optional<ClassFacts> cached = facts.get(internal);
    if (cached != null) {
      return cached;
    }
    Optional<ClassFacts> result = Optional.empty();
    try {
      ClassContext context =
          Global.getAnalysisCache()
              .getClassAnalysis(ClassContext.class, DescriptorFactory.createClassDescriptor(internal));
      ClassFacts collected = new ClassFacts(context.getJavaClass());
      new FactCollector(collected).visitClassContext(context);
      result = Optional.of(collected);
    } catch (CheckedAnalysisException e) {
      // Not on the classpath: nothing is known about it, so nothing is reported from it.
    }
    facts.put(internal, result);
    return result;
  }

  /** The unsafe collection a field holds: its declared type, else what every store puts there. */
  private Optional<String> unsafeFieldType(XField field) {
    Optional<String> declared = ConcurrencyModel.unsafeCollection(field.getSignature());
    if (declared.isPresent()) {
      return declared;
    }
    Optional<ClassFacts> owner = factsFor(field.getClassName());
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    Set<String> stores = owner.get().fieldStores.get(field.getName());
    if (stores == null || stores.isEmpty() || stores.contains(ClassFacts.OTHER)) {
      return Optional.empty();
    }
    return Optional.of(stores.iterator().next());
  }

  /** Methods a caller can reach directly: not constructors, initialisers, bridges or lambda bodies. */
  private static List<MethodFacts> ordinaryMethods(ClassFacts cls) {
    return cls.methods.values().stream()
        .filter(m -> !m.method.getName().startsWith("<"))
        .filter(m -> !m.method.isSynthetic() && (m.method.getAccessFlags() & org.apache.bcel.Const.ACC_BRIDGE) == 0)
        .toList();
  }

  private boolean writesOwnField(ClassFacts cls, Write write, Field field) {
    return write.target() instanceof FieldTarget target
        && target.field().getName().equals(field.getName())
        && sameClass(target.field().getClassName(), cls.javaClass.getClassName());
  }

  private void reportField(ClassFacts cls, MethodFacts method, Write write, XField field, String origin) {
    if (unsafeFieldType(field).isEmpty()) {
      return;
    }
    report(cls, method.method, write.pc(), write.line(), field.getName(), field, origin);
  }

  private void report(
      ClassFacts cls,
      Method method,
      int pc,
      SourceLineAnnotation line,
      String subject,
      XField field,
      String origin) {
    reporter.report(
        key(cls, method, pc),
        cls.javaClass,
        method,
        field == null ? null : field.getClassName(),
        field == null ? null : field.getName(),
        line,
        subject,
        origin,
        UnsynchronizedMapWriteKnowledge.remedyFor(field == null ? null : unsafeFieldType(field).orElse(null)),
        field == null ? new BugAnnotation[0] : new BugAnnotation[] {FieldAnnotation.fromXField(field)});
  }

  /**
   * A write to a captured local map of {@code type} (an unsafe collection, internal name): named by the
   * local variable table when the class file has one.
   */
  private void reportLocal(
      ClassFacts cls, Method method, int pc, SourceLineAnnotation line, int register, String origin, String type) {
    LocalVariableAnnotation local = LocalVariableAnnotation.getLocalVariableAnnotation(method, register, pc, pc);
    boolean named = local != null && local.isNamed();
    reporter.report(
        key(cls, method, pc),
        cls.javaClass,
        method,
        null,
        null,
        line,
        named ? local.getName() : "the captured map",
        origin,
        UnsynchronizedMapWriteKnowledge.remedyFor(type),
        named ? new BugAnnotation[] {local} : new BugAnnotation[0]);
  }

  private static String key(ClassFacts cls, Method method, int pc) {
    return cls.internalName() + "#" + method.getName() + method.getSignature() + "@" + pc;
  }

  /** The class, or one it is nested in, is named as a test double ({@code FakeTicker}, {@code Outer$MockClock}). */
  private static boolean isTestDouble(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    for (String part : simple.split("\\$")) {
      if (UnsynchronizedMapWriteKnowledge.namesATestDouble(part)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAnyAnnotation(AnnotationEntry[] annotations, Set<String> types) {
    if (annotations == null) {
      return false;
    }
    for (AnnotationEntry annotation : annotations) {
      if (types.contains(annotation.getAnnotationType())) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameClass(String a, String b) {
    return a.replace('/', '.').equals(b.replace('/', '.'));
  }

  private static String simpleName(JavaClass javaClass) {
    String name = javaClass.getClassName();
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }
}
