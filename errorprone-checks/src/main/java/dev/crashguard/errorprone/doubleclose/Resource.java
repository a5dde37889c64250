package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * One thing that is held and released, named so that two mentions are provably the same: a local
 * variable or parameter (its reassignment starts a new resource), a final field of this object or a static
 * final field, a lock view of one of these ({@code rw.writeLock()}), or a {@code StampedLock} together with
 * the local holding the stamp. Anything else ({@code getLock()}, {@code other.lock}, an array element) has
 * no name here, and the check stays silent about it.
 */
final class Resource {

  private final Symbol base;
  private final String view;
  private final Symbol stamp;

  private Resource(Symbol base, String view, Symbol stamp) {
    this.base = base;
    this.view = view;
    this.stamp = stamp;
  }

  /** The resource {@code tree} names, if it names one. */
  static Optional<Resource> of(ExpressionTree tree, VisitorState state) {
    ExpressionTree e = strip(tree);
    Symbol symbol = variable(e);
    if (symbol != null) {
      return Optional.of(new Resource(symbol, null, null));
    }
    if (e instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && ReleaseModel.LOCK_VIEWS.matches(call, state)
        && call.getMethodSelect() instanceof MemberSelectTree select) {
      Symbol owner = variable(strip(select.getExpression()));
      if (owner != null) {
        return Optional.of(new Resource(owner, select.getIdentifier().toString(), null));
      }
    }
    return Optional.empty();
  }

  /** The local variable or parameter {@code tree} names, if it is one. */
  static Optional<VarSymbol> local(ExpressionTree tree) {
    Symbol symbol = variable(strip(tree));
    return symbol instanceof VarSymbol var && isLocal(var) ? Optional.of(var) : Optional.empty();
  }

  /** The hold of a {@code StampedLock} {@code lock} by the stamp in local {@code stamp}. */
  static Optional<Resource> stamped(ExpressionTree lock, ExpressionTree stamp, VisitorState state) {
    Optional<VarSymbol> stampVariable = local(stamp);
    return of(lock, state)
        .filter(r -> r.view == null && r.stamp == null)
        .flatMap(r -> stampVariable.map(s -> new Resource(r.base, null, s)));
  }

  /** The hold of a {@code StampedLock} {@code lock} by the stamp local {@code stamp} is given. */
  static Optional<Resource> stamped(ExpressionTree lock, VarSymbol stamp, VisitorState state) {
    return of(lock, state).filter(r -> r.view == null && r.stamp == null).map(r -> new Resource(r.base, null, stamp));
  }

  /** A resource for local {@code variable}. */
  static Resource ofLocal(VarSymbol variable) {
    return new Resource(variable, null, null);
  }

  /** Whether this resource is named through local {@code variable} (its base or its stamp). */
  boolean dependsOn(Symbol variable) {
    return base.equals(variable) || variable.equals(stamp);
  }

  Symbol base() {
    return base;
  }

  boolean isLocal() {
    return stamp == null && view == null && base instanceof VarSymbol var && isLocal(var);
  }

  /** How the message names it: {@code lock}, {@code rw.writeLock()}, {@code sl (stamp)}. */
  String name() {
    String name = base.getSimpleName().toString();
    if (view != null) {
      return name + "." + view + "()";
    }
    if (stamp != null) {
      return name + " (" + stamp.getSimpleName() + ")";
    }
    return name;
  }

  static ExpressionTree strip(ExpressionTree tree) {
    ExpressionTree e = tree;
    while (true) {
      if (e instanceof ParenthesizedTree p) {
        e = p.getExpression();
      } else if (e instanceof TypeCastTree cast) {
        e = cast.getExpression();
      } else {
        return e;
      }
    }
  }

  private static Symbol variable(ExpressionTree e) {
    if (e instanceof IdentifierTree id) {
      if (id.getName().contentEquals("this") || id.getName().contentEquals("super")) {
        return null; // the object itself (javac makes both final fields): its own close() is its protocol
      }
      Symbol symbol = ASTHelpers.getSymbol(id);
      if (symbol instanceof VarSymbol var && (isLocal(var) || isFinalField(var))) {
        return var;
      }
      return null;
    }
    if (e instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree qualifier
        && qualifier.getName().contentEquals("this")) {
      Symbol symbol = ASTHelpers.getSymbol(select);
      if (symbol instanceof VarSymbol var && isFinalField(var) && !var.isStatic()) {
        return var;
      }
    }
    return null;
  }

  private static boolean isLocal(VarSymbol var) {
    ElementKind kind = var.getKind();
    return kind == ElementKind.LOCAL_VARIABLE
        || kind == ElementKind.PARAMETER
        || kind == ElementKind.RESOURCE_VARIABLE
        || kind == ElementKind.EXCEPTION_PARAMETER
        || kind == ElementKind.BINDING_VARIABLE;
  }

  private static boolean isFinalField(VarSymbol var) {
    return var.getKind() == ElementKind.FIELD && var.getModifiers().contains(Modifier.FINAL);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r && base.equals(r.base) && Objects.equals(view, r.view) && Objects.equals(stamp, r.stamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, view, stamp);
  }

  @Override
  public String toString() {
    return name();
  }
}
