package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.Kind;
import dev.crashguard.errorprone.common.Types;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * The rules of try-with-resources, which need no paths: a resource it declares is closed again by an
 * explicit {@code close()} in its block (fix: remove that statement), and it must not leave the block
 * while still needed: returned, stored in a field, returned through something that still reads from it
 * ({@code lines.filter(…)}, {@code reader.lines()}, {@code st.executeQuery(…)}), or captured by a lambda
 * that runs later ({@link DoubleCloseKnowledge#LATER_RUNNING_CALLS}, a {@code CompletionStage} callback, a
 * returned lambda). Escapes are reported for types that throw when used closed ({@link
 * ReleaseModel#throwingType}) only.
 */
final class TwrEscapes {

  private TwrEscapes() {}

  static void scan(MethodTree method, VisitorState state, Findings findings) {
    if (method.getBody() == null) {
      return;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        for (Tree resource : tree.getResources()) {
          if (resource instanceof VariableTree variable && ASTHelpers.getSymbol(variable) instanceof VarSymbol symbol) {
            check(tree, variable, symbol, state, findings);
          }
        }
        return super.visitTry(tree, null);
      }
    }.scan(method.getBody(), null);
  }

  private static void check(TryTree tryTree, VariableTree variable, VarSymbol resource, VisitorState state, Findings findings) {
    boolean exact = variable.getInitializer() instanceof NewClassTree created && created.getClassBody() == null;
    Type type = exact ? ASTHelpers.getType(variable.getInitializer()) : resource.type;
    boolean throwing = ReleaseModel.throwingType(type, exact, state);
    boolean idempotent = ReleaseModel.idempotentClose(type, state);
    String name = resource.getSimpleName().toString();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null; // its return statements are its own
      }

      @Override
      public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
        if (!idempotent
            && tree.getExpression() instanceof MethodInvocationTree call
            && call.getArguments().isEmpty()
            && ReleaseModel.CLOSE.matches(call, state)
            && names(ASTHelpers.getReceiver(call), resource)) {
          findings.add(
              DoubleCloseFinding.of(call, name, Kind.CLOSED_INSIDE_TRY_WITH_RESOURCES)
                  .withFix(deleteStatement(tree, state)));
        }
        return super.visitExpressionStatement(tree, null);
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        ExpressionTree value = tree.getExpression() == null ? null : Resource.strip(tree.getExpression());
        if (value != null && throwing) {
          escape(tree, value, resource, name, state).ifPresent(findings::add);
        }
        return super.visitReturn(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        Symbol target = ASTHelpers.getSymbol(tree.getVariable());
        if (throwing
            && target != null
            && target.getKind() == ElementKind.FIELD
            && names(tree.getExpression(), resource)) {
          findings.add(
              DoubleCloseFinding.of(tree, name, Kind.STORED_FROM_TRY_WITH_RESOURCES, "field '" + target.getSimpleName() + "'"));
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(tryTree.getBlock(), null);
  }

  /** How the value of {@code return value;} takes the resource out of its block, if it does. */
  private static Optional<DoubleCloseFinding> escape(
      ReturnTree at, ExpressionTree value, VarSymbol resource, String name, VisitorState state) {
    if (names(value, resource)) {
      return Optional.of(DoubleCloseFinding.of(at, name, Kind.RETURNED_FROM_TRY_WITH_RESOURCES));
    }
    if ((value instanceof LambdaExpressionTree || value instanceof MemberReferenceTree) && captures(value, resource)) {
      return Optional.of(DoubleCloseFinding.of(at, name, Kind.CAPTURED_BY_LATER_CODE, "the lambda returned here"));
    }
    if (value instanceof MethodInvocationTree call) {
      Optional<String> through = dependentChain(call, resource, state);
      if (through.isPresent()) {
        return Optional.of(DoubleCloseFinding.of(at, name, Kind.ESCAPES_THROUGH_DEPENDENT, through.get()));
      }
      Optional<String> later = laterRunning(call, resource, state);
      if (later.isPresent()) {
        return Optional.of(DoubleCloseFinding.of(at, name, Kind.CAPTURED_BY_LATER_CODE, later.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code call} is a chain of owner-dependent calls that starts at the resource ({@code
   * lines.filter(…).map(…)}): the name of the outermost call.
   */
  private static Optional<String> dependentChain(MethodInvocationTree call, VarSymbol resource, VisitorState state) {
    ExpressionTree e = call;
    while (e instanceof MethodInvocationTree link) {
      if (!ReleaseModel.ownerDependent(link, state)) {
        return Optional.empty();
      }
      e = ASTHelpers.getReceiver(link) == null ? null : Resource.strip(ASTHelpers.getReceiver(link));
    }
    return e != null && names(e, resource) ? Optional.of(methodName(call) + "()") : Optional.empty();
  }

  /**
   * A call in the returned chain that runs a lambda capturing the resource later, with no wait for it
   * after it in the chain: "the lambda handed to CompletableFuture.supplyAsync()".
   */
  private static Optional<String> laterRunning(MethodInvocationTree returned, VarSymbol resource, VisitorState state) {
    boolean waited = false;
    ExpressionTree e = returned;
    while (e instanceof MethodInvocationTree call) {
      if (ReleaseModel.COMPLETION_WAITS.matches(call, state)) {
        waited = true;
      } else if (!waited && runsLater(call, state)) {
        for (ExpressionTree argument : call.getArguments()) {
          ExpressionTree a = Resource.strip(argument);
          if ((a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree) && captures(a, resource)) {
            Symbol method = ASTHelpers.getSymbol(call);
            return Optional.of("the lambda handed to " + method.owner.getSimpleName() + "." + method.getSimpleName() + "()");
          }
        }
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      e = receiver == null ? null : Resource.strip(receiver);
    }
    return Optional.empty();
  }

  private static boolean runsLater(MethodInvocationTree call, VisitorState state) {
    if (ReleaseModel.LATER_RUNNING_CALLS.matches(call, state)) {
      return true;
    }
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && !method.isStatic()
        && Types.isSubtype(method.owner, DoubleCloseKnowledge.CALLBACK_STAGE, state);
  }

  private static boolean captures(ExpressionTree lambda, VarSymbol resource) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= resource.equals(ASTHelpers.getSymbol(tree));
        return null;
      }
    }.scan(lambda, null);
    return found[0];
  }

  private static boolean names(ExpressionTree tree, VarSymbol resource) {
    return tree != null
        && Resource.strip(tree) instanceof IdentifierTree id
        && resource.equals(ASTHelpers.getSymbol(id));
  }

  /** Removes {@code statement}, and its line when nothing else is on it. */
  private static SuggestedFix deleteStatement(StatementTree statement, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(statement);
    int end = state.getEndPosition(statement);
    if (source == null || start < 0 || end < start) {
      return SuggestedFix.delete(statement);
    }
    int lineStart = start;
    while (lineStart > 0 && (source.charAt(lineStart - 1) == ' ' || source.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < source.length() && (source.charAt(lineEnd) == ' ' || source.charAt(lineEnd) == '\t')) {
      lineEnd++;
    }
    boolean wholeLine =
        (lineStart == 0 || source.charAt(lineStart - 1) == '\n')
            && (lineEnd == source.length() || source.charAt(lineEnd) == '\n' || source.charAt(lineEnd) == '\r');
    if (!wholeLine) {
      return SuggestedFix.delete(statement);
    }
    if (lineEnd < source.length() && source.charAt(lineEnd) == '\r') {
      lineEnd++;
    }
    if (lineEnd < source.length() && source.charAt(lineEnd) == '\n') {
      lineEnd++;
    }
    return SuggestedFix.replace(lineStart, lineEnd, "");
  }

  private static String methodName(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        ? select.getIdentifier().toString()
        : call.getMethodSelect() instanceof IdentifierTree id ? id.getName().toString() : "call";
  }
}
