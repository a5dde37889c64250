package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.errorprone.common.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeKind;

/**
 * Netty's ownership rules: which arguments a call takes over ({@link
 * DoubleCloseKnowledge#OWNERSHIP_TAKING_CALLS}), and which message parameter the framework releases after
 * the method returns ({@link DoubleCloseKnowledge#AUTO_RELEASED_PARAMETER_METHODS}), unless a {@code
 * SimpleChannelInboundHandler} was told not to ({@link DoubleCloseKnowledge#AUTO_RELEASE_SWITCH}).
 */
final class NettyOwnership {

  private NettyOwnership() {}

  /**
   * The arguments of an ownership-taking {@code call} that are buffers this check names ({@link
   * #mayBeReferenceCounted}). An argument like {@code buf.retain()} hands over a new reference and is none
   * of them.
   */
  static List<Resource> handedOver(MethodInvocationTree call, VisitorState state) {
    List<Resource> out = new ArrayList<>();
    if (!ReleaseModel.OWNERSHIP_TAKING_CALLS.matches(call, state)) {
      return out;
    }
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree stripped = Resource.strip(argument);
      if (mayBeReferenceCounted(ASTHelpers.getType(stripped), state)) {
        Resource.of(stripped, state).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * A reference counted type, or {@code Object} (a pipeline message that may be one). A message of another
   * type ({@code SimpleChannelInboundHandler<String>}) is not released by anyone, and handing it on is
   * harmless.
   */
  private static boolean mayBeReferenceCounted(Type type, VisitorState state) {
    return type != null
        && (ReleaseModel.isReferenceCounted(type, state) || type.tsym.getQualifiedName().contentEquals("java.lang.Object"));
  }

  /**
   * The message parameter of {@code method} that its framework superclass releases after it returns, with
   * the framework's simple name; empty when the method overrides none of those, the handler turned the
   * automatic release off (or may have), or the message cannot be reference counted.
   */
  static Optional<Framework> autoReleased(MethodTree method, TreePath path, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    if (symbol == null || symbol.isStatic() || method.getParameters().size() < 2) {
      return Optional.empty();
    }
    for (MethodRef ref : DoubleCloseKnowledge.AUTO_RELEASED_PARAMETER_METHODS) {
      if (!symbol.getSimpleName().contentEquals(ref.name()) || !overridesIn(symbol, ref.owner(), state)) {
        continue;
      }
      if (ref.owner().equals(DoubleCloseKnowledge.SIMPLE_CHANNEL_INBOUND_HANDLER) && !autoReleaseOn(path, state)) {
        return Optional.empty();
      }
      if (dispatchesItself((ClassSymbol) symbol.owner, state)) {
        return Optional.empty();
      }
      VarSymbol message = ASTHelpers.getSymbol(method.getParameters().get(1));
      String framework = ref.owner().substring(ref.owner().lastIndexOf('.') + 1);
      return message == null || !mayBeReferenceCounted(message.type, state)
          ? Optional.empty()
          : Optional.of(new Framework(message, framework));
    }
    return Optional.empty();
  }

  /**
   * Whether the handler class, or a superclass of it below the framework, overrides the framework's own
   * dispatcher ({@link DoubleCloseKnowledge#AUTO_RELEASING_DISPATCHERS}): then the framework's release
   * after the call never runs, and the handler decides who releases the message (netty's
   * HttpObjectEncoder).
   */
  private static boolean dispatchesItself(ClassSymbol handler, VisitorState state) {
    for (MethodRef dispatcher : DoubleCloseKnowledge.AUTO_RELEASING_DISPATCHERS) {
      if (!Types.isSubtype(handler, dispatcher.owner(), state)) {
        continue;
      }
      for (ClassSymbol c = handler;
          c != null && !c.getQualifiedName().contentEquals(dispatcher.owner().replace('$', '.'));
          c = c.getSuperclass() != null && c.getSuperclass().tsym instanceof ClassSymbol up ? up : null) {
        for (var member : c.getEnclosedElements()) {
          if (member instanceof MethodSymbol m
              && !m.isStatic()
              && m.getSimpleName().contentEquals(dispatcher.name())
              && overridesIn(m, dispatcher.owner(), state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A message parameter and the framework class that releases it. */
  record Framework(VarSymbol message, String name) {}

  private static boolean overridesIn(MethodSymbol method, String owner, VisitorState state) {
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (Types.isSubtype(overridden.owner, owner, state)
          && ((ClassSymbol) overridden.owner).getQualifiedName().contentEquals(owner.replace('$', '.'))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the handler class around {@code path} extends {@code SimpleChannelInboundHandler} directly and
   * leaves its automatic release on: no constructor calls {@code super(…, b)} with anything but {@code true}
   * as its boolean last argument.
   */
  private static boolean autoReleaseOn(TreePath path, VisitorState state) {
    ClassTree handler = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    ClassSymbol symbol = handler == null ? null : ASTHelpers.getSymbol(handler);
    if (symbol == null
        || symbol.getSuperclass() == null
        || !Types.erasedName(symbol.getSuperclass(), state)
            .equals(DoubleCloseKnowledge.SIMPLE_CHANNEL_INBOUND_HANDLER)) {
      return false;
    }
    for (Tree member : handler.getMembers()) {
      if (member instanceof MethodTree constructor
          && ASTHelpers.getSymbol(constructor) != null
          && ASTHelpers.getSymbol(constructor).isConstructor()
          && constructor.getBody() != null
          && !superKeepsAutoRelease(constructor.getBody(), state)) {
        return false;
      }
    }
    return true;
  }

  private static boolean superKeepsAutoRelease(BlockTree body, VisitorState state) {
    for (StatementTree statement : body.getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && call.getMethodSelect() instanceof IdentifierTree id
          && id.getName().contentEquals("super")
          && ReleaseModel.AUTO_RELEASE_SWITCH.matches(call, state)
          && !call.getArguments().isEmpty()) {
        ExpressionTree last = call.getArguments().get(call.getArguments().size() - 1);
        Type type = ASTHelpers.getType(last);
        if (type != null && type.getKind() == TypeKind.BOOLEAN) {
          return last instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue());
        }
      }
    }
    return true;
  }
}
