package dev.crashguard.errorprone.executorleak;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Whether a class keeps its one instance itself, so that its constructor runs once per class loader and
 * what the constructor starts is application-wide, like a static: every constructor is private, no class of
 * the unit extends it or names {@code C::new}, and every {@code new C(…)} of the unit is either the
 * initializer of a static field of {@code C} (or sits in its static initializer), or a statement {@code F =
 * new C(…)} in a static method of {@code C} under an {@code if} that tests {@code F == null} (h2's {@code
 * ThreadDeadlockDetector.init()}; double-checked locking too). Without the null test every call makes a new
 * instance, and whatever its constructor starts piles up: not a sole instance.
 */
final class SoleInstance {

  private SoleInstance() {}

  /** Whether {@code constructor}'s class keeps its one instance itself (see the class comment). */
  static boolean constructorRunsOnce(MethodTree constructor, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(constructor);
    if (symbol == null || !symbol.isConstructor() || !(symbol.owner instanceof ClassSymbol type)
        || type.getKind() != ElementKind.CLASS) {
      return false;
    }
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof MethodSymbol m && m.isConstructor() && !m.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    int[] sound = {0};
    boolean[] broken = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree created, Void unused) {
        if (names(created.getIdentifier(), type)) {
          if (keptOnce(getCurrentPath(), type)) {
            sound[0]++;
          } else {
            broken[0] = true;
          }
        }
        return super.visitNewClass(created, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (reference.getName().contentEquals("<init>")
            && type.equals(ASTHelpers.getSymbol(reference.getQualifierExpression()))) {
          broken[0] = true;
        }
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        if (classTree.getExtendsClause() != null && names(classTree.getExtendsClause(), type)) {
          broken[0] = true;
        }
        return super.visitClass(classTree, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return !broken[0] && sound[0] > 0;
  }

  /** Whether the type tree {@code typeTree} names {@code type} (with or without type arguments). */
  private static boolean names(Tree typeTree, ClassSymbol type) {
    Type named = ASTHelpers.getType(typeTree);
    return named != null && type.equals(named.tsym);
  }

  /** Whether the {@code new} at {@code path} is one of the two shapes that make {@code type}'s one instance. */
  private static boolean keptOnce(TreePath path, ClassSymbol type) {
    Tree parent = path.getParentPath().getLeaf();
    if (parent instanceof VariableTree field && field.getInitializer() == path.getLeaf()) {
      Symbol symbol = ASTHelpers.getSymbol(field);
      return symbol != null && symbol.getKind() == ElementKind.FIELD && symbol.isStatic() && type.equals(symbol.owner);
    }
    if (!(parent instanceof AssignmentTree assignment) || assignment.getExpression() != path.getLeaf()
        || !(path.getParentPath().getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return inStaticInitializer(path, type);
    }
    Symbol field = ASTHelpers.getSymbol(assignment.getVariable());
    if (field == null || field.getKind() != ElementKind.FIELD || !field.isStatic() || !type.equals(field.owner)) {
      return false;
    }
    if (inStaticInitializer(path, type)) {
      return true;
    }
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree up = p.getParentPath().getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree) {
        return false; // the method, reached without a null test of the field around the assignment
      }
      if (up instanceof IfTree test && test.getThenStatement() == leaf && testsNull(test.getCondition(), field)) {
        return inStaticMethodOf(p, type);
      }
    }
    return false;
  }

  /** Whether {@code path} is in a static method of {@code type} (not in a lambda or a class within it). */
  private static boolean inStaticMethodOf(TreePath path, ClassSymbol type) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol m = ASTHelpers.getSymbol(method);
        return m != null && m.isStatic() && type.equals(m.owner);
      }
    }
    return false;
  }

  /** Whether {@code path} is in a static initializer block of {@code type}. */
  private static boolean inStaticInitializer(TreePath path, ClassSymbol type) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree) {
        return false;
      }
      if (p.getParentPath().getLeaf() instanceof ClassTree owner) {
        return leaf instanceof BlockTree block && block.isStatic() && type.equals(ASTHelpers.getSymbol(owner));
      }
    }
    return false;
  }

  /** Whether {@code condition} holds a test {@code field == null} (also within {@code &&}, parentheses). */
  private static boolean testsNull(Tree condition, Symbol field) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitBinary(BinaryTree binary, Void unused) {
            if (binary.getKind() == Tree.Kind.EQUAL_TO
                && ((binary.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL
                        && field.equals(ASTHelpers.getSymbol(binary.getRightOperand())))
                    || (binary.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL
                        && field.equals(ASTHelpers.getSymbol(binary.getLeftOperand()))))) {
              return true;
            }
            return super.visitBinary(binary, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(condition, null);
    return Boolean.TRUE.equals(found);
  }
}
