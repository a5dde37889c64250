package dev.crashguard.spotbugs.doubleclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one path through a method knows before an instruction: the values in the local variables and on the
 * operand stack, and for each resource it has touched how many holds (locks), references (Netty buffers) or
 * open states (closeables) it still has and what took the last one away. Paths are not merged: where two
 * meet, the instruction sees both, so a release is judged on each path separately, and a flag set next to
 * an early release ({@code closed = true}) keeps its path apart from the one that did not release.
 *
 * <p>A resource is named by its value's identity, never by a variable: a parameter, the result of one
 * instruction, a final field of {@code this}, a lock view ({@code rw.writeLock()}) of one of these, or a
 * {@code StampedLock} together with its stamp. A variable given a new value names a new resource.
 *
 * <p>Mutable only while {@link ReleaseFlow} builds the successor of a state; frozen once stored.
 */
final class PathState {

  /** What kind of value an abstract value is. */
  enum Tag {
    /** Nothing known. */
    UNKNOWN,
    /** The second word of a long or double. */
    TOP,
    /** A value with an identity. */
    PLAIN,
    /** An int or long constant. */
    CONST,
    /** The null constant. */
    NULL,
    /** The answer of a try-acquire: non-zero when the hold {@code subject} was taken. */
    TRY,
    /** A question whether {@code subject} is still open or held: both answers forget what was known. */
    TEST,
    /** A lambda or method reference, capturing {@code captures}. */
    LAMBDA,
    /** {@code subject instanceof call}. */
    INSTANCE
  }

  /**
   * An abstract value. {@code id} names it (null: untracked); {@code type} is its class, internal name, where
   * known; {@code call} the method whose result it is; {@code lambda} the implementation method (name and
   * descriptor) of a lambda of this class.
   */
  record Val(String id, String type, Tag tag, long constant, String subject, String call, List<String> captures,
      String lambda) {

    static final Val UNKNOWN = new Val(null, null, Tag.UNKNOWN, 0, null, null, null, null);
    static final Val TOP = new Val(null, null, Tag.TOP, 0, null, null, null, null);
    static final Val NULL = new Val(null, null, Tag.NULL, 0, null, null, null, null);

    static Val plain(String id, String type) {
      return new Val(id, type, Tag.PLAIN, 0, null, null, null, null);
    }

    static Val result(String id, String type, String call) {
      return new Val(id, type, Tag.PLAIN, 0, null, call, null, null);
    }

    static Val constant(long value) {
      return new Val(null, null, Tag.CONST, value, null, null, null, null);
    }

    static Val test(String id, String subject) {
      return new Val(id, null, Tag.TEST, 0, subject, null, null, null);
    }

    static Val tryResult(String id, String subject, String type) {
      return new Val(id, type, Tag.TRY, 0, subject, null, null, null);
    }

    static Val lambda(String id, List<String> captures, String implementation) {
      return new Val(id, null, Tag.LAMBDA, 0, null, null, captures, implementation);
    }

    Val withType(String newType) {
      return new Val(id, newType, tag, constant, subject, call, captures, lambda);
    }
  }

  /** What took a hold, reference or open state away (or failed to give one). */
  enum How {
    /** An explicit release or close. */
    RELEASE,
    /** A call that took ownership of a buffer. */
    HANDOFF,
    /** The close a try-with-resources adds. */
    TWR_CLOSE,
    /** The close or release of an owner or wrapper; {@code what} names it. */
    OWNER_CLOSE,
    /** An acquire that threw before it held the lock. */
    ACQUIRE_THREW,
    /** A try-acquire whose answer was not asked yet. */
    TRY_PENDING,
    /** A try-acquire that answered no. */
    TRY_FAILED
  }

  /** One event, with its place: pc in this method (-1 elsewhere) and source line. */
  record Event(How how, int pc, int line, String what, boolean byTryWithResources) {}

  /** A resource's state on one path: holds, references or open (1) / closed (0); and the last event. */
  record Res(int count, Event last) {}

  /** A resource stored in a field, or captured by code that runs later, while it is still open. */
  record Pending(boolean stored, String resource, int pc, String detail, String field, Set<String> futures) {}

  Val[] locals;
  List<Val> stack;
  Map<String, Res> resources;
  /** Resource key (kind and id) → the id of the value whose close closes or releases it too. */
  Map<String, String> owners;
  /** Value id → whether it is non-zero (non-null), as a branch on this path found. */
  Map<String, Boolean> known;
  /** Array value id → the ids stored into it. */
  Map<String, List<String>> arrays;
  List<Pending> pending;
  /** Value id → the branch that last compared it with {@code <}, {@code >}, … on this path. */
  Map<String, Integer> compared;

  private int hash;

  PathState(int maxLocals) {
    locals = new Val[maxLocals];
    Arrays.fill(locals, Val.UNKNOWN);
    stack = new ArrayList<>();
    resources = new HashMap<>();
    owners = new HashMap<>();
    known = new HashMap<>();
    arrays = new HashMap<>();
    pending = new ArrayList<>();
    compared = new HashMap<>();
  }

  private PathState(PathState from) {
    locals = from.locals.clone();
    stack = new ArrayList<>(from.stack);
    resources = new HashMap<>(from.resources);
    owners = new HashMap<>(from.owners);
    known = new HashMap<>(from.known);
    arrays = new HashMap<>(from.arrays);
    pending = new ArrayList<>(from.pending);
    compared = new HashMap<>(from.compared);
  }

  PathState copy() {
    return new PathState(this);
  }

  void push(Val value) {
    stack.add(value);
  }

  Val pop() {
    return stack.isEmpty() ? Val.UNKNOWN : stack.remove(stack.size() - 1);
  }

  Val peek(int depth) {
    int index = stack.size() - 1 - depth;
    return index < 0 ? Val.UNKNOWN : stack.get(index);
  }

  /** A new value with this id is made (again, in a loop): what was known of the old one is gone. */
  void forget(String id) {
    if (id == null) {
      return;
    }
    resources.keySet().removeIf(key -> idOf(key).equals(id) || idOf(key).startsWith(id + "#"));
    owners.keySet().removeIf(key -> idOf(key).equals(id));
    owners.values().removeIf(id::equals);
    known.remove(id);
    arrays.remove(id);
    pending.removeIf(p -> p.resource().equals(id) || p.futures().contains(id));
  }

  /** Forgets every resource whose id is {@code id} or starts with it: a test of its state was made. */
  void forgetState(String id) {
    if (id == null) {
      resources.clear();
      return;
    }
    resources.keySet().removeIf(key -> idOf(key).equals(id) || idOf(key).startsWith(id + "#")
        || idOf(key).startsWith(id + "."));
  }

  static String key(char kind, String id) {
    return kind + "|" + id;
  }

  static String idOf(String key) {
    return key.substring(2);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PathState other)) {
      return false;
    }
    return hashCode() == other.hashCode()
        && Arrays.equals(locals, other.locals)
        && stack.equals(other.stack)
        && resources.equals(other.resources)
        && owners.equals(other.owners)
        && known.equals(other.known)
        && arrays.equals(other.arrays)
        && pending.equals(other.pending)
        && compared.equals(other.compared);
  }

  @Override
  public int hashCode() {
    if (hash == 0) {
      hash = Objects.hash(Arrays.hashCode(locals), stack, resources, owners, known, arrays, pending, compared) | 1;
    }
    return hash;
  }

  /** Every pending fact about {@code resource}, removed. */
  List<Pending> takePending(String resource) {
    List<Pending> taken = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.resource().equals(resource)) {
        taken.add(p);
        it.remove();
      }
    }
    return taken;
  }
}
