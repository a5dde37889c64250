package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Methods that run once per request: annotated with one of {@link
 * ExecutorLeakKnowledge#REQUEST_HANDLER_ANNOTATIONS} (Spring MVC, JAX-RS), or a servlet's or filter's
 * {@link ExecutorLeakKnowledge#SERVLET_REQUEST_METHODS} overridden.
 */
final class RequestHandlers {

  private RequestHandlers() {}

  /** How a message names the handler, {@code PriceController.price()}; null when {@code method} is none. */
  static String handler(MethodTree method, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null || symbol.isStatic()) {
      return null;
    }
    boolean handles = PoolModel.SERVLET_REQUESTS.matches(symbol, state);
    for (AnnotationMirror mirror : symbol.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement() instanceof TypeElement type
          && ExecutorLeakKnowledge.REQUEST_HANDLER_ANNOTATIONS.contains(type.getQualifiedName().toString())) {
        handles = true;
      }
    }
    return handles ? symbol.owner.getSimpleName() + "." + symbol.getSimpleName() + "()" : null;
  }
}
