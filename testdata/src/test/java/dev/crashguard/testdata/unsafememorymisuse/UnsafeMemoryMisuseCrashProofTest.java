package dev.crashguard.testdata.unsafememorymisuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.testdata.CrashEvidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proofs for the native-memory half of {@code UnsafeMemoryMisuse}: the corpus' own noncompliant
 * methods, each run once in a JVM of its own ({@link UnsafeFork}, {@link UnsafeCases}), die as glibc and
 * HotSpot make them die on Linux x86_64 (glibc 2.36, the toolchain's JDK, Temurin 25 here); their fixed and
 * compliant twins, run together in one more JVM, end normally with the values they should compute. The
 * leaks are measured by the JVM's own Native Memory Tracking.
 *
 * <p>Two ways to die, told apart by what they leave:
 *
 * <ul>
 *   <li><b>glibc aborts</b> (its heap checks found a double free or a corrupted chunk): glibc prints its
 *       message on stderr and raises SIGABRT, which HotSpot does not handle: exit status 134 (128 + 6), no
 *       hs_err file.
 *   <li><b>SIGSEGV</b> (a freed and unmapped block, an address nothing is mapped at): HotSpot's handler
 *       writes the hs_err file ({@code -XX:ErrorFile} in the case's directory) whose "Problematic frame"
 *       names the native code that faulted ({@code Unsafe_GetLong}, {@code Unsafe_PutLong}, libc's {@code
 *       __libc_free}, a copy or fill stub) and whose "Java frames" name the corpus method; with core dumps
 *       off the JVM then exits with status 1.
 * </ul>
 *
 * <p>What is deterministic and what is not, on this machine (every case was also run eight times in a row
 * while this test was written, with the same outcome each time unless said otherwise):
 *
 * <ul>
 *   <li>A block of {@link UnsafeCases#BIG} (16 MiB) is mmapped by glibc and unmapped by its free, so a use
 *       or second free after it faults for certain. A small block goes to the freeing thread's tcache:
 *       a second free is caught by the tcache key ("free(): double free detected in tcache 2"); in general
 *       glibc catches it only while the chunk is still there (a full bin sends it to a fastbin, whose check
 *       sees only the top entry), so the proof accepts either of glibc's double-free messages.
 *   <li>Reading a small freed block returns glibc's free-list pointer instead of the value written:
 *       deterministic (the tcache entry's first word is always overwritten), the value itself is not.
 *   <li>Writing into a freed small block whose result was dropped ({@code realloc-result-dropped} with 16
 *       bytes) is found only when the thread exits and glibc walks its tcache: the case returns normally
 *       first. How it dies depends on the pointer glibc decodes from the word the write left (the chunk
 *       address {@code >> 12} XOR the value written): unaligned, glibc aborts ("tcache_thread_shutdown():
 *       unaligned tcache chunk detected", exit 134; every run from a shell); aligned, glibc follows it and
 *       faults in libc reading the bogus chunk (hs_err, si_addr = that pointer, exit 1; half of the runs
 *       under surefire, where the arena lies elsewhere).
 *       The proof accepts exactly these two deaths, after the case returned.
 *   <li>The 4096-byte fill of a 16-byte block: glibc's next malloc always aborts ("malloc assertion failure
 *       in sysmalloc"); whether the fill itself reaches unmapped memory first (SIGSEGV in {@code
 *       StubRoutines::unsafe_setmemory}, then the abort while HotSpot writes the hs_err file) depends on
 *       where the block lies: 7 runs in 8 from a shell, every run under surefire. The proof asserts the
 *       abort, and the fault's frame when there is an hs_err file.
 * </ul>
 */
class UnsafeMemoryMisuseCrashProofTest {

  /** A glibc abort: SIGABRT, not handled by HotSpot. */
  static final int EXIT_SIGABRT = 134;

  /** HotSpot's exit after it wrote the hs_err file, with -XX:-CreateCoredumpOnCrash. */
  static final int EXIT_FATAL_ERROR = 1;

  static final Pattern GLIBC_DOUBLE_FREE =
      Pattern.compile("free\\(\\): double free detected in tcache 2|double free or corruption \\(fasttop\\)");

  @TempDir Path dir;

  @BeforeAll
  static void linuxX64() {
    assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "the symptoms are glibc's and HotSpot's on Linux x86_64");
    System.out.println("UnsafeMemoryMisuse forks run " + UnsafeFork.javaBinary() + " (test JVM "
        + Runtime.version() + ")");
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  private final Map<String, UnsafeFork> forks = new LinkedHashMap<>();

  private void start(String name, String... args) throws Exception {
    forks.put(name, UnsafeFork.start(dir, name, List.of(), args));
  }

  private void start(String name, List<String> flags, String... args) throws Exception {
    forks.put(name, UnsafeFork.start(dir, name, flags, args));
  }

  /** Waits for every started fork (each within its bound) and prints one line per fork. */
  private Map<String, UnsafeFork.Outcome> awaitAll() throws Exception {
    Map<String, UnsafeFork.Outcome> outcomes = new LinkedHashMap<>();
    for (Map.Entry<String, UnsafeFork> e : forks.entrySet()) {
      UnsafeFork.Outcome o = e.getValue().await();
      outcomes.put(e.getKey(), o);
      System.out.println("UnsafeMemoryMisuse " + o.summary());
    }
    for (UnsafeFork.Outcome o : outcomes.values()) {
      assertFalse(o.timedOut(), o.name() + " did not end within " + UnsafeFork.BOUND_MILLIS + " ms\n" + o.dump());
    }
    return outcomes;
  }

  /**
   * Killed by glibc: status 134, glibc's message on stderr, no hs_err file, the case never returned. The
   * stderr is what explain gets: glibc's message names the heap's failure, and no stack (glibc prints none,
   * HotSpot writes no report): nothing to rank.
   */
  static void assertGlibcAbort(UnsafeFork.Outcome o, Pattern message) {
    assertEquals(EXIT_SIGABRT, o.exit(), "SIGABRT expected\n" + o.dump());
    assertTrue(message.matcher(o.err()).find(), "glibc's " + message + " expected on stderr\n" + o.dump());
    assertFalse(o.hasHsErr(), "glibc's abort is not HotSpot's: no hs_err file\n" + o.dump());
    assertFalse(o.survived(), "the JVM died inside the case\n" + o.dump());
    assertExplainsAbort(o);
  }

  /** The stderr of a JVM that glibc aborted: native heap corruption, and no other hazard. */
  static void assertExplainsAbort(UnsafeFork.Outcome o) {
    CrashEvidence.assertExplains(Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/native-heap-corruption", o.err());
  }

  /**
   * Killed by SIGSEGV: an hs_err file whose problematic frame and Java frames are the expected ones. The
   * hs_err file is what explain gets: a fatal error with Unsafe on the crashing thread's stack, and the
   * corpus method below it ({@code javaFrame}, {@code Class$Nested.method}) ranks its marker first (the
   * frames are interpreted: no line numbers, the class and method link it).
   */
  static void assertSegv(UnsafeFork.Outcome o, String frame, String javaFrame) {
    assertTrue(o.hasHsErr(), "an hs_err file expected\n" + o.dump());
    assertEquals("SIGSEGV", o.signal(), o.dump());
    assertEquals(EXIT_FATAL_ERROR, o.exit(), o.dump());
    assertNotNull(o.problematicFrame(), o.dump());
    assertTrue(o.problematicFrame().contains(frame), "problematic frame " + frame + " expected\n" + o.dump());
    assertTrue(o.javaFrames().contains(javaFrame), javaFrame + " expected among the Java frames\n" + o.dump());
    assertFalse(o.survived(), "the JVM died inside the case\n" + o.dump());
    Explanation e = CrashEvidence.assertExplains(
        Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/fatal-error-in-unsafe", o.hsErr());
    CrashEvidence.assertRanksFirst(e, corpusClass(javaFrame));
    assertExplainsConsole(o);
  }

  /**
   * The console of a JVM that HotSpot reported dead (its stdout: the header of the hs_err file, no stack):
   * when the problematic frame is Unsafe's own code, that alone names the hazard (nothing to rank); when it
   * is libc's free or a copy stub that other code uses too, the console does not tell, only the hs_err file.
   */
  static void assertExplainsConsole(UnsafeFork.Outcome o) {
    if (UNSAFE_NATIVE.matcher(o.problematicFrame()).find()) {
      CrashEvidence.assertExplains(Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/crash-in-unsafe-native", o.out());
    } else {
      CrashEvidence.assertExplainsNothing("the console of a crash in " + o.problematicFrame()
          + ": no Unsafe frame in the header, the stack is in the hs_err file only", o.out());
    }
  }

  static final Pattern UNSAFE_NATIVE = Pattern.compile("\\bUnsafe_\\w+|StubRoutines::unsafe_");

  /** The corpus class of a Java frame as the proofs name it: {@code DoubleFree$NoncompliantTryAndFinally.sum}. */
  static Class<?> corpusClass(String javaFrame) {
    String name = UnsafeCases.class.getPackageName() + "." + javaFrame.substring(0, javaFrame.lastIndexOf('.'));
    try {
      return Class.forName(name, false, UnsafeCases.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no corpus class " + name, e);
    }
  }

  private static String big() {
    return Integer.toString(UnsafeCases.BIG);
  }

  // ---- the proofs --------------------------------------------------------------------------------------

  @Test
  void doubleFreeAbortsInGlibcOrCrashesInFreeAndTheFixedVersionEndsNormally() throws Exception {
    start("double-free-try-and-finally-64", "double-free-try-and-finally", "64");
    start("double-free-try-and-finally-16MiB", "double-free-try-and-finally", big());
    start("double-free-close-twice", "double-free-close-twice");
    start("double-free-catch-then-after-4", "double-free-catch-then-after", "4");
    Map<String, UnsafeFork.Outcome> o = awaitAll();

    // questdb#2205's shape, small block: the tcache key catches the second free.
    assertGlibcAbort(o.get("double-free-try-and-finally-64"), GLIBC_DOUBLE_FREE);
    assertGlibcAbort(o.get("double-free-close-twice"), GLIBC_DOUBLE_FREE);
    // The error path frees (fill throws for fewer than 8 bytes), the line after the catch frees again.
    assertGlibcAbort(o.get("double-free-catch-then-after-4"), GLIBC_DOUBLE_FREE);
    // Large block: the first free unmapped it, the second reads its chunk header (si_addr = block - 8).
    UnsafeFork.Outcome large = o.get("double-free-try-and-finally-16MiB");
    assertSegv(large, "__libc_free", "DoubleFree$NoncompliantTryAndFinally.sum");
    assertTrue(large.siAddr().endsWith("008"), "the chunk header 8 bytes before the page-aligned block\n" + large.dump());
  }

  @Test
  void useAfterFreeCrashesOnALargeBlockAndReadsGarbageOrAbortsOnASmallOne() throws Exception {
    start("use-after-free-read-16MiB", "use-after-free-read", big());
    start("use-after-free-read-64", "use-after-free-read", "64");
    start("use-after-free-copy-16MiB", "use-after-free-copy", big());
    start("use-after-free-write-on-error", "use-after-free-write-on-error");
    Map<String, UnsafeFork.Outcome> o = awaitAll();

    assertSegv(o.get("use-after-free-read-16MiB"), "Unsafe_GetLong", "UseAfterFree$NoncompliantReadAfterFree.compute");
    // copyMemory0 from the unmapped block into the byte[]: the fault is in the JIT's copy stub.
    UnsafeFork.Outcome copy = o.get("use-after-free-copy-16MiB");
    assertSegv(copy, "StubRoutines::", "UseAfterFree$NoncompliantCopyAfterFree.snapshot");
    assertTrue(copy.javaFrames().contains("jdk.internal.misc.Unsafe.copyMemory0"), copy.dump());

    // Small block: nothing dies, the read returns glibc's free-list word instead of the 42 written.
    UnsafeFork.Outcome small = o.get("use-after-free-read-64");
    assertEquals(0, small.exit(), small.dump());
    assertTrue(small.survived(), small.dump());
    long read = Long.parseLong(small.value("read"));
    assertNotEquals(42L, read, "the freed block no longer holds what was written\n" + small.dump());
    System.out.println("UnsafeMemoryMisuse use-after-free-read-64: 42 written, then freed; read back " + read
        + " = 0x" + Long.toHexString(read) + " (glibc's safe-linking free-list link: the chunk address >> 12, XOR the next free chunk if any)");

    // fail=true: freed, written (over the tcache next pointer), freed again: the tcache key still marks it.
    assertGlibcAbort(o.get("use-after-free-write-on-error"), GLIBC_DOUBLE_FREE);
  }

  @Test
  void reallocationLeavesAFreedAddressThatCrashesWhenUsedOrFreed() throws Exception {
    start("realloc-old-address-freed-16", "realloc-old-address-freed", "16");
    start("realloc-old-address-freed-64", "realloc-old-address-freed", "64");
    start("realloc-old-address-freed-16MiB", "realloc-old-address-freed", big());
    start("realloc-result-dropped-16", "realloc-result-dropped", "16");
    start("realloc-result-dropped-16MiB", "realloc-result-dropped", big());
    Map<String, UnsafeFork.Outcome> o = awaitAll();

    // The block moved, realloc freed the old one into the tcache, the method frees it again.
    assertGlibcAbort(o.get("realloc-old-address-freed-16"), GLIBC_DOUBLE_FREE);
    assertGlibcAbort(o.get("realloc-old-address-freed-64"), GLIBC_DOUBLE_FREE);
    // 16 MiB: mremap moved the mapping; the free of the old address reads an unmapped chunk header.
    assertSegv(o.get("realloc-old-address-freed-16MiB"), "__libc_free", "Reallocation$NoncompliantOldAddressFreed.grow");
    // Result dropped, 16 MiB: the write to the old address hits the unmapped range.
    assertSegv(o.get("realloc-result-dropped-16MiB"), "Unsafe_PutLong", "Reallocation$NoncompliantResultDropped.grow");
    // Result dropped, 16 bytes: the write lands in the freed chunk's tcache link; the method returns, and the
    // JVM dies when the thread exits and glibc walks its tcache.
    UnsafeFork.Outcome small = o.get("realloc-result-dropped-16");
    assertTrue(small.survived(), "the method returns\n" + small.dump());
    if (small.hasHsErr()) {
      assertEquals(EXIT_FATAL_ERROR, small.exit(), small.dump());
      assertEquals("SIGSEGV", small.signal(), small.dump());
      assertTrue(small.problematicFrame().contains("libc.so.6"), "glibc following the decoded pointer\n" + small.dump());
      CrashEvidence.assertExplainsNothing("a fault in glibc as the thread exits, long after the method returned:"
          + " no Unsafe on the crashing thread's stack, nothing in the report names the misuse", small.hsErr());
    } else {
      assertEquals(EXIT_SIGABRT, small.exit(), "the JVM dies after the method returned\n" + small.dump());
      assertTrue(small.err().contains("tcache_thread_shutdown(): unaligned tcache chunk detected"), small.dump());
      assertExplainsAbort(small);
    }
  }

  @Test
  void aFixedNumberUsedAsAnAddressCrashesTheJvm() throws Exception {
    start("absolute-write-to-zero", "absolute-write-to-zero");
    start("absolute-read-constant", "absolute-read-constant");
    start("absolute-null-base-literal", "absolute-null-base-literal");
    Map<String, UnsafeFork.Outcome> o = awaitAll();

    UnsafeFork.Outcome zero = o.get("absolute-write-to-zero");
    assertSegv(zero, "Unsafe_PutLong", "AbsoluteAddresses$NoncompliantWriteToZero.mark");
    assertEquals("0x0000000000000000", zero.siAddr(), zero.dump());
    UnsafeFork.Outcome constant = o.get("absolute-read-constant");
    assertSegv(constant, "Unsafe_GetLong", "AbsoluteAddresses$NoncompliantReadConstant.read");
    assertEquals("0x0000000000001008", constant.siAddr(), constant.dump());
    UnsafeFork.Outcome nullBase = o.get("absolute-null-base-literal");
    assertSegv(nullBase, "Unsafe_GetInt", "AbsoluteAddresses$NoncompliantNullBaseLiteral.read");
    assertEquals("0x0000000000000010", nullBase.siAddr(), nullBase.dump());
  }

  @Test
  void writingPastTheEndOfABlockAbortsAtTheNextMalloc() throws Exception {
    start("length-fill-past-the-end", "length-fill-past-the-end");
    start("length-copy-past-the-end", "length-copy-past-the-end");
    Map<String, UnsafeFork.Outcome> o = awaitAll();

    // 4096 zero bytes from a 16-byte block: glibc's top chunk is wiped; the next malloc's sysmalloc asserts.
    UnsafeFork.Outcome fill = o.get("length-fill-past-the-end");
    assertEquals(EXIT_SIGABRT, fill.exit(), fill.dump());
    assertTrue(fill.err().contains("Fatal glibc error: malloc assertion failure in sysmalloc"), fill.dump());
    assertFalse(fill.survived(), fill.dump());
    assertExplainsAbort(fill);
    if (fill.hasHsErr()) {
      // The fill reached unmapped memory first; HotSpot's report was cut short by the abort.
      assertEquals("SIGSEGV", fill.signal(), fill.dump());
      assertTrue(fill.problematicFrame().contains("unsafe_setmemory"), fill.dump());
      // Cut short before any stack was written: its header, the fault in Unsafe's fill stub, is all it says.
      CrashEvidence.assertExplains(
          Hazard.UNSAFE_MEMORY_MISUSE, "unsafe-memory-misuse/crash-in-unsafe-native", fill.hsErr());
      assertExplainsConsole(fill);
    }
    System.out.println("UnsafeMemoryMisuse length-fill-past-the-end: "
        + (fill.hasHsErr() ? "the fill faulted first (" + fill.problematicFrame() + "), then glibc aborted"
            : "the fill completed; glibc aborted at the next malloc"));

    // 64 bytes of 0x41 into 32: the top chunk's size becomes 0x4141414141414141; the JVM's next malloc aborts.
    UnsafeFork.Outcome copy = o.get("length-copy-past-the-end");
    assertGlibcAbort(copy, Pattern.compile("malloc\\(\\): corrupted top size"));
  }

  @Test
  void theFixedAndCompliantTwinsEndNormally() throws Exception {
    start("holding", "holding");
    UnsafeFork.Outcome o = awaitAll().get("holding");
    assertEquals(0, o.exit(), o.dump());
    assertFalse(o.hasHsErr(), o.dump());
    assertTrue(o.survived(), o.dump());
    // JDK 25 warns on stderr of the deprecated Unsafe methods the twins call: that is no failure.
    CrashEvidence.assertExplainsNothing("the fixed and compliant twins, stderr", o.err());
    CrashEvidence.assertExplainsNothing("the fixed and compliant twins, stdout", o.out());
    long ones = 0x0101010101010101L; // setMemory(..., (byte) 1) read as a long
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("DoubleFree.FixedTryAndFinally.sum(64)", Long.toString(ones));
    expected.put("DoubleFree.FixedTryAndFinally.sum(BIG)", Long.toString(ones));
    expected.put("DoubleFree.CompliantZeroedAfterFree.closeTwice()", "returned");
    expected.put("DoubleFree.CompliantBranchesAndReuse.run(true,64)", "0");
    expected.put("DoubleFree.CompliantBranchesAndReuse.run(false,64)", "7");
    expected.put("UseAfterFree.FixedReadAfterFree.compute(64)", "42");
    expected.put("UseAfterFree.FixedReadAfterFree.compute(BIG)", "42");
    expected.put("UseAfterFree.CompliantUseThenFree.compute(BIG)", "42");
    expected.put("UseAfterFree.CompliantReassigned.twice()", "2");
    expected.put("Reallocation.FixedResultDropped.grow(BIG,2*BIG) reads back", Long.toString(2L * UnsafeCases.BIG));
    expected.put("Reallocation.CompliantAssignedBack.grow(BIG) reads back", Long.toString(UnsafeCases.BIG));
    expected.put("AbsoluteAddresses.FixedWriteToZero.mark()", "returned");
    expected.put("AbsoluteAddresses.CompliantAllocatedAddresses.roundTrip(5)", "11");
    expected.put("LengthOverflow.FixedFillPastTheEnd.clear()", "returned");
    expected.put("LengthOverflow.CompliantWithinTheSize.clear(4096)", "returned");
    expected.put("churned", "true");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), o.value(e.getKey()), e.getKey() + "\n" + o.dump());
    }
    System.out.println("UnsafeMemoryMisuse holding: " + expected.size() + " fixed/compliant calls returned "
        + expected + ", exit 0");
  }

  @Test
  void everyLeakingCallGrowsNmtOtherByItsSizeAndTheFixedVersionStaysFlat() throws Exception {
    start("leak", List.of("-XX:NativeMemoryTracking=summary"), "leak");
    UnsafeFork.Outcome o = awaitAll().get("leak");
    assertEquals(0, o.exit(), o.dump());

    List<String> report = new ArrayList<>();
    long mib = UnsafeCases.MIB;
    assertGrowth(o, "scratch-never-freed", UnsafeCases.LEAK_CALLS, mib, report);
    assertGrowth(o, "freed-only-on-the-normal-path", UnsafeCases.LEAK_CALLS, mib, report);
    assertGrowth(o, "freed-on-one-branch", UnsafeCases.SMALL_CALLS, 64, report);
    assertGrowth(o, "dropped-at-once", UnsafeCases.SMALL_CALLS, 16, report);
    assertGrowth(o, "check-throws-before-free", UnsafeCases.SMALL_CALLS, 8, report);
    // the helper that frees, the loop that frees the previous block, the assert, and the check that passes
    assertFlat(o, "compliant-helper-loop-assert", report);
    assertFlat(o, "fixed-scratch-never-freed", report);
    assertFlat(o, "compliant-freed-in-finally", report);
    assertFlat(o, "compliant-handed-away", report);
    assertFlat(o, "freed-on-one-branch-other-branch", report);
    report.forEach(line -> System.out.println("UnsafeMemoryMisuse NMT " + line));
  }

  /** {@code before after countBefore countAfter} of NMT's Other malloc line around the case. */
  private static long[] nmt(UnsafeFork.Outcome o, String name) {
    String v = o.value("leak." + name);
    assertNotNull(v, "no NMT line for " + name + "\n" + o.dump());
    String[] f = v.split(" ");
    return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
  }

  private static void assertGrowth(UnsafeFork.Outcome o, String name, int calls, long size, List<String> report) {
    long[] n = nmt(o, name);
    long grown = n[1] - n[0];
    long blocks = n[3] - n[2];
    String line = name + ": Other malloc " + n[0] + " -> " + n[1] + " bytes (+" + grown + " = " + calls + " x "
        + size + " expected), blocks #" + n[2] + " -> #" + n[3];
    assertTrue(grown >= calls * size && grown < calls * size + 64 * 1024, line);
    assertTrue(blocks >= calls, line);
    report.add(line);
  }

  private static void assertFlat(UnsafeFork.Outcome o, String name, List<String> report) {
    long[] n = nmt(o, name);
    String line = name + ": Other malloc " + n[0] + " -> " + n[1] + " bytes, blocks #" + n[2] + " -> #" + n[3];
    assertTrue(n[1] - n[0] < 64 * 1024 && n[3] - n[2] < 16, "flat expected: " + line);
    report.add(line);
  }
}
