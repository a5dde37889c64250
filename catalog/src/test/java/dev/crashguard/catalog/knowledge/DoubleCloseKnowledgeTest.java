package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.knowledge.DoubleCloseKnowledge.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the DoubleClose knowledge to the JDK that runs the build, beyond "every name exists"
 * ({@code JdkKnowledgeTest}): the lists say what the JDK does. Releases throw when repeated, try-acquires
 * answer with a boolean or a stamp, the idempotent types are closeable and really ignore a second close,
 * the types usable after close really are, and each closing wrapper takes what it wraps as its first
 * constructor argument. Netty's entries are not on the catalog's class path; the corpus and its crash
 * proofs (testdata) compile and run against Netty.
 */
class DoubleCloseKnowledgeTest {

  @Test
  void aSecondReleaseOfEachJdkLockThrows() {
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    lock.unlock();
    assertThrows(IllegalMonitorStateException.class, lock::unlock);

    ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    rw.readLock().lock();
    rw.readLock().unlock();
    assertThrows(IllegalMonitorStateException.class, () -> rw.readLock().unlock());
    rw.writeLock().lock();
    rw.writeLock().unlock();
    assertThrows(IllegalMonitorStateException.class, () -> rw.writeLock().unlock());

    StampedLock sl = new StampedLock();
    long stamp = sl.writeLock();
    sl.unlockWrite(stamp);
    assertThrows(IllegalMonitorStateException.class, () -> sl.unlockWrite(stamp));
    assertThrows(IllegalMonitorStateException.class, () -> sl.unlock(0L), "the stamp of a failed try-acquire");

    assertEquals(List.of(LOCK, LOCK, STAMPED_LOCK, STAMPED_LOCK, STAMPED_LOCK, STAMPED_LOCK),
        LOCK_ACQUIRES.stream().map(MethodRef::owner).toList());
    for (MethodRef release : LOCK_RELEASES) {
      assertTrue(methods(release).allMatch(m -> m.getReturnType() == void.class), release + " returns void");
    }
  }

  @Test
  void tryAcquiresAnswerAndHeldTestsAsk() {
    for (MethodRef ref : LOCK_TRY_ACQUIRES) {
      assertTrue(methods(ref).allMatch(m -> m.getReturnType() == boolean.class || m.getReturnType() == long.class),
          ref + " answers with a boolean or a stamp");
    }
    for (MethodRef ref : LOCK_HELD_TESTS) {
      assertTrue(methods(ref).allMatch(m -> m.getReturnType() == boolean.class || m.getReturnType() == int.class),
          ref + " answers with a boolean or a count");
    }
    for (MethodRef ref : LOCK_VIEWS) {
      assertTrue(methods(ref).allMatch(m -> java.util.concurrent.locks.Lock.class.isAssignableFrom(m.getReturnType())
          || java.util.concurrent.locks.ReadWriteLock.class.isAssignableFrom(m.getReturnType())), ref.toString());
    }
    ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    assertTrue(rw.writeLock() == rw.writeLock(), "a lock view is the same lock on every call");
  }

  @Test
  void idempotentCloseablesAreCloseableAndIgnoreASecondClose() throws Exception {
    for (String name : IDEMPOTENT_CLOSEABLES) {
      assertTrue(AutoCloseable.class.isAssignableFrom(Class.forName(name)), name);
    }
    for (String name : NON_IDEMPOTENT_CLOSEABLES) {
      Class<?> type = Class.forName(name);
      assertTrue(AutoCloseable.class.isAssignableFrom(type), name);
      assertFalse(Closeable.class.isAssignableFrom(type), name + " is no Closeable: a Closeable promises idempotence");
      assertTrue(IDEMPOTENT_CLOSEABLES.stream().noneMatch(i -> isA(type, i)), name + " is not idempotent");
    }
    BufferedReader reader = new BufferedReader(new StringReader("x"));
    reader.close();
    reader.close();
    Stream<String> stream = Stream.of("x").onClose(() -> {});
    stream.close();
    stream.close();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Method close = ExecutorService.class.getMethod("close"); // Java 19+; the catalog compiles for 17
    close.invoke(pool);
    close.invoke(pool);
    assertTrue(pool.isTerminated());
  }

  @Test
  void typesUsableAfterCloseAreExactClosableClassesThatKeepWorking() throws Exception {
    for (String name : USABLE_AFTER_CLOSE) {
      assertTrue(isA(Class.forName(name), "java.io.Closeable"), name);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.close();
    bytes.write(1);
    assertEquals(1, bytes.toByteArray().length);
    StringWriter text = new StringWriter();
    text.close();
    text.write("x");
    assertEquals("x", text.toString());
    PrintWriter print = new PrintWriter(new StringWriter());
    print.close();
    print.print("lost");
    assertTrue(print.checkError(), "a closed PrintWriter does not throw, it records the error");

    BufferedReader reader = new BufferedReader(new StringReader("x"));
    reader.close();
    assertEquals("Stream closed", assertThrows(IOException.class, reader::readLine).getMessage());
    for (String name : CLOSED_USE_THROWING_TYPES) {
      assertTrue(isA(Class.forName(name), AUTO_CLOSEABLE), name);
    }
  }

  @Test
  void closingWrappersTakeTheWrappedResourceFirst() throws Exception {
    for (String name : CLOSING_WRAPPERS) {
      Class<?> type = Class.forName(name);
      assertTrue(Closeable.class.isAssignableFrom(type), name);
      assertTrue(
          Arrays.stream(type.getDeclaredConstructors())
              .filter(c -> !Modifier.isPrivate(c.getModifiers()))
              .anyMatch(c -> c.getParameterCount() > 0 && Closeable.class.isAssignableFrom(c.getParameterTypes()[0])),
          name + " has a constructor whose first parameter is the resource it wraps");
    }
    for (MethodRef ref : CLOSING_WRAPPER_FACTORIES) {
      assertTrue(methods(ref).allMatch(m -> Modifier.isStatic(m.getModifiers())
          && Closeable.class.isAssignableFrom(m.getReturnType())), ref.toString());
    }
  }

  @Test
  void netty() {
    for (List<MethodRef> list :
        List.of(OWNERSHIP_TAKING_CALLS, RETAINED_DERIVATIONS, SHARED_COUNT_DERIVATIONS, NON_OWNING_CALLS,
            AUTO_RELEASED_PARAMETER_METHODS, RELEASE_ON_CLOSE_STREAMS, REFCOUNT_STATIC_RELEASES, REFCOUNT_RETAINS)) {
      for (MethodRef ref : list) {
        assertTrue(ref.owner().startsWith("io.netty."), ref + ": Netty only in the Netty lists");
      }
    }
    assertEquals(REFERENCE_COUNTED, REFCOUNT_RELEASE.owner());
    assertTrue(AUTO_RELEASE_SWITCH.isConstructor());
  }

  private static boolean isA(Class<?> type, String name) {
    try {
      return Class.forName(name).isAssignableFrom(type);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The public methods of the running JDK that a MethodRef names; at least one. */
  private static Stream<Method> methods(MethodRef ref) {
    try {
      List<Method> found =
          Arrays.stream(Class.forName(ref.owner()).getMethods()).filter(m -> m.getName().equals(ref.name())).toList();
      assertFalse(found.isEmpty(), ref + " is no public method");
      return found.stream();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(ref.owner(), e);
    }
  }
}
