package dev.crashguard.spotbugs.common;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ExceptionTable;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The method a call names, as the JVM resolves it: declared in the call's owner or, inherited, in the first
 * supertype (superclass first, then interfaces) that declares it. A constructor is looked for in its owner
 * only. A class outside the analysis answers nothing: the method is not found.
 */
public final class MethodLookup {

  /** How many supertypes deep the walk goes, at most. */
  private static final int MAX_DEPTH = 16;

  private MethodLookup() {}

  /** A method and the class (dotted name) that declares it. */
  public record Found(Method method, String declaringClass) {

    /** The exceptions (internal names) its throws clause declares; empty when it declares none. */
    public List<String> declaredExceptions() {
      ExceptionTable table = method.getExceptionTable();
      return table == null ? List.of() : Arrays.stream(table.getExceptionNames()).map(n -> n.replace('.', '/')).toList();
    }
  }

  /** The method {@code name}{@code signature} that a call on {@code owner} (internal or dotted) reaches, or null. */
  public static Found find(String owner, String name, String signature) {
    return find(owner, name, signature, new HashSet<>(), 0);
  }

  private static Found find(String owner, String name, String signature, Set<String> seen, int depth) {
    if (owner == null || depth > MAX_DEPTH || !seen.add(owner.replace('/', '.'))) {
      return null;
    }
    JavaClass cls = HazardSuppressions.lookup(owner);
    if (cls == null) {
      return null;
    }
    for (Method method : cls.getMethods()) {
      if (method.getName().equals(name) && method.getSignature().equals(signature)) {
        return new Found(method, cls.getClassName());
      }
    }
    if (Const.CONSTRUCTOR_NAME.equals(name)) {
      return null;
    }
    Found found = find(cls.getSuperclassName(), name, signature, seen, depth + 1);
    for (String iface : cls.getInterfaceNames()) {
      if (found == null) {
        found = find(iface, name, signature, seen, depth + 1);
      }
    }
    return found;
  }
}
