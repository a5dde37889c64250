package dev.crashguard.errorprone;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NullReturning;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Library knowledge for {@link NullEscapingOptional}, read from the catalog's {@link
 * NullEscapingOptionalKnowledge} (shared with PMD and SpotBugs: adding a library is a line there) and put
 * in the shape this check asks in: "is this type Optional", "may this symbol be null by its annotations",
 * "is this call documented to return null", "does this call assert non-null". Only {@link
 * #STREAM_ELEMENT_PRESERVING_OPERATIONS} is Error Prone's own.
 */
final class OptionalModel {

  static final String OPTIONAL = NullEscapingOptionalKnowledge.OPTIONAL;
  static final String STREAM = NullEscapingOptionalKnowledge.STREAM;

  static final ImmutableSet<String> NULLABLE_ANNOTATIONS =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.NULLABLE_ANNOTATIONS);

  /** {@link NullEscapingOptionalKnowledge#NULL_RETURNING_METHODS}, by method name. */
  private static final ImmutableListMultimap<String, NullReturning> NULL_RETURNING_BY_NAME =
      NullEscapingOptionalKnowledge.NULL_RETURNING_METHODS.stream()
          .collect(ImmutableListMultimap.toImmutableListMultimap(n -> n.method().name(), n -> n));

  static final ImmutableSet<String> PICKING =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.STREAM_PICKING_OPERATIONS);
  static final ImmutableSet<String> NULL_REMOVING =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.STREAM_NULL_REMOVING_OPERATIONS);
  static final ImmutableSet<String> MAPPING =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.STREAM_MAPPING_OPERATIONS);

  /**
   * Stream operations that hand on the elements they receive unchanged (some of them, in another order or
   * fewer of them): a null that reaches them reaches the next operation. Walking a pipeline back from a
   * picking operation goes through these; any other operation (one that transforms elements, or one this
   * check does not know) ends the walk in silence.
   */
  static final ImmutableSet<String> STREAM_ELEMENT_PRESERVING_OPERATIONS =
      ImmutableSet.of(
          "sorted", "distinct", "limit", "skip", "peek", "parallel", "sequential", "unordered", "onClose",
          "takeWhile", "dropWhile");

  /**
   * Static, null-safe "is it empty" tests (false means the argument is not null) and their opposites (true
   * means it is not null): the shared knowledge's name lists.
   */
  static final ImmutableSet<String> NULL_SAFE_EMPTINESS_TESTS =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.NULL_OR_EMPTY_TESTS);

  static final ImmutableSet<String> NULL_SAFE_PRESENCE_TESTS =
      ImmutableSet.copyOf(NullEscapingOptionalKnowledge.NOT_NULL_OR_EMPTY_TESTS);

  private OptionalModel() {}

  /** Whether {@code type} is {@code java.util.Optional} (any parameterization, raw too). */
  static boolean isOptional(Type type) {
    return type != null
        && type.getTag() == com.sun.tools.javac.code.TypeTag.CLASS
        && type.tsym != null
        && type.tsym.getQualifiedName().contentEquals(OPTIONAL);
  }

  /** Whether the symbol's class is {@code owner} or a subtype of it. */
  static boolean isSubtypeOf(Symbol owner, String supertype, VisitorState state) {
    if (owner == null || owner.type == null) {
      return false;
    }
    if (owner.getQualifiedName().contentEquals(supertype)) {
      return true;
    }
    Type target = state.getTypeFromString(supertype);
    return target != null
        && state.getTypes().isSubtype(state.getTypes().erasure(owner.type), state.getTypes().erasure(target));
  }

  /**
   * Whether {@code symbol} (a parameter, field, local or method) carries one of {@link
   * #NULLABLE_ANNOTATIONS}, as a declaration annotation or as a type-use annotation on its (result) type.
   */
  static boolean isAnnotatedNullable(Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    if (anyNullable(symbol.getAnnotationMirrors())) {
      return true;
    }
    Type type = symbol instanceof MethodSymbol method ? method.getReturnType() : symbol.type;
    if (type != null && anyNullable(type.getAnnotationMirrors())) {
      return true;
    }
    for (Attribute.TypeCompound typeAnnotation : symbol.getRawTypeAttributes()) {
      if (typeAnnotation.position != null
          && typeAnnotation.position.location.isEmpty()
          && (!(symbol instanceof MethodSymbol)
              || typeAnnotation.position.type == com.sun.tools.javac.code.TargetType.METHOD_RETURN)
          && isNullable(typeAnnotation)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyNullable(List<? extends AnnotationMirror> mirrors) {
    for (AnnotationMirror mirror : mirrors) {
      if (isNullable(mirror)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNullable(AnnotationMirror mirror) {
    return mirror.getAnnotationType() != null
        && mirror.getAnnotationType().asElement() instanceof TypeElement type
        && NULLABLE_ANNOTATIONS.contains(type.getQualifiedName().toString());
  }

  /**
   * Whether {@code method} is one of {@link NullEscapingOptionalKnowledge#NULL_RETURNING_METHODS}: same
   * name and arity, declared in the listed owner or a subtype of it.
   */
  static boolean isNullReturningJdkMethod(MethodSymbol method, VisitorState state) {
    if (method == null) {
      return false;
    }
    List<NullReturning> candidates = NULL_RETURNING_BY_NAME.get(method.getSimpleName().toString());
    for (NullReturning candidate : candidates) {
      if ((candidate.arity() == NullEscapingOptionalKnowledge.ANY_ARITY
              || candidate.arity() == method.getParameters().size())
          && isSubtypeOf(method.owner, candidate.method().canonicalOwner(), state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a call's result may be null by the knowledge: a JDK method listed, or a {@code @Nullable} method. */
  static boolean mayReturnNull(MethodSymbol method, VisitorState state) {
    return isNullReturningJdkMethod(method, state) || isAnnotatedNullable(method);
  }

  /** Whether {@code call} is one of {@code refs} (owner or a subtype, same name). */
  static boolean isCallOf(ExpressionTree call, List<MethodRef> refs, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol method)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    for (MethodRef ref : refs) {
      if (ref.name().equals(name) && isSubtypeOf(method.owner, ref.canonicalOwner(), state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code method} is {@code ref}: named so, declared in its owner or a subtype. */
  static boolean is(MethodSymbol method, MethodRef ref, VisitorState state) {
    if (method == null || !method.getSimpleName().contentEquals(ref.name())) {
      return false;
    }
    if (ref.owner().equals(OPTIONAL)) {
      return method.owner.getQualifiedName().contentEquals(OPTIONAL); // final: no subtypes to look up
    }
    return isSubtypeOf(method.owner, ref.canonicalOwner(), state);
  }

  static List<MethodRef> nonNullAssertions() {
    return NullEscapingOptionalKnowledge.NON_NULL_ASSERTIONS;
  }

  static List<MethodRef> nullTests() {
    return NullEscapingOptionalKnowledge.NULL_TESTS;
  }
}
