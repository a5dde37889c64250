package dev.crashguard.errorprone.common;

import com.google.common.collect.ImmutableListMultimap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.crashguard.catalog.knowledge.MethodRef;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How Error Prone matches the catalog's {@link MethodRef}s: a method of the same simple name ({@code <init>}
 * for a constructor) declared in the owner or in a subtype of it, static or not; overloads are not told
 * apart. This is the one place that turns a {@code MethodRef} into a test, for trees and symbols alike (a
 * method reference {@code Map::get} is matched by its symbol).
 */
public final class KnownMethods implements Matcher<ExpressionTree> {

  private static final long serialVersionUID = 1L;

  private final ImmutableListMultimap<String, MethodRef> byName;

  private KnownMethods(Collection<MethodRef> methods) {
    this.byName = methods.stream().collect(ImmutableListMultimap.toImmutableListMultimap(MethodRef::name, m -> m));
  }

  /** A matcher for calls (invocations, {@code new}, method references) of any of {@code methods}. */
  public static KnownMethods anyOf(Collection<MethodRef> methods) {
    return new KnownMethods(methods);
  }

  /** A matcher for calls of {@code method}. */
  public static KnownMethods of(MethodRef method) {
    return new KnownMethods(List.of(method));
  }

  /**
   * A matcher for calls of any method named one of {@code names}, whatever its owner: a cheap first test
   * before a matcher that asks for subtypes.
   */
  public static Matcher<ExpressionTree> named(Set<String> names) {
    Set<String> copy = Set.copyOf(names);
    return (tree, state) ->
        ASTHelpers.getSymbol(tree) instanceof MethodSymbol method
            && copy.contains(method.getSimpleName().toString());
  }

  @Override
  public boolean matches(ExpressionTree tree, VisitorState state) {
    return ASTHelpers.getSymbol(tree) instanceof MethodSymbol method && matches(method, state);
  }

  /** Whether {@code method} is one of these methods. */
  public boolean matches(MethodSymbol method, VisitorState state) {
    if (method == null) {
      return false;
    }
    for (MethodRef ref : byName.get(method.getSimpleName().toString())) {
      if (Types.isSubtype(method.owner, ref.owner(), state)) {
        return true;
      }
    }
    return false;
  }
}
