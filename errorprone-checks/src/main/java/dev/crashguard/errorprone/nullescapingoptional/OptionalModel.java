package dev.crashguard.errorprone.nullescapingoptional;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NULLABLE_ANNOTATIONS;
import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.OPTIONAL;

import com.google.common.collect.ImmutableListMultimap;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.NullReturning;
import dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge;
import dev.crashguard.errorprone.common.KnownMethods;
import dev.crashguard.errorprone.common.Types;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The catalog's {@link NullEscapingOptionalKnowledge} (shared with PMD and SpotBugs: adding a library is a
 * line there) put in the shape this check asks in: "is this type Optional", "may this symbol be null by
 * its annotations", "is this call documented to return null", and matchers for the methods the knowledge
 * names, under the knowledge's own names. Name sets are read from the knowledge directly.
 */
final class OptionalModel {

  static final KnownMethods OPTIONAL_OF = KnownMethods.of(NullEscapingOptionalKnowledge.OPTIONAL_OF);
  static final KnownMethods OPTIONAL_OR_ELSE = KnownMethods.of(NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE);
  static final KnownMethods OPTIONAL_OR_ELSE_GET = KnownMethods.of(NullEscapingOptionalKnowledge.OPTIONAL_OR_ELSE_GET);
  static final KnownMethods STREAM_OF = KnownMethods.of(NullEscapingOptionalKnowledge.STREAM_OF);
  static final KnownMethods NON_NULL_ASSERTIONS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NON_NULL_ASSERTIONS);
  static final KnownMethods IS_NULL_TESTS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.IS_NULL_TESTS);
  static final KnownMethods NON_NULL_TESTS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NON_NULL_TESTS);
  static final KnownMethods NULL_DEFAULTS = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NULL_DEFAULTS);
  static final KnownMethods MAP_KEY_TEST = KnownMethods.of(NullEscapingOptionalKnowledge.MAP_KEY_TEST);
  static final KnownMethods MAP_GET = KnownMethods.of(NullEscapingOptionalKnowledge.MAP_GET);
  static final KnownMethods NEVER_RETURNING_METHODS =
      KnownMethods.anyOf(NullEscapingOptionalKnowledge.NEVER_RETURNING_METHODS);
  static final KnownMethods NULL_MEANS_REMOVE = KnownMethods.anyOf(NullEscapingOptionalKnowledge.NULL_MEANS_REMOVE);

  /** {@link NullEscapingOptionalKnowledge#NULL_RETURNING_METHODS}, by method name. */
  private static final ImmutableListMultimap<String, NullReturning> NULL_RETURNING_BY_NAME =
      NullEscapingOptionalKnowledge.NULL_RETURNING_METHODS.stream()
          .collect(ImmutableListMultimap.toImmutableListMultimap(n -> n.method().name(), n -> n));

  private OptionalModel() {}

  /** Whether {@code type} is {@code java.util.Optional} (any parameterization, raw too). */
  static boolean isOptional(Type type) {
    return type != null
        && type.getTag() == com.sun.tools.javac.code.TypeTag.CLASS
        && type.tsym != null
        && type.tsym.getQualifiedName().contentEquals(OPTIONAL);
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
          && Types.isSubtype(method.owner, candidate.method().owner(), state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call's result may be null: a JDK method the knowledge lists, a {@code @Nullable} method, or a
   * method of this compilation whose body returns null ({@link OwnMethodResults}).
   */
  static boolean mayReturnNull(MethodSymbol method, VisitorState state) {
    return isNullReturningJdkMethod(method, state)
        || isAnnotatedNullable(method)
        || OwnMethodResults.mayReturnNull(method, state);
  }
}
