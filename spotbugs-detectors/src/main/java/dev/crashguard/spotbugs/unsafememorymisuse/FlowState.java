package dev.crashguard.spotbugs.unsafememorymisuse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one path through a method knows before an instruction: the abstract values of the locals and the
 * operand stack (one element per JVM word: a {@code long} is its value and a {@link Val#TOP}), and the life of
 * each native address it follows. Paths are not merged.
 */
final class FlowState {

  /** What kind of value an abstract value is. */
  enum Tag {
    UNKNOWN, TOP, NULL, REF, NUM, CLASS, STRING, FIELD, CMP
  }

  /**
   * An abstract value.
   *
   * @param type REF: its static type (descriptor); CLASS: the class constant (internal name or array
   *     descriptor); STRING: the constant; FIELD: {@code Owner#name} of a {@code java.lang.reflect.Field}
   * @param value a NUM whose value is known on this path
   * @param literal a NUM that is a compile-time constant expression (made of constants only, never read
   *     from a variable)
   * @param layout where an offset comes from: {@code A[B} an array layout of {@code byte[]}, {@code FOwner}
   *     a field offset of class Owner, {@code S} a static field's offset
   * @param addr the native address this value is (or points into, when {@code derived})
   * @param origin the static field the value was read from, to name it
   */
  record Val(Tag tag, String type, Long value, boolean literal, Set<String> layout, String addr, boolean derived,
      String origin, Val left, Val right) {

    static final Val UNKNOWN = new Val(Tag.UNKNOWN, null, null, false, Set.of(), null, false, null, null, null);
    static final Val TOP = new Val(Tag.TOP, null, null, false, Set.of(), null, false, null, null, null);
    static final Val NULL = new Val(Tag.NULL, null, null, false, Set.of(), null, false, null, null, null);
    static final Val NUM = new Val(Tag.NUM, null, null, false, Set.of(), null, false, null, null, null);

    static Val ref(String type) {
      return new Val(Tag.REF, type, null, false, Set.of(), null, false, null, null, null);
    }

    static Val literal(long value) {
      return new Val(Tag.NUM, null, value, true, Set.of(), null, false, null, null, null);
    }

    static Val address(String id) {
      return new Val(Tag.NUM, null, null, false, Set.of(), id, false, null, null, null);
    }

    static Val layout(Set<String> layout, String origin) {
      return new Val(Tag.NUM, null, null, false, Set.copyOf(layout), null, false, origin, null, null);
    }

    static Val classConstant(String name) {
      return new Val(Tag.CLASS, name, null, false, Set.of(), null, false, null, null, null);
    }

    static Val string(String text) {
      return new Val(Tag.STRING, text, null, false, Set.of(), null, false, null, null, null);
    }

    static Val field(String ownerAndName) {
      return new Val(Tag.FIELD, ownerAndName, null, false, Set.of(), null, false, null, null, null);
    }

    static Val compare(Val a, Val b) {
      return new Val(Tag.CMP, null, null, false, Set.of(), null, false, null, strip(a), strip(b));
    }

    /** The value as read from a variable: no longer a literal, and what it was compared with forgotten. */
    Val loaded() {
      return literal ? new Val(tag, type, value, false, layout, addr, derived, origin, null, null) : this;
    }

    private static Val strip(Val v) {
      return v.left == null ? v : new Val(v.tag, v.type, v.value, v.literal, v.layout, v.addr, v.derived, v.origin, null,
          null);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
      if (a.isEmpty()) {
        return b;
      }
      if (b.isEmpty()) {
        return a;
      }
      Set<String> out = new TreeSet<>(a);
      out.addAll(b);
      return Collections.unmodifiableSet(out);
    }
  }

  /** What is known of an address on this path. */
  enum Status {
    LIVE, FREED, MOVED, ESCAPED
  }

  /**
   * The life of one address: its status, the instruction that made it ({@code birth}, -1 when it came from
   * elsewhere), the one that freed or moved it last, its size where a literal gave it, and whether it was
   * made by reallocateMemory.
   */
  record Life(Status status, int birth, int event, Long size, boolean owned, boolean realloc) {

    Life with(Status newStatus, int at) {
      return new Life(newStatus, birth, at, size, owned, realloc);
    }
  }

  Val[] locals;
  List<Val> stack;
  Map<String, Life> lives;
  /** Whether this path took an exception edge from a call: a {@code throw} on it passes that exception on. */
  boolean exceptional;
  private int hash;

  FlowState(int maxLocals) {
    locals = new Val[maxLocals];
    Arrays.fill(locals, Val.UNKNOWN);
    stack = new ArrayList<>();
    lives = new HashMap<>();
  }

  private FlowState(FlowState from) {
    locals = from.locals.clone();
    stack = new ArrayList<>(from.stack);
    lives = new HashMap<>(from.lives);
    exceptional = from.exceptional;
  }

  FlowState copy() {
    return new FlowState(this);
  }

  void push(Val v) {
    stack.add(v);
  }

  Val pop() {
    return stack.isEmpty() ? Val.UNKNOWN : stack.remove(stack.size() - 1);
  }

  /** Pops a value of {@code size} words and returns it (the lower word of a long). */
  Val pop(int size) {
    Val v = pop();
    return size == 2 ? pop() : v;
  }

  void push(Val v, int size) {
    push(v);
    if (size == 2) {
      push(Val.TOP);
    }
  }

  /** Whether any local or stack word still holds (or points into) address {@code id}. */
  boolean holds(String id) {
    for (Val v : locals) {
      if (id.equals(v.addr())) {
        return true;
      }
    }
    for (Val v : stack) {
      if (id.equals(v.addr())) {
        return true;
      }
    }
    return false;
  }

  /** Renames address {@code from} to {@code to} everywhere. */
  void rename(String from, String to) {
    for (int i = 0; i < locals.length; i++) {
      if (from.equals(locals[i].addr())) {
        locals[i] = renamed(locals[i], to);
      }
    }
    for (int i = 0; i < stack.size(); i++) {
      if (from.equals(stack.get(i).addr())) {
        stack.set(i, renamed(stack.get(i), to));
      }
    }
    Life life = lives.remove(from);
    if (life != null) {
      lives.put(to, life);
    }
  }

  /** Address {@code id} is no longer followed: the values that held it become plain numbers. */
  void forget(String id) {
    for (int i = 0; i < locals.length; i++) {
      if (id.equals(locals[i].addr())) {
        locals[i] = Val.NUM;
      }
    }
    for (int i = 0; i < stack.size(); i++) {
      if (id.equals(stack.get(i).addr())) {
        stack.set(i, Val.NUM);
      }
    }
    lives.remove(id);
  }

  private static Val renamed(Val v, String to) {
    return new Val(v.tag(), v.type(), v.value(), v.literal(), v.layout(), to, v.derived(), v.origin(), v.left(),
        v.right());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FlowState other)) {
      return false;
    }
    return hashCode() == other.hashCode() && Arrays.equals(locals, other.locals) && stack.equals(other.stack)
        && lives.equals(other.lives) && exceptional == other.exceptional;
  }

  @Override
  public int hashCode() {
    if (hash == 0) {
      hash = Objects.hash(Arrays.hashCode(locals), stack, lives, exceptional) | 1;
    }
    return hash;
  }
}
