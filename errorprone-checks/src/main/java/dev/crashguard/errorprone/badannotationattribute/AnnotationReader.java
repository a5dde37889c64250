package dev.crashguard.errorprone.badannotationattribute;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns javac's view of an annotation into the catalog's: the type's binary name and the attributes
 * written on it, constants already folded by the compiler ({@code regexp = SKU} reads as the string). Class
 * literals and nested annotations are left out: no judged attribute is one.
 */
final class AnnotationReader {

  private AnnotationReader() {}

  static Annotation read(Attribute.Compound compound) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<Symbol.MethodSymbol, Attribute> entry : compound.getElementValues().entrySet()) {
      Object value = value(entry.getValue());
      if (value != null) {
        values.put(entry.getKey().getSimpleName().toString(), value);
      }
    }
    return new Annotation(binaryName(compound.type), values);
  }

  private static Object value(Attribute attribute) {
    if (attribute instanceof Attribute.Constant constant) {
      return constant.getValue();
    }
    if (attribute instanceof Attribute.Enum constant) {
      return constant.value.getSimpleName().toString();
    }
    if (attribute instanceof Attribute.Array array) {
      List<Object> items = new ArrayList<>();
      for (Attribute item : array.values) {
        Object value = value(item);
        if (value != null) {
          items.add(value);
        }
      }
      return items;
    }
    return null;
  }

  /** The binary name of {@code type} erased ({@code java.util.Map$Entry}), or a primitive's name. */
  static String binaryName(Type type) {
    if (type == null) {
      return "";
    }
    if (type.isPrimitive() || type.hasTag(TypeTag.VOID)) {
      return type.toString();
    }
    return type.tsym instanceof Symbol.ClassSymbol c ? c.flatName().toString() : "";
  }

  /**
   * The type an annotation on {@code symbol} formats or converts: a field's or parameter's, a method's
   * return type, or the only parameter's of a method that returns nothing (a setter).
   */
  static String targetType(Symbol symbol, Types types) {
    if (symbol instanceof MethodSymbol method) {
      Type result = method.getReturnType();
      if (result.hasTag(TypeTag.VOID) && method.getParameters().size() == 1) {
        return binaryName(types.erasure(method.getParameters().get(0).type));
      }
      return binaryName(types.erasure(result));
    }
    return symbol == null ? "" : binaryName(types.erasure(symbol.type));
  }
}
