package dev.crashguard.errorprone.common;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.Suppression;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * {@code @dev.crashguard.annotations.SuppressHazard}, the suppression every crashguard engine honours.
 *
 * <p>The annotation is read by name from symbols: the annotations jar is a dependency of the user's code,
 * not of the checks. It is kept in class files ({@code CLASS} retention), so javac also sees it on
 * declarations compiled earlier.
 */
public final class HazardSuppression {

  private HazardSuppression() {}

  /**
   * Whether a method, constructor, field or class enclosing {@code path} (outer classes too) carries
   * {@code @SuppressHazard} naming {@code hazardName}.
   */
  public static boolean isSuppressed(TreePath path, String hazardName) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree || isField(leaf)) {
        if (names(ASTHelpers.getSymbol(leaf), hazardName)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code symbol} itself carries {@code @SuppressHazard} naming {@code hazardName}. */
  public static boolean names(Symbol symbol, String hazardName) {
    if (symbol == null) {
      return false;
    }
    for (AnnotationMirror mirror : symbol.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement() instanceof TypeElement type
          && type.getQualifiedName().contentEquals(Suppression.ANNOTATION)
          && valueContains(mirror, hazardName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isField(Tree leaf) {
    if (!(leaf instanceof VariableTree)) {
      return false;
    }
    Symbol symbol = ASTHelpers.getSymbol(leaf);
    return symbol != null && symbol.getKind() == ElementKind.FIELD;
  }

  private static boolean valueContains(AnnotationMirror mirror, String hazardName) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(Suppression.VALUE) && contains(e.getValue().getValue(), hazardName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Object value, String hazardName) {
    if (value instanceof String s) {
      return s.equals(hazardName);
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof AnnotationValue av && contains(av.getValue(), hazardName)) {
          return true;
        }
      }
    }
    return false;
  }
}
