package dev.crashguard.pmd;

import net.sourceforge.pmd.lang.ast.Node;
import net.sourceforge.pmd.lang.java.ast.ASTAnnotation;
import net.sourceforge.pmd.lang.java.ast.ASTArgumentList;
import net.sourceforge.pmd.lang.java.ast.ASTAssignableExpr.ASTNamedReferenceExpr;
import net.sourceforge.pmd.lang.java.ast.ASTAssignmentExpression;
import net.sourceforge.pmd.lang.java.ast.ASTCastExpression;
import net.sourceforge.pmd.lang.java.ast.ASTConditionalExpression;
import net.sourceforge.pmd.lang.java.ast.ASTConstructorCall;
import net.sourceforge.pmd.lang.java.ast.ASTExplicitConstructorInvocation;
import net.sourceforge.pmd.lang.java.ast.ASTLambdaExpression;
import net.sourceforge.pmd.lang.java.ast.ASTLiteral;
import net.sourceforge.pmd.lang.java.ast.ASTMethodCall;
import net.sourceforge.pmd.lang.java.ast.ASTMethodDeclaration;
import net.sourceforge.pmd.lang.java.ast.ASTReturnStatement;
import net.sourceforge.pmd.lang.java.ast.ASTSwitchArrowBranch;
import net.sourceforge.pmd.lang.java.ast.ASTSwitchExpression;
import net.sourceforge.pmd.lang.java.ast.ASTVariableDeclarator;
import net.sourceforge.pmd.lang.java.ast.JavaNode;
import net.sourceforge.pmd.lang.rule.xpath.Attribute;

/**
 * What a crashguard PMD finding names in the message's subject slot: a node's own name when it has one
 * (a variable, a field, a call), and for a literal ({@code return null}, {@code greet(null)}), what the
 * value goes to, as Error Prone and SpotBugs name it: the method that returns it, the variable it is
 * stored in, the method it is passed to; for an annotation, the annotation as written ({@code @Size(min = 5,
 * max = 2)}, its white space collapsed). Display only: what is reported is the query's business.
 */
final class Subjects {

  private static final String[] NAME_ATTRIBUTES = {"Name", "SimpleName", "MethodName", "Value"};

  private Subjects() {}

  static String of(Node node) {
    if (node instanceof ASTAnnotation annotation) {
      return annotation.getText().toString().replaceAll("\\s+", " ");
    }
    if (node instanceof ASTLiteral literal) {
      String goesTo = whereValueGoes(literal);
      if (goesTo != null) {
        return goesTo;
      }
    }
    return nameOf(node);
  }

  /** PMD's own choice for an XPath rule: the image, else a name attribute. */
  private static String nameOf(Node node) {
    @SuppressWarnings("deprecation")
    String image = node.getImage();
    if (image != null) {
      return image;
    }
    for (var it = node.getXPathAttributesIterator(); it.hasNext(); ) {
      Attribute attribute = it.next();
      for (String name : NAME_ATTRIBUTES) {
        if (name.equals(attribute.getName())) {
          return attribute.getStringValue();
        }
      }
    }
    return null;
  }

  private static String whereValueGoes(JavaNode value) {
    JavaNode top = value;
    while (passesValueUp(top)) {
      top = top.getParent();
    }
    JavaNode parent = top.getParent();
    if (parent instanceof ASTReturnStatement || parent instanceof ASTLambdaExpression) {
      return function(top);
    }
    if (parent instanceof ASTVariableDeclarator declarator) {
      return declarator.getVarId().getName();
    }
    if (parent instanceof ASTAssignmentExpression assignment
        && assignment.getLeftOperand() instanceof ASTNamedReferenceExpr target) {
      return target.getName();
    }
    if (parent instanceof ASTArgumentList arguments) {
      JavaNode call = arguments.getParent();
      if (call instanceof ASTMethodCall method) {
        return method.getMethodName();
      }
      if (call instanceof ASTConstructorCall constructor) {
        return "new " + constructor.getTypeNode().getSimpleName();
      }
      if (call instanceof ASTExplicitConstructorInvocation explicit) {
        return explicit.isSuper() ? "super" : "this";
      }
    }
    return null;
  }

  /** The method a value is returned from, or the lambda it is returned from and the method holding it. */
  private static String function(JavaNode node) {
    ASTLambdaExpression lambda = null;
    for (JavaNode n = node.getParent(); n != null; n = n.getParent()) {
      if (n instanceof ASTLambdaExpression l && lambda == null) {
        lambda = l;
        continue;
      }
      if (n instanceof ASTMethodDeclaration method) {
        return lambda == null ? method.getName() : "lambda in " + method.getName();
      }
    }
    return lambda == null ? null : "lambda";
  }

  /** A branch of a ternary, a switch-expression arm or a cast operand: its value is its parent's. */
  private static boolean passesValueUp(JavaNode x) {
    JavaNode parent = x.getParent();
    return (parent instanceof ASTConditionalExpression && x.getIndexInParent() > 0)
        || (parent instanceof ASTSwitchArrowBranch && parent.getParent() instanceof ASTSwitchExpression)
        || (x instanceof ASTSwitchArrowBranch && parent instanceof ASTSwitchExpression)
        || (parent instanceof ASTCastExpression && x.getIndexInParent() > 0);
  }
}
