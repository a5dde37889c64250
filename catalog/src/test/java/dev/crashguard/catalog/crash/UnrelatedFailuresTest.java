package dev.crashguard.catalog.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Precision: failures that are no hazard's, produced for real, match no signature. Each is a near miss of
 * some signature (same exception type, or same JDK class) so that a signature too loose shows here.
 */
class UnrelatedFailuresTest {

  /** A field nobody set: a plain NPE, not an Optional's. */
  static final class Holder {
    String name;

    int length() {
      return name.length();
    }
  }

  private static String failure(Executable e) {
    return CrashLogTest.trace(assertThrows(Throwable.class, e));
  }

  private static void assertNoSignature(String why, String log) {
    Explanation e = Explanation.of(CrashLog.parse(log));
    assertEquals(List.of(), e.matches().stream().map(m -> m.signature().id()).toList(), why + ":\n" + log);
  }

  @Test
  void aPlainNullFieldIsNotAnOptionalHazard() {
    assertNoSignature("NPE from a plain null field", failure(() -> new Holder().length()));
    assertNoSignature("NPE from Objects.requireNonNull outside Optional",
        failure(() -> java.util.Objects.requireNonNull(null, "name")));
    assertNoSignature("NPE from a null map key in Map.of", failure(() -> Map.of(null, 1)));
  }

  @Test
  void networkAndFileErrorsAreNotAClosedResource() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    int closedPort = port;
    assertNoSignature("connection refused", failure(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), 2000);
      }
    }));
    assertNoSignature("no such file", failure(() -> new FileInputStream("/nonexistent/crashguard/file").close()));
  }

  @Test
  void monitorAndIterationMisusesOfOtherKindsAreNotTheHazards() {
    Object monitor = new Object();
    assertNoSignature("notify() outside synchronized: a monitor, not a lock released twice", failure(monitor::notify));
    List<String> list = new ArrayList<>(List.of("a", "b", "c"));
    assertNoSignature("a list changed while iterated: not a map",
        failure(() -> list.forEach(s -> list.add(s + "!"))));
    Iterator<String> it = new ArrayList<>(List.of("a")).iterator();
    assertNoSignature("Iterator.remove before next", failure(it::remove));
  }

  @Test
  void parsersFailingOnInputAreNotAnnotationAttributes() {
    assertNoSignature("a regex typed by a user, compiled at run time",
        failure(() -> Pattern.compile("[a-z")));
    assertNoSignature("a bad date pattern in code", failure(() -> java.time.format.DateTimeFormatter.ofPattern("yyyy-bb")));
    assertNoSignature("a number from input", failure(() -> Integer.parseInt("12a")));
  }

  @Test
  void aHealthyThreadDumpAndAnInterruptedWaitMatchNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.submit(() -> {}).get();
    String dump = Jcmd.threadDump(ProcessHandle.current().pid());
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    assertNoSignature("a thread dump of this JVM, with one live pool", dump);
    assertNoSignature("an interrupted wait", failure(() -> {
      Thread.currentThread().interrupt();
      Thread.sleep(10);
    }));
  }

  /** Near misses of DoubleClose's executor and channel signatures: a full pool, a read interrupted. */
  @Test
  void aSaturatedPoolAndAnInterruptedChannelAreNotAResourceUsedAfterClose() throws Exception {
    java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ThreadPoolExecutor full = new java.util.concurrent.ThreadPoolExecutor(
        1, 1, 0, TimeUnit.MILLISECONDS, new java.util.concurrent.SynchronousQueue<>());
    try {
      full.execute(() -> {
        try {
          busy.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertNoSignature("a running pool with no room rejects a task: saturation, not a pool shut down",
          failure(() -> full.execute(() -> {})));
    } finally {
      busy.countDown();
      full.shutdown();
      full.awaitTermination(1, TimeUnit.MINUTES);
    }
    java.nio.file.Path file = java.nio.file.Files.createTempFile("crashguard", ".txt");
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      assertNoSignature("a read interrupted: ClosedByInterruptException, a close during the operation",
          failure(() -> {
            Thread.currentThread().interrupt();
            try {
              channel.read(java.nio.ByteBuffer.allocate(1));
            } finally {
              Thread.interrupted();
            }
          }));
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
