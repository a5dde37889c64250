package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.objectweb.asm.Opcodes.*;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.fixtures.UnsafeFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * What the corpus does not show for UnsafeMemoryMisuse: which exception paths count as a leak (a call's
 * exception only where the method frees the block on another path; assertions are off), a helper that frees,
 * a loop that frees the previous block, reference arrays sharing one layout, and silence on classes it cannot
 * read.
 */
class UnsafeMemoryMisuseTest {

  private static final String UNSAFE = "sun/misc/Unsafe";

  @Test
  void eachFixtureGivesItsCount() {
    for (Class<?> fixture : UnsafeFixtures.class.getDeclaredClasses()) {
      List<BugInstance> bugs = analyse(classFiles(fixture));
      int expected = fixture.getSimpleName().startsWith("Reported") ? 1 : 0;
      assertThat(fixture.getSimpleName() + ": " + CrashguardAnalysis.describe(bugs),
          bugs, containsExactly(expected, Bugs.of(Hazard.UNSAFE_MEMORY_MISUSE)));
    }
  }

  /**
   * Bytecode whose classes are not on the class path: a base of a missing class with an offset from a missing
   * class's static field, and an objectFieldOffset of a field of a missing class.
   */
  @Test
  void unreadableClassesAreSilent(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("odd/UnsafeOdd.class");
    Files.createDirectories(file.getParent());
    Files.write(file, oddClass("odd/UnsafeOdd"));
    assertThat(analyse(file), containsExactly(0, Bugs.of(Hazard.UNSAFE_MEMORY_MISUSE)));
  }

  private static byte[] oddClass(String name) {
    String unsafe = "L" + UNSAFE + ";";
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(V1_8, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
    cw.visitField(ACC_STATIC | ACC_FINAL, "U", unsafe, null, null).visitEnd();

    MethodVisitor read = cw.visitMethod(ACC_STATIC, "read", "(Lmissing/Base;)I", null, null);
    read.visitCode();
    read.visitFieldInsn(GETSTATIC, name, "U", unsafe);
    read.visitVarInsn(ALOAD, 0);
    read.visitFieldInsn(GETSTATIC, "missing/Offsets", "OFFSET", "J");
    read.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getInt", "(Ljava/lang/Object;J)I", false);
    read.visitInsn(IRETURN);
    read.visitMaxs(0, 0);
    read.visitEnd();

    MethodVisitor offset = cw.visitMethod(ACC_STATIC, "offset", "()J", null, null);
    offset.visitCode();
    offset.visitFieldInsn(GETSTATIC, name, "U", unsafe);
    offset.visitLdcInsn(Type.getObjectType("missing/Gone"));
    offset.visitLdcInsn("value");
    offset.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Class", "getDeclaredField",
        "(Ljava/lang/String;)Ljava/lang/reflect/Field;", false);
    offset.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "objectFieldOffset", "(Ljava/lang/reflect/Field;)J", false);
    offset.visitInsn(LRETURN);
    offset.visitMaxs(0, 0);
    offset.visitEnd();

    cw.visitEnd();
    return cw.toByteArray();
  }
}
