package dev.crashguard.spotbugs.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.Type;

/**
 * Whether a method overrides or implements a method of a supertype: a contract that other code (a framework,
 * the superclass, the library's callers of the interface) calls. A generic implementation
 * ({@code compare(String, String)} of {@code Comparator<String>}) is recognised by the bridge method javac
 * writes beside it. A supertype that cannot be loaded may declare the method: it counts as an override,
 * which each caller reads as the cautious answer.
 */
public final class Overrides {

  /** How many supertypes are looked at, at most: deeper hierarchies count as "overrides". */
  private static final int MAX_SUPERTYPES = 64;

  private Overrides() {}

  /**
   * Whether {@code method} of {@code cls} overrides or implements a method of one of its supertypes; a
   * method of {@code java.lang.Object} ({@code toString}, {@code equals}) counts when {@code objectCounts}.
   * Constructors, initializers, static and private methods override nothing.
   */
  public static boolean anySupertypeMethod(JavaClass cls, Method method, boolean objectCounts) {
    if (method.isPrivate() || method.isStatic() || method.getName().startsWith("<")) {
      return false;
    }
    if (hasBridge(cls, method)) {
      return true;
    }
    Set<String> seen = new HashSet<>();
    List<String> pending = new ArrayList<>();
    pending.add(cls.getSuperclassName());
    pending.addAll(List.of(cls.getInterfaceNames()));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (name == null || name.isEmpty() || !seen.add(name)) {
        continue;
      }
      if (seen.size() > MAX_SUPERTYPES) {
        return true;
      }
      boolean object = "java.lang.Object".equals(name);
      if (object && !objectCounts) {
        continue;
      }
      JavaClass type = HazardSuppressions.lookup(name);
      if (type == null) {
        return true; // unknown supertype: it may declare the method
      }
      for (Method candidate : type.getMethods()) {
        if (!candidate.isPrivate() && !candidate.isStatic() && candidate.getName().equals(method.getName())
            && candidate.getSignature().equals(method.getSignature())) {
          return true;
        }
      }
      if (!object) {
        pending.add(type.getSuperclassName());
        pending.addAll(List.of(type.getInterfaceNames()));
      }
    }
    return false;
  }

  /** A bridge of the same name and arity in the class: javac's sign that a generic method is implemented. */
  private static boolean hasBridge(JavaClass cls, Method method) {
    if ((method.getAccessFlags() & org.apache.bcel.Const.ACC_BRIDGE) != 0) {
      return false;
    }
    int arity = Type.getArgumentTypes(method.getSignature()).length;
    for (Method other : cls.getMethods()) {
      if ((other.getAccessFlags() & org.apache.bcel.Const.ACC_BRIDGE) != 0
          && other.getName().equals(method.getName())
          && Type.getArgumentTypes(other.getSignature()).length == arity) {
        return true;
      }
    }
    return false;
  }
}
