package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.objectweb.asm.Opcodes.*;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.fixtures.AnnotationFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * What the corpus cannot show for BadAnnotationAttribute: how many findings one bad attribute gives when
 * javac copies it onto several members or keeps it in a container (the corpus keys findings by line), and
 * silence on annotations javac never writes.
 */
class BadAnnotationAttributeTest {

  @Test
  void eachBadAttributeIsReportedOnce() {
    for (Class<?> fixture : AnnotationFixtures.class.getDeclaredClasses()) {
      List<BugInstance> bugs = analyse(classFiles(fixture));
      int expected = fixture == AnnotationFixtures.Suppressed.class ? 0 : 1;
      assertThat(fixture.getSimpleName() + ": " + CrashguardAnalysis.describe(bugs),
          bugs, containsExactly(expected, Bugs.of(Hazard.BAD_ANNOTATION_ATTRIBUTE)));
    }
  }

  /**
   * Bytecode javac never writes: attributes of the wrong type ({@code @Size(min = "x")}, {@code
   * @Pattern(regexp = 5)}), and a bad class-level mapping on a type without a single method (nowhere to
   * report it).
   */
  @Test
  void oddAnnotationsAreSilent(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("odd/OddAnnotations.class");
    Files.createDirectories(file.getParent());
    Files.write(file, oddAnnotations("odd/OddAnnotations"));
    Path bare = dir.resolve("odd/NoMethods.class");
    Files.write(bare, noMethods("odd/NoMethods"));
    assertThat(analyse(file, bare), containsExactly(0, Bugs.of(Hazard.BAD_ANNOTATION_ATTRIBUTE)));
  }

  private static byte[] oddAnnotations(String name) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
    var field = cw.visitField(ACC_PRIVATE, "code", "Ljava/lang/String;", null, null);
    AnnotationVisitor size = field.visitAnnotation("Ljakarta/validation/constraints/Size;", true);
    size.visit("min", "x");
    size.visit("max", "-1");
    size.visitEnd();
    AnnotationVisitor pattern = field.visitAnnotation("Ljakarta/validation/constraints/Pattern;", true);
    pattern.visit("regexp", 5);
    pattern.visitEnd();
    field.visitEnd();
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(Ljava/lang/String;)V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(ALOAD, 0);
    init.visitVarInsn(ALOAD, 1);
    init.visitFieldInsn(PUTFIELD, name, "code", "Ljava/lang/String;");
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static byte[] noMethods(String name) {
    ClassWriter cw = new ClassWriter(0);
    cw.visit(V17, ACC_PUBLIC | ACC_INTERFACE | ACC_ABSTRACT, name, null, "java/lang/Object", null);
    AnnotationVisitor mapping = cw.visitAnnotation("Lorg/springframework/web/bind/annotation/RequestMapping;", true);
    AnnotationVisitor paths = mapping.visitArray("value");
    paths.visit(null, "/users/{id");
    paths.visitEnd();
    mapping.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }
}
