package dev.crashguard.spotbugs.unsynchronizedmapwrite;

import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.XField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * What one pass of {@link FactCollector} over a class saw: the map writes of every method (with the lock
 * state at each), what each constructor and method stored into the class's fields, every field each
 * method touches, the calls each method makes to the class's own methods, and every task handed to another
 * thread. The detector's rules read only these facts.
 */
final class ClassFacts {

  /** Where a written map comes from: a field, or a register (a parameter or local) of the method. */
  sealed interface Target permits FieldTarget, RegisterTarget {}

  record FieldTarget(XField field) implements Target {}

  record RegisterTarget(int register) implements Target {}

  /**
   * One call that changes a map, set, view or iterator ({@code method}, e.g. {@code put}): {@code locked}
   * when any lock is held there, {@code ownLocked} when a lock the class owns is (the evidence that the
   * class guards the map).
   */
  record Write(int pc, SourceLineAnnotation line, Target target, boolean locked, boolean ownLocked, String method) {}

  /**
   * One call of a method of this same class at {@code pc}, with the lock state at the call; a lambda or
   * method reference made here counts as a call of its implementation method ({@code reference}), never
   * locked: it may run anywhere, later. {@code onThis} when the receiver is the object itself. The detector
   * asks whether every caller of a helper holds the lock.
   */
  record Call(String name, String signature, boolean locked, boolean reference, int pc, boolean onThis) {
    String key() {
      return ClassFacts.key(name, signature);
    }
  }

  /** Something handed to another thread: a lambda or method reference, or an object of a task class. */
  sealed interface Task permits LambdaTask, ClassTask, FieldTask {}

  /**
   * A lambda or method reference: its implementation method, the captured values (the receiver first
   * when the implementation is an instance method), and where it was created.
   */
  record LambdaTask(
      String implClass,
      String implName,
      String implSignature,
      boolean implStatic,
      List<Captured> captured,
      Method siteMethod,
      int sitePc,
      SourceLineAnnotation siteLine)
      implements Task {}

  /**
   * A value captured by a lambda or bound method reference: the unsafe collection it was created as in
   * the capturing method ({@code null} when unknown), the field it was loaded from ({@code null} when
   * none) and its register there ({@code -1} when none).
   */
  record Captured(String origin, XField field, int register) {}

  /**
   * An object of a class (usually anonymous) handed over whole; its run()/call() is the task when the
   * class is a subtype of one of {@code taskTypes} (dotted names).
   */
  record ClassTask(String className, Set<String> taskTypes) implements Task {}

  /** The tasks kept in a field of this class ({@link ClassFacts#fieldTasks}), handed over from it. */
  record FieldTask(String fieldName) implements Task {}

  /**
   * Tasks passed to one thread-starting call, with the origin phrase for messages; {@code
   * concurrentWithItself} when each task runs on several threads at once (a parallel stream's function).
   */
  record Handoff(List<Task> tasks, String origin, boolean concurrentWithItself) {}

  /** Per-method facts. */
  static final class MethodFacts {
    final Method method;
    final List<Write> writes = new ArrayList<>();
    /** Calls of this class's own methods made here. */
    final List<Call> calls = new ArrayList<>();
    final Set<String> touchedFields = new HashSet<>();
    /** Field name to the pcs where this method reads or stores it (the fields of {@link #touchedFields}). */
    final Map<String, List<Integer>> fieldUses = new HashMap<>();
    /** The pcs where the method starts the object's own thread: {@code new Thread(this)}, {@code start()} on itself. */
    final List<Integer> selfStarts = new ArrayList<>();
    /** Whether the method takes a lock itself: a monitor, or any acquire of the lock API (read locks too). */
    boolean takesLock;

    MethodFacts(Method method) {
      this.method = method;
    }
  }

  /** Stored-value type for a field store whose value is not an unsafe collection. */
  static final String OTHER = "?";

  final JavaClass javaClass;
  final Map<String, MethodFacts> methods = new LinkedHashMap<>();
  /** Field name to the types stored into it anywhere in the class: an unsafe collection or {@link #OTHER}. */
  final Map<String, Set<String>> fieldStores = new HashMap<>();
  final List<Handoff> handoffs = new ArrayList<>();
  /** Whether the class speaks of threads: a synchronized method, a lock or monitor taken, a task handed over. */
  boolean speaksOfThreads;
  /** Whether the class hands work to other threads: a task to an executor, a thread created or started. */
  boolean handsOffWork;
  /** Field name to the lambdas stored into it: {@code private final Runnable evict = () -> ...;}. */
  final Map<String, List<Task>> fieldTasks = new HashMap<>();

  ClassFacts(JavaClass javaClass) {
    this.javaClass = javaClass;
  }

  /** Internal (slashed) name. */
  String internalName() {
    return javaClass.getClassName().replace('.', '/');
  }

  static String key(String name, String signature) {
    return name + signature;
  }

  MethodFacts method(String name, String signature) {
    return methods.get(key(name, signature));
  }
}
