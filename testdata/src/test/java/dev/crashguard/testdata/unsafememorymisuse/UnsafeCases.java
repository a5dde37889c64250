package dev.crashguard.testdata.unsafememorymisuse;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import sun.misc.Unsafe;

/**
 * The forked JVM's entry point: {@code UnsafeCases <case> [size]} calls the corpus method that the case
 * names, once, as its incident did, prints what it returned as {@code key=value} lines and then {@link
 * #CASE_RETURNED}, and lets main return. A case that kills the JVM never prints the marker (or prints it
 * and dies later, at the next malloc or at thread exit). Nothing here retypes corpus code: every case is a
 * call of a corpus method; around it stand only what a caller does (allocate the block a method takes,
 * free the block a method returns) and {@link #churn()}, the next mallocs of a running program.
 */
public final class UnsafeCases {

  static final String CASE_RETURNED = "CASE-RETURNED";

  static final int MIB = 1 << 20;

  /** Above glibc's largest dynamic mmap threshold (32 MiB on 64-bit is the cap; 16 MiB is mmapped from a
   * fresh process, whose threshold is 128 KiB until a large mmapped chunk is freed), so freed = unmapped. */
  static final int BIG = 16 * MIB;

  private static final Unsafe U = GettingUnsafe.CompliantTheUnsafeField.UNSAFE;

  private UnsafeCases() {}

  interface Case {
    void run(int size) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Case c = cases().get(args[0]);
    if (c == null) {
      throw new IllegalArgumentException("no case " + args[0] + "; cases: " + cases().keySet());
    }
    c.run(args.length > 1 ? Integer.parseInt(args[1]) : 0);
    System.out.println(CASE_RETURNED);
    System.out.flush();
  }

  static void print(String key, Object value) {
    System.out.println(key + "=" + value);
    System.out.flush();
  }

  /** The next mallocs and frees of a program that goes on running: a few rounds of assorted sizes. */
  static void churn() {
    long[] blocks = new long[64];
    for (int round = 0; round < 16; round++) {
      for (int i = 0; i < blocks.length; i++) {
        blocks[i] = U.allocateMemory(16L + 24L * i);
      }
      for (long b : blocks) {
        U.freeMemory(b);
      }
    }
    print("churned", true);
  }

  static Map<String, Case> cases() {
    Map<String, Case> cases = new LinkedHashMap<>();

    // ---- DoubleFree ----
    cases.put("double-free-try-and-finally", size -> print("sum", new DoubleFree.NoncompliantTryAndFinally().sum(size)));
    cases.put("double-free-close-twice", size -> new DoubleFree.NoncompliantCloseTwice().reset());
    cases.put("double-free-catch-then-after", size -> print("value", new DoubleFree.NoncompliantCatchThenAfter().load(size)));

    // ---- UseAfterFree ----
    cases.put("use-after-free-read", size -> print("read", new UseAfterFree.NoncompliantReadAfterFree().compute(size)));
    cases.put("use-after-free-copy", size -> {
      byte[] copy = new UseAfterFree.NoncompliantCopyAfterFree().snapshot(size);
      print("copied", Arrays.toString(Arrays.copyOf(copy, 16)));
    });
    cases.put("use-after-free-write-on-error", size -> new UseAfterFree.NoncompliantWriteAfterFreeOnError().store(42L, true));

    // ---- Reallocation ----
    cases.put("realloc-old-address-freed", size -> {
      long grown = new Reallocation.NoncompliantOldAddressFreed().grow(size);
      print("grown", Long.toHexString(grown));
      U.freeMemory(grown); // the caller owns the block the method returned
    });
    cases.put("realloc-result-dropped", size -> {
      long address = U.allocateMemory(size); // the caller's block
      long kept = new Reallocation.NoncompliantResultDropped().grow(address, 2L * size);
      print("kept", Long.toHexString(kept));
    });

    // ---- AbsoluteAddresses ----
    cases.put("absolute-write-to-zero", size -> new AbsoluteAddresses.NoncompliantWriteToZero().mark());
    cases.put("absolute-read-constant", size -> print("read", new AbsoluteAddresses.NoncompliantReadConstant().read()));
    cases.put("absolute-null-base-literal", size -> print("read", new AbsoluteAddresses.NoncompliantNullBaseLiteral().read()));

    // ---- LengthOverflow ----
    cases.put("length-fill-past-the-end", size -> {
      new LengthOverflow.NoncompliantFillPastTheEnd().clear();
      print("cleared", true);
      churn();
    });
    cases.put("length-copy-past-the-end", size -> {
      byte[] source = new byte[64];
      Arrays.fill(source, (byte) 0x41);
      new LengthOverflow.NoncompliantCopyPastTheEnd().copy(source);
      print("copied", true);
      churn();
    });

    // ---- the fixed and compliant twins of everything above, in one JVM that must end normally ----
    cases.put("holding", size -> holding());

    // ---- FieldOffsets: a static field's offset with an instance as the base ----
    cases.put("static-offset-on-instance", size -> staticOffsetOnInstance());

    // ---- FieldOffsets and ArrayOffsets under the layout of this JVM's flags ----
    cases.put("layout", size -> layout());

    // ---- AllocationLeak, measured by NMT ----
    cases.put("leak", size -> leak());
    return cases;
  }

