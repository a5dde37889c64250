package dev.crashguard.errorprone.common;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;

/**
 * Subtype tests by class name, the way the catalog names types (binary names; nested types are looked up
 * by their canonical name). Every crashguard check asks through here, so "is this a Map" is answered one
 * way. A type that is not on the compilation's class path is a subtype of nothing: the check stays silent.
 */
public final class Types {

  private Types() {}

  /** Whether {@code type}, erased, is {@code supertype} or a subtype of it. */
  public static boolean isSubtype(Type type, String supertype, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (type.tsym != null && type.tsym.getQualifiedName().contentEquals(canonical(supertype))) {
      return true;
    }
    Type target = state.getTypeFromString(canonical(supertype));
    return target != null
        && state.getTypes().isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(target));
  }

  /** Whether the class {@code symbol} is (a class, or the class declaring a member) is a {@code supertype}. */
  public static boolean isSubtype(Symbol symbol, String supertype, VisitorState state) {
    return symbol != null && isSubtype(symbol.type, supertype, state);
  }

  /** The fully qualified name of {@code type} after erasure, or "" for none. */
  public static String erasedName(Type type, VisitorState state) {
    if (type == null) {
      return "";
    }
    Type erased = state.getTypes().erasure(type);
    return erased.tsym == null ? "" : erased.tsym.getQualifiedName().toString();
  }

  /** A binary name ({@code java.lang.Thread$Builder}) as javac's lookups take it ({@code java.lang.Thread.Builder}). */
  private static String canonical(String binaryName) {
    return binaryName.replace('$', '.');
  }
}
