package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.knowledge.NullEscapingOptionalKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the NullEscapingOptional knowledge to the JDK that runs the build: every JDK method named exists
 * with the arity given and returns a reference (a primitive cannot be null), the stream operations are
 * Stream methods returning Optional, and every origin phrase fills the catalog template.
 */
class NullEscapingOptionalKnowledgeTest {

  @Test
  void everyNullReturningMethodExistsWithThatArityAndReturnsAReference() throws Exception {
    for (NullReturning entry : NULL_RETURNING_METHODS) {
      Class<?> owner = Class.forName(entry.method().owner());
      boolean found = false;
      for (Method m : owner.getMethods()) {
        if (m.getName().equals(entry.method().name())
            && (entry.arity() == ANY_ARITY || m.getParameterCount() == entry.arity())) {
          assertTrue(!m.getReturnType().isPrimitive(), entry + " returns a primitive");
          found = true;
        }
      }
      assertTrue(found, entry + " is no public method of the running JDK");
    }
  }

  @Test
  void optionalMethodsExist() throws Exception {
    Class<?> optional = Class.forName(OPTIONAL);
    assertEquals(Optional.class, optional);
    for (MethodRef ref : new MethodRef[] {OPTIONAL_OF, OPTIONAL_OR_ELSE, OPTIONAL_OR_ELSE_GET}) {
      assertEquals(OPTIONAL, ref.owner());
      assertTrue(Arrays.stream(optional.getMethods()).anyMatch(m -> m.getName().equals(ref.name())), ref.toString());
    }
  }

  @Test
  void pickingOperationsAreStreamMethodsReturningOptionalThatThrowOnANullElement() throws Exception {
    assertEquals(Stream.class, Class.forName(STREAM));
    for (String name : STREAM_PICKING_OPERATIONS) {
      assertTrue(
          Arrays.stream(Stream.class.getMethods())
              .anyMatch(m -> m.getName().equals(name) && m.getReturnType() == Optional.class),
          name);
    }
    // What the knowledge claims, on the running JDK:
    assertThrows(NullPointerException.class, () -> Stream.of((String) null).findFirst());
    assertThrows(NullPointerException.class, () -> Stream.of((String) null).findAny());
    assertThrows(
        NullPointerException.class,
        () -> Stream.of("a", null).min(java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder())));
    assertThrows(
        NullPointerException.class,
        () -> Stream.of("a", null).max(java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder())));
    for (String name : STREAM_NULL_REMOVING_OPERATIONS) {
      assertTrue(Arrays.stream(Stream.class.getMethods()).anyMatch(m -> m.getName().equals(name)), name);
    }
  }

  @Test
  void annotationNamesAreBinaryNamesOfAnnotationsCalledNullableOrCheckForNull() {
    for (String name : NULLABLE_ANNOTATIONS) {
      assertTrue(name.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.(Nullable|CheckForNull)"), name);
    }
  }

  @Test
  void emptinessTestNamesPointOneWayEach() {
    for (String name : NULL_OR_EMPTY_TESTS) {
      assertTrue(!NOT_NULL_OR_EMPTY_TESTS.contains(name), name + " cannot mean both");
      assertTrue(name.matches("is(Null)?(Or)?(Empty|Blank|NullOrEmpty|NullOrBlank)?"), name);
    }
    for (String name : NOT_NULL_OR_EMPTY_TESTS) {
      assertTrue(name.matches("(isNot|has|not)(Empty|Blank|Text|Length)"), name);
    }
  }

  @Test
  void arityBelowAnyIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new NullReturning(new MethodRef("java.util.Map", "get"), -2));
  }
}
