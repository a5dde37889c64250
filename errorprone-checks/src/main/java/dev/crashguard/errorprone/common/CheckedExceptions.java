package dev.crashguard.errorprone.common;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;

/** Java's rules on checked exceptions, as the hazards that follow exceptions along a path read them. */
public final class CheckedExceptions {

  private CheckedExceptions() {}

  /** The checked exceptions {@code symbol} (a method or constructor) declares; none for anything else. */
  public static List<Type> declaredBy(Symbol symbol, VisitorState state) {
    List<Type> out = new ArrayList<>();
    if (symbol instanceof MethodSymbol method) {
      for (Type thrown : method.getThrownTypes()) {
        if (!isUnchecked(thrown, state)) {
          out.add(thrown);
        }
      }
    }
    return out;
  }

  /** A {@code RuntimeException} or an {@code Error}: no throws clause needs to name it. */
  public static boolean isUnchecked(Type type, VisitorState state) {
    com.sun.tools.javac.code.Types types = state.getTypes();
    return types.isSubtype(type, state.getSymtab().runtimeExceptionType)
        || types.isSubtype(type, state.getSymtab().errorType);
  }
}
