package dev.crashguard.spotbugs.nullescapingoptional;

import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.Kind;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.ba.XField;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.classfile.Method;

/**
 * The facts the detector's walk over one method gathers, for the rules that judge them after the walk (a
 * null test may follow a use in offset order): where a tracked value is replaced or proven non-null, where
 * it is tested for null, where a value that may be null is stored, and the candidate findings that need the
 * flow question answered. Also the marks the walk leaves on OpcodeStack items, and how a local or field is
 * keyed.
 */
final class WalkFacts {

  /** Key for "every field": a call to a method of this class may assign any of them. */
  static final String ANY_FIELD = "F*";

  private WalkFacts() {}

  /** Stack mark: the target of a lambda or method reference made by invokedynamic. */
  record LambdaRef(String owner, String name, String signature) {}

  /** Stack mark: the result of orElse(null)/orElseGet(() -> null) at {@code pc}. */
  record OrElseNull(int pc) {}

  /** Stack marks without data. */
  enum Mark {
    STREAM_MAY_HOLD_NULL,
    ARRAY_HOLDS_NULL,
    /**
     * The result of a null-returning JDK call on a receiver the method asked about its state first
     * ({@code queue.isEmpty()} before {@code queue.poll()}): the code decided by the answer to take it.
     */
    RECEIVER_CONSULTED
  }

  /** A place where the tracked value could be null: reported when the null can reach {@code pc}. */
  record Candidate(
      Kind kind, String key, List<Integer> starts, boolean testedStarts, OrElseNull orElse, int pc, String subject) {}

  /** What one method's walk saw. */
  static final class MethodFacts {
    final Method method;
    final byte[] code;
    final Map<Integer, Set<String>> kills = new HashMap<>();
    final Map<Integer, String> testKeys = new HashMap<>();
    final Map<Integer, Integer> testNullBranches = new HashMap<>();
    final Map<String, List<Integer>> nullableStores = new HashMap<>();
    final Map<String, List<Integer>> orElseStores = new HashMap<>();
    final List<Candidate> candidates = new ArrayList<>();
    /**
     * Register keys paired with the field key they held a copy of at some point ({@code Optional<T> p =
     * this.provider;}), as {@code register|field}.
     */
    final Set<String> fieldCopies = new HashSet<>();
    /** Keys of the receivers the method has asked about their state so far (a boolean or int query). */
    final Set<String> consultedReceivers = new HashSet<>();
    BitSet jumpTargets;

    MethodFacts(Method method, byte[] code) {
      this.method = method;
      this.code = code;
    }

    void kill(int pc, String key) {
      if (key != null) {
        kills.computeIfAbsent(pc, k -> new HashSet<>()).add(key);
      }
    }
  }

  /**
   * A null the code itself pushes. OpcodeStack also calls a local or field "null" on a branch where it was
   * compared with null, and gets that wrong when the test guards the other way; those values are left to
   * the flow search, which knows which branch is which.
   */
  static boolean isNullLiteral(OpcodeStack.Item item) {
    return item.isNull() && item.getRegisterNumber() < 0 && item.getXField() == null;
  }

  static String keyOf(OpcodeStack.Item item) {
    if (item.getRegisterNumber() >= 0) {
      return registerKey(item.getRegisterNumber());
    }
    XField field = item.getXField();
    return field == null ? null : fieldKey(field.getClassName(), field.getName());
  }

  static String registerKey(int register) {
    return "r" + register;
  }

  static String fieldKey(String className, String name) {
    return "f" + className.replace('/', '.') + "." + name;
  }
}
