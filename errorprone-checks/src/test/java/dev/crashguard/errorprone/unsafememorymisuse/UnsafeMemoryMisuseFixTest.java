package dev.crashguard.errorprone.unsafememorymisuse;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import dev.crashguard.errorprone.common.CrashguardChecker;
import org.junit.jupiter.api.Test;

/**
 * The one suggested fix, applied: a dropped {@code reallocateMemory} result is assigned back to the variable
 * that held the old address, so that every later use reads the new one. Nothing else is rewritten.
 */
final class UnsafeMemoryMisuseFixTest {

  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(UnsafeMemoryMisuse.class, getClass())
          .setArgs(
              "-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true",
              "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

  @Test
  void aDroppedReallocationIsAssignedBack() {
    helper
        .addInputLines(
            "Grow.java",
            """
            import jdk.internal.misc.Unsafe;

            class Grow {
              static final Unsafe U = Unsafe.getUnsafe();

              long grow(long address, long size) {
                U.reallocateMemory(address, size);
                U.putLong(address, size);
                return address;
              }
            }
            """)
        .addOutputLines(
            "Grow.java",
            """
            import jdk.internal.misc.Unsafe;

            class Grow {
              static final Unsafe U = Unsafe.getUnsafe();

              long grow(long address, long size) {
                address = U.reallocateMemory(address, size);
                U.putLong(address, size);
                return address;
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void aFinalAddressOrAFieldIsLeftAsItIs() {
    helper
        .addInputLines(
            "Keep.java",
            """
            import jdk.internal.misc.Unsafe;

            class Keep {
              static final Unsafe U = Unsafe.getUnsafe();
              long block;

              void grow(final long address, long size) {
                U.reallocateMemory(address, size);
                U.reallocateMemory(block, size);
              }
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
