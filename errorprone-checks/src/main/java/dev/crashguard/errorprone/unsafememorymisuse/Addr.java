package dev.crashguard.errorprone.unsafememorymisuse;

import com.sun.source.tree.MethodInvocationTree;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one path knows of the address a variable holds: whether it escaped (then it is owned elsewhere and
 * nothing more is said), the {@code allocateMemory} calls this method still owns through it, the {@code
 * freeMemory} that freed it, the {@code reallocateMemory} that may have moved it, and the allocation's
 * constant size. Joined over paths: "freed on some path" is kept, which is what a second free or a use
 * needs.
 */
record Addr(
    boolean escaped, Set<MethodInvocationTree> allocs, MethodInvocationTree freed, MethodInvocationTree moved,
    Long size) {

  /** An address the method did not allocate (a parameter, a field, a call's result). */
  static Addr live() {
    return new Addr(false, Set.of(), null, null, null);
  }

  static Addr allocated(MethodInvocationTree allocation, Long size) {
    return new Addr(false, Set.of(allocation), null, null, size);
  }

  Addr escape() {
    return new Addr(true, Set.of(), null, null, null);
  }

  Addr freedBy(MethodInvocationTree free) {
    return escaped ? this : new Addr(false, Set.of(), free, null, null);
  }

  Addr movedBy(MethodInvocationTree reallocation) {
    return escaped ? this : new Addr(false, Set.of(), null, reallocation, null);
  }

  static Addr join(Addr a, Addr b) {
    if (a == null || a.equals(b)) {
      return b == null ? a : b;
    }
    if (b == null) {
      return a;
    }
    if (a.escaped || b.escaped) {
      return live().escape();
    }
    Set<MethodInvocationTree> allocs = new HashSet<>(a.allocs);
    allocs.addAll(b.allocs);
    return new Addr(
        false,
        Set.copyOf(allocs),
        a.freed != null ? a.freed : b.freed,
        a.moved != null ? a.moved : b.moved,
        Objects.equals(a.size, b.size) ? a.size : null);
  }
}
