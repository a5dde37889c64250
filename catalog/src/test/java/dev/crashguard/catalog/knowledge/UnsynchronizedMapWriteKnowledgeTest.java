package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the library knowledge to the JDK that runs the build (21 or newer, so that the sequenced
 * collections of Java 21 are there): every JDK class and method named exists, and the parallel-stream
 * sets cover exactly the stream operations that take a function.
 */
class UnsynchronizedMapWriteKnowledgeTest {

  @Test
  void unsafeCollectionsAreConcreteJdkMapsAndSets() throws Exception {
    for (String name : UNSAFE_COLLECTIONS) {
      Class<?> type = Class.forName(name);
      assertTrue(!type.isInterface() && !Modifier.isAbstract(type.getModifiers()), name);
      assertTrue(
          java.util.Map.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type), name);
    }
  }

  @Test
  void everyWriteMethodExistsOnAnUnsafeCollectionOrAnIterator() throws Exception {
    List<Class<?>> owners = unsafeClassesAnd(Iterator.class);
    for (String method : WRITE_METHODS) {
      assertTrue(hasPublicMethod(owners, method), method + " is no method of " + owners);
    }
  }

  @Test
  void everyViewMethodExistsOnAnUnsafeCollectionAndReturnsACollectionOrIterator() throws Exception {
    List<Class<?>> owners = unsafeClassesAnd();
    for (String method : VIEW_METHODS) {
      boolean found = false;
      for (Class<?> owner : owners) {
        for (Method m : owner.getMethods()) {
          if (m.getName().equals(method)
              && (java.util.Map.class.isAssignableFrom(m.getReturnType())
                  || java.util.Collection.class.isAssignableFrom(m.getReturnType())
                  || Iterator.class.isAssignableFrom(m.getReturnType()))) {
            found = true;
          }
        }
      }
      assertTrue(found, method + " returns no view on " + owners);
    }
  }

  @Test
  void typesNamedAreWhatTheirNamesSay() throws Exception {
    assertTrue(Class.forName(ASYNC_STAGE_TYPE).isInterface());
    assertTrue(Runnable.class.isAssignableFrom(Class.forName(THREAD_TYPE)));
  }

  /**
   * Every instance operation of the four stream types that takes a {@code @FunctionalInterface} argument
   * is either concurrent or serial, and no operation is both: a new JDK operation fails here until it is
   * sorted into one of the two sets.
   */
  @Test
  void streamOperationSetsPartitionTheJdksOperationsThatTakeAFunction() {
    Set<String> takesFunction = new TreeSet<>();
    for (Class<?> type :
        List.of(Stream.class, java.util.stream.IntStream.class, java.util.stream.LongStream.class,
            java.util.stream.DoubleStream.class)) {
      for (Method m : type.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers())
            && Stream.of(m.getParameterTypes()).anyMatch(p -> p.isAnnotationPresent(FunctionalInterface.class))) {
          takesFunction.add(m.getName());
        }
      }
    }
    Set<String> both = new TreeSet<>(CONCURRENT_STREAM_OPERATIONS);
    both.retainAll(SERIAL_STREAM_OPERATIONS);
    assertEquals(Set.of(), both, "both concurrent and serial");
    Set<String> sorted = new TreeSet<>(CONCURRENT_STREAM_OPERATIONS);
    sorted.addAll(SERIAL_STREAM_OPERATIONS);
    assertEquals(takesFunction, sorted);
  }

  @Test
  void lockSetsNameOnlyExclusiveLocks() {
    for (List<MethodRef> set : List.of(LOCK_ACQUIRES, LOCK_TRY_ACQUIRES, LOCK_RELEASES)) {
      for (MethodRef ref : set) {
        assertTrue(!ref.name().toLowerCase(java.util.Locale.ROOT).contains("read"), ref + " is a read lock");
      }
    }
  }

  @Test
  void methodRefsSpellTheirNames() {
    MethodRef builder = new MethodRef("java.lang.Thread$Builder", "start");
    assertEquals("java.lang.Thread.Builder", builder.canonicalOwner());
    assertEquals("java/lang/Thread$Builder", builder.internalOwner());
    assertEquals("java.lang.Thread$Builder#start", builder.toString());
    assertEquals(Set.of("run", "call"), names(THREAD_ENTRY_METHODS));
  }

  @Test
  void testDoublesAreNamedByWholeWords() {
    for (String name : List.of("FakeTicker", "MockClock", "StubResolver", "ClockStub", "Fake", "Dummy_Cache", "Outer$SpyListener")) {
      assertTrue(namesATestDouble(name), name);
    }
    for (String name : List.of("Stubborn", "Mockingbird", "Spyglass", "Counter", "DefaultSpyder")) {
      assertTrue(!namesATestDouble(name), name);
    }
  }

  private static List<Class<?>> unsafeClassesAnd(Class<?>... more) throws ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : UNSAFE_COLLECTIONS) {
      classes.add(Class.forName(name));
    }
    classes.addAll(List.of(more));
    return classes;
  }

  private static boolean hasPublicMethod(List<Class<?>> owners, String name) {
    return owners.stream().flatMap(o -> Stream.of(o.getMethods())).anyMatch(m -> m.getName().equals(name));
  }
}