  static void holding() throws Exception {
    print("DoubleFree.FixedTryAndFinally.sum(64)", new DoubleFree.FixedTryAndFinally().sum(64));
    print("DoubleFree.FixedTryAndFinally.sum(BIG)", new DoubleFree.FixedTryAndFinally().sum(BIG));
    new DoubleFree.CompliantZeroedAfterFree().closeTwice();
    print("DoubleFree.CompliantZeroedAfterFree.closeTwice()", "returned");
    print("DoubleFree.CompliantBranchesAndReuse.run(true,64)", new DoubleFree.CompliantBranchesAndReuse().run(true, 64));
    print("DoubleFree.CompliantBranchesAndReuse.run(false,64)", new DoubleFree.CompliantBranchesAndReuse().run(false, 64));

    print("UseAfterFree.FixedReadAfterFree.compute(64)", new UseAfterFree.FixedReadAfterFree().compute(64));
    print("UseAfterFree.FixedReadAfterFree.compute(BIG)", new UseAfterFree.FixedReadAfterFree().compute(BIG));
    print("UseAfterFree.CompliantUseThenFree.compute(BIG)", new UseAfterFree.CompliantUseThenFree().compute(BIG));
    print("UseAfterFree.CompliantReassigned.twice()", new UseAfterFree.CompliantReassigned().twice());

    long address = U.allocateMemory(BIG);
    long grown = new Reallocation.FixedResultDropped().grow(address, 2L * BIG);
    print("Reallocation.FixedResultDropped.grow(BIG,2*BIG) reads back", U.getLong(grown));
    U.freeMemory(grown);
    long assigned = new Reallocation.CompliantAssignedBack().grow(BIG);
    print("Reallocation.CompliantAssignedBack.grow(BIG) reads back", U.getLong(assigned));
    U.freeMemory(assigned);

    new AbsoluteAddresses.FixedWriteToZero().mark();
    print("AbsoluteAddresses.FixedWriteToZero.mark()", "returned");
    print("AbsoluteAddresses.CompliantAllocatedAddresses.roundTrip(5)", new AbsoluteAddresses.CompliantAllocatedAddresses().roundTrip(5));

    new LengthOverflow.FixedFillPastTheEnd().clear();
    print("LengthOverflow.FixedFillPastTheEnd.clear()", "returned");
    new LengthOverflow.CompliantWithinTheSize().clear(4096);
    print("LengthOverflow.CompliantWithinTheSize.clear(4096)", "returned");
    churn();
  }

  static void staticOffsetOnInstance() {
    FieldOffsets.NoncompliantStaticOffsetOnInstance bumper = new FieldOffsets.NoncompliantStaticOffsetOnInstance();
    print("staticFieldOffset", FieldOffsets.NoncompliantStaticOffsetOnInstance.INSTANCES);
    print("instancesBefore", FieldOffsets.Counter.instances);
    // The object the write starts from, and the next object allocated after it in the same TLAB.
    FieldOffsets.Counter counter = new FieldOffsets.Counter();
    long[] neighbour = new long[32];
    bumper.bump(counter);
    print("instancesAfter", FieldOffsets.Counter.instances);
    print("counterCountAfter", counter.count);
    StringBuilder changed = new StringBuilder();
    for (int i = 0; i < neighbour.length; i++) {
      if (neighbour[i] != 0) {
        changed.append(changed.length() == 0 ? "" : ",").append(i).append(':').append(neighbour[i]);
      }
    }
    print("neighbourChanged", changed);
    new FieldOffsets.FixedStaticOffsetOnInstance().bump();
    print("instancesAfterFixed", FieldOffsets.Counter.instances);
  }

  static void layout() {
    print("fieldOffset", U.objectFieldOffset(FieldOffsets.field(FieldOffsets.Counter.class, "count")));
    FieldOffsets.Counter counter = new FieldOffsets.Counter();
    counter.count = 42;
    print("literalFieldRead", new FieldOffsets.NoncompliantLiteralOffset().read(counter));
    print("fixedFieldRead", new FieldOffsets.FixedLiteralOffset().read(counter));

    FieldOffsets.Point point = new FieldOffsets.Point();
    point.x = 7;
    point.y = 9;
    print("otherClassRead", new FieldOffsets.NoncompliantOffsetOfOtherClass().read(point));
    print("pointXOffset", U.objectFieldOffset(FieldOffsets.field(FieldOffsets.Point.class, "x")));

    int[] ints = {11, 22, 33};
    print("intBase", U.arrayBaseOffset(int[].class));
    print("literalArrayRead", new ArrayOffsets.NoncompliantLiteralArrayOffset().first(ints));
    print("fixedArrayRead", new ArrayOffsets.FixedLiteralArrayOffset().first(ints));

    byte[] utf8 = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    print("byteBase", Unsafe.ARRAY_BYTE_BASE_OFFSET);
    print("charBase", Unsafe.ARRAY_CHAR_BASE_OFFSET);
    print("charBaseOnBytesRead", Long.toHexString(new ArrayOffsets.NoncompliantCharBaseOnBytes().prefix(utf8)));
    print("fixedBytesRead", Long.toHexString(new ArrayOffsets.FixedCharBaseOnBytes().prefix(utf8)));

    long[] longs = {0x1111111122222222L, 0x3333333344444444L, 0x5555555566666666L};
    print("longBase", U.arrayBaseOffset(long[].class));
    print("intLayoutOnLongsRead", Long.toHexString(new ArrayOffsets.NoncompliantIntLayoutOnLongs().at(longs, 1)));
    print("longs1", Long.toHexString(longs[1]));
  }

