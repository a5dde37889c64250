package dev.crashguard.spotbugs.doubleclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * {@code StampedLock} together with its stamp. A variable given a new value names a new resource. An
 * instruction run again on a later pass of a loop makes a new value under the same name: the value it made
 * before, where the path still holds it, is renamed ({@link #renew}).
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

  /** The suffix of the name an earlier pass's value of the same instruction takes ({@link #renew}). */
  static final String EARLIER = "~";

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

  /**
   * A new value with this id is made again, by the same instruction on a later pass of a loop. Where this path
   * still holds the value made before (in a variable, on the stack, captured by a lambda), the two are
   * different objects although one instruction made both: the buffer an earlier {@code poll()} returned, kept
   * in {@code toReturn}, is not the one {@code poll()} returns now. The old value is renamed {@code id~}, and
   * what this path knows of it goes with it; one made two passes before, still called {@code id~}, is no
   * longer followed (its holders hold an unknown value). Held nowhere, the old value is forgotten.
   * {@code operands} are the values the instruction took off the stack: it may take the value it made on the
   * pass before ({@code next = next.next()}); the caller renames them with {@link #renamed(Val, String, String)}.
   *
   * @return the id the old value now has, or null when nothing held it
   */
  String renew(String id, Val... operands) {
    if (id == null || !held(id) && Arrays.stream(operands).noneMatch(v -> mentions(v, id))) {
      forget(id);
      return null;
    }
    String earlier = id + EARLIER;
    drop(earlier);
    rename(id, earlier);
    forget(id);
    return earlier;
  }

  /** Whether a variable, the stack, a lambda on either or an array holds the value {@code id}. */
  private boolean held(String id) {
    for (Val v : locals) {
      if (mentions(v, id)) {
        return true;
      }
    }
    for (Val v : stack) {
      if (mentions(v, id)) {
        return true;
      }
    }
    for (List<String> members : arrays.values()) {
      if (members.contains(id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(Val v, String id) {
    return v != null && (mentions(v.id(), id) || mentions(v.subject(), id)
        || v.captures() != null && v.captures().contains(id));
  }

  /** Value {@code id} is no longer followed: its holders hold an unknown value, and nothing is known of it. */
  private void drop(String id) {
    for (int i = 0; i < locals.length; i++) {
      locals[i] = dropped(locals[i], id);
    }
    stack.replaceAll(v -> dropped(v, id));
    resources.keySet().removeIf(k -> mentions(k, id));
    owners.entrySet().removeIf(e -> mentions(e.getKey(), id) || mentions(e.getValue(), id));
    known.keySet().removeIf(k -> mentions(k, id));
    arrays.keySet().removeIf(k -> mentions(k, id));
    arrays.replaceAll((k, members) -> members.contains(id)
        ? List.copyOf(members.stream().filter(m -> !m.equals(id)).toList()) : members);
    pending.removeIf(p -> mentions(p.resource(), id) || p.futures().contains(id));
    compared.keySet().removeIf(k -> mentions(k, id));
  }

  private static Val dropped(Val v, String id) {
    if (v == null || mentions(v.id(), id) || mentions(v.subject(), id)) {
      return v == null ? null : Val.UNKNOWN;
    }
    if (v.captures() != null && v.captures().contains(id)) {
      List<String> captures = new ArrayList<>(v.captures());
      captures.replaceAll(c -> id.equals(c) ? null : c);
      return new Val(v.id(), v.type(), v.tag(), v.constant(), v.subject(), v.call(),
          Collections.unmodifiableList(captures), v.lambda());
    }
    return v;
  }

  /** Value {@code from} is called {@code to} from now on, with everything this path knows of it. */
  private void rename(String from, String to) {
    for (int i = 0; i < locals.length; i++) {
      locals[i] = renamed(locals[i], from, to);
    }
    stack.replaceAll(v -> renamed(v, from, to));
    resources = renamedKeys(resources, from, to);
    Map<String, String> newOwners = new HashMap<>();
    owners.forEach((k, v) -> newOwners.put(renamed(k, from, to), renamed(v, from, to)));
    owners = newOwners;
    known = renamedKeys(known, from, to);
    Map<String, List<String>> newArrays = new HashMap<>();
    arrays.forEach((k, members) -> newArrays.put(renamed(k, from, to),
        List.copyOf(members.stream().map(m -> renamed(m, from, to)).toList())));
    arrays = newArrays;
    pending.replaceAll(p -> new Pending(p.stored(), renamed(p.resource(), from, to), p.pc(), p.detail(), p.field(),
        Set.copyOf(p.futures().stream().map(f -> renamed(f, from, to)).toList())));
    compared = renamedKeys(compared, from, to);
  }

  private static <V> Map<String, V> renamedKeys(Map<String, V> map, String from, String to) {
    Map<String, V> out = new HashMap<>();
    map.forEach((k, v) -> out.put(renamed(k, from, to), v));
    return out;
  }

  /** {@code v}, holding {@code from} (or a name built from it), holds {@code to} instead. */
  static Val renamed(Val v, String from, String to) {
    if (v == null || !mentions(v, from)) {
      return v;
    }
    List<String> captures = v.captures();
    if (captures != null && captures.contains(from)) {
      List<String> copy = new ArrayList<>(captures);
      copy.replaceAll(c -> from.equals(c) ? to : c);
      captures = Collections.unmodifiableList(copy);
    }
    return new Val(renamed(v.id(), from, to), v.type(), v.tag(), v.constant(), renamed(v.subject(), from, to),
        v.call(), captures, v.lambda());
  }

  /**
   * Where {@code id} stands in {@code s} as a whole name: {@code s} itself, or a name built from it (a resource
   * key {@code B|id}, a lock view {@code id.readLock()}, a stamp {@code lock#id} or {@code id#stamp}, a test
   * {@code nonrc:id} or {@code i:pc:id}); -1 elsewhere.
   */
  private static int indexOf(String s, String id) {
    if (s == null) {
      return -1;
    }
    int from = s.length() > 2 && s.charAt(1) == '|' ? 2 : 0;
    if (s.startsWith(id, from)) {
      int end = from + id.length();
      if (end == s.length() || s.charAt(end) == '#' || s.charAt(end) == '.') {
        return from;
      }
    }
    int at = s.length() - id.length();
    if (at > from && s.endsWith(id) && (s.charAt(at - 1) == '#' || s.charAt(at - 1) == ':')) {
      return at;
    }
    return -1;
  }

  private static boolean mentions(String s, String id) {
    return indexOf(s, id) >= 0;
  }

  private static String renamed(String s, String from, String to) {
    int at = indexOf(s, from);
    return at < 0 ? s : s.substring(0, at) + to + s.substring(at + from.length());
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