  /** Calls per leak case, and the size each call leaks. */
  static final int LEAK_CALLS = 32;
  static final int SMALL_CALLS = 1000;

  static void leak() throws Exception {
    byte[] data = new byte[MIB];
    Arrays.fill(data, (byte) 1);
    byte[] negative = new byte[MIB];
    Arrays.fill(negative, (byte) -1);

    measure("scratch-never-freed", () -> {
      for (int i = 0; i < LEAK_CALLS; i++) {
        new AllocationLeak.NoncompliantScratchNeverFreed().hash(data);
      }
    });
    measure("fixed-scratch-never-freed", () -> {
      for (int i = 0; i < LEAK_CALLS; i++) {
        new AllocationLeak.FixedScratchNeverFreed().hash(data);
      }
    });
    measure("freed-only-on-the-normal-path", () -> {
      for (int i = 0; i < LEAK_CALLS; i++) {
        try {
          new AllocationLeak.NoncompliantFreedOnlyOnTheNormalPath().hash(negative);
        } catch (IllegalStateException expected) {
          // the caller handles the bad data; the scratch block is left behind
        }
      }
    });
    measure("dropped-at-once", () -> {
      for (int i = 0; i < SMALL_CALLS; i++) {
        new AllocationLeak.NoncompliantDroppedAtOnce().reserve();
      }
    });
    measure("check-throws-before-free", () -> {
      for (int i = 0; i < SMALL_CALLS; i++) {
        try {
          new AllocationLeak.NoncompliantCheckThrowsBeforeFree().touch(8);
        } catch (IndexOutOfBoundsException expected) {
          // the caller handles the bad index; the block is left behind
        }
      }
    });
    measure("compliant-helper-loop-assert", () -> {
      for (int i = 0; i < SMALL_CALLS; i++) {
        new AllocationLeak.CompliantHelperFrees().run();
        new AllocationLeak.CompliantLoopFreesThePrevious().run(3);
        new AllocationLeak.CompliantAssertBeforeTheTry().read(8);
        new AllocationLeak.NoncompliantCheckThrowsBeforeFree().touch(3);
      }
    });
    measure("compliant-freed-in-finally", () -> {
      for (int i = 0; i < LEAK_CALLS; i++) {
        new AllocationLeak.CompliantFreedInFinally().hash(negative);
      }
    });
    measure("compliant-handed-away", () -> {
      for (int i = 0; i < LEAK_CALLS; i++) {
        // Each escape, then its owner's release: the caller frees a returned address, close() frees the
        // field, the owner handed the address frees it, the NativeBlock frees its own.
        U.freeMemory(AllocationLeak.CompliantHandedAway.allocate(MIB));
        try (AllocationLeak.CompliantHandedAway owner = new AllocationLeak.CompliantHandedAway()) {
          owner.open(MIB);
          owner.lend(MIB, U::freeMemory);
          try (AllocationLeak.NativeBlock block = owner.block(MIB)) {
            block.view();
          }
        }
      }
    });
    measure("freed-on-one-branch", () -> {
      for (int i = 0; i < SMALL_CALLS; i++) {
        new AllocationLeak.NoncompliantFreedOnOneBranch().firstByte(true);
      }
    });
    measure("freed-on-one-branch-other-branch", () -> {
      for (int i = 0; i < SMALL_CALLS; i++) {
        new AllocationLeak.NoncompliantFreedOnOneBranch().firstByte(false);
      }
    });
  }

  interface Body {
    void run() throws Exception;
  }

  private static final Pattern OTHER = Pattern.compile(
      "-\\s+Other \\(reserved=\\d+, committed=\\d+\\)\\s*\\R\\s*\\(malloc=(\\d+)(?: tag=Other)? #(\\d+)");

  /** NMT's "Other" line from {@code VM.native_memory summary scale=b}, as jcmd would print it, run in-process. */
  static long[] otherMalloc() throws Exception {
    String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
        new Object[] {new String[] {"summary", "scale=b"}}, new String[] {String[].class.getName()});
    Matcher m = OTHER.matcher(summary);
    if (!m.find()) {
      throw new IllegalStateException("no Other category in:\n" + summary);
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  /** Prints {@code leak.<name>=<malloc bytes before> <after> <count before> <after>}. */
  static void measure(String name, Body body) throws Exception {
    long[] before = otherMalloc();
    body.run();
    long[] after = otherMalloc();
    print("leak." + name, before[0] + " " + after[0] + " " + before[1] + " " + after[1]);
  }
}
