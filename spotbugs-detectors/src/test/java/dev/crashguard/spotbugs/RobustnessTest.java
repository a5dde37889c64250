package dev.crashguard.spotbugs;

import static dev.crashguard.spotbugs.CrashguardAnalysis.analyse;
import static dev.crashguard.spotbugs.CrashguardAnalysis.classFiles;
import static edu.umd.cs.findbugs.test.CountMatcher.containsExactly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.objectweb.asm.Opcodes.*;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.spotbugs.fixtures.OddCodeFixtures;
import edu.umd.cs.findbugs.BugInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The detector over code it was not written for must not throw (CrashguardAnalysis fails on any analysis
 * error SpotBugs collects) and must not report.
 */
class RobustnessTest {

  @Test
  void modernJavaIsSilent() {
    List<BugInstance> bugs = analyse(classFiles(OddCodeFixtures.class));
    assertThat(bugs, containsExactly(0, Bugs.of(Hazard.UNSYNCHRONIZED_MAP_WRITE)));
  }

  /**
   * Bytecode javac never writes, built with ASM: a superclass, executor and field type that are not on the
   * class path; a monitorexit with no monitorenter; a LambdaMetafactory call whose implementation method
   * does not exist; an invokedynamic with a foreign bootstrap method; a pre-Java-6 class file without
   * stack maps.
   */
  @Test
  void oddAndUnresolvableBytecodeIsSilent(@TempDir Path dir) throws IOException {
    Path modern = write(dir, "odd/Modern", oddClass("odd/Modern", V17));
    Path old = write(dir, "odd/Old", oldClass("odd/Old"));
    List<BugInstance> bugs = analyse(modern, old);
    assertThat(bugs, containsExactly(0, Bugs.of(Hazard.UNSYNCHRONIZED_MAP_WRITE)));
  }

  /**
   * The lock-evidence and self-executor branches over bytecode javac never writes: a private boolean
   * helper whose lock type is not on the class path and that calls a method of an array type, a helper
   * that only calls itself, and a task handed to {@code this} whose lambda implementation does not exist.
   */
  @Test
  void oddLockHelpersAndSelfHandoffAreSilent(@TempDir Path dir) throws IOException {
    Path odd = write(dir, "odd/SelfLocking", selfLockingClass("odd/SelfLocking"));
    assertThat(analyse(odd), containsExactly(0, Bugs.of(Hazard.UNSYNCHRONIZED_MAP_WRITE)));
  }

  private static byte[] selfLockingClass(String name) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {"java/util/concurrent/Executor"});
    cw.visitField(ACC_PRIVATE, "lock", "Lmissing/Lock;", null, null).visitEnd();
    cw.visitField(ACC_PRIVATE, "counts", "Ljava/util/HashMap;", null, null).visitEnd();

    // private boolean grab(): tryLock on a lock type nobody can load, then clone() of an array.
    MethodVisitor grab = cw.visitMethod(ACC_PRIVATE, "grab", "()Z", null, null);
    grab.visitCode();
    grab.visitInsn(ICONST_0);
    grab.visitTypeInsn(ANEWARRAY, "java/lang/Object");
    grab.visitMethodInsn(INVOKEVIRTUAL, "[Ljava/lang/Object;", "clone", "()Ljava/lang/Object;", false);
    grab.visitInsn(POP);
    grab.visitVarInsn(ALOAD, 0);
    grab.visitFieldInsn(GETFIELD, name, "lock", "Lmissing/Lock;");
    grab.visitMethodInsn(INVOKEINTERFACE, "missing/Lock", "tryLock", "()Z", true);
    grab.visitInsn(IRETURN);
    grab.visitMaxs(0, 0);
    grab.visitEnd();

    // void again(): writes the map and calls only itself.
    MethodVisitor again = cw.visitMethod(0, "again", "()V", null, null);
    again.visitCode();
    again.visitVarInsn(ALOAD, 0);
    again.visitFieldInsn(GETFIELD, name, "counts", "Ljava/util/HashMap;");
    again.visitInsn(ACONST_NULL);
    again.visitInsn(ACONST_NULL);
    again.visitMethodInsn(INVOKEVIRTUAL, "java/util/HashMap", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
    again.visitInsn(POP);
    again.visitVarInsn(ALOAD, 0);
    again.visitMethodInsn(INVOKEVIRTUAL, name, "again", "()V", false);
    again.visitInsn(RETURN);
    again.visitMaxs(0, 0);
    again.visitEnd();

    MethodVisitor execute = cw.visitMethod(ACC_PUBLIC, "execute", "(Ljava/lang/Runnable;)V", null, null);
    execute.visitCode();
    execute.visitInsn(RETURN);
    execute.visitMaxs(0, 0);
    execute.visitEnd();

    // public void go(): if (grab()) hands itself a lambda whose implementation method does not exist.
    Handle metafactory =
        new Handle(
            H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory",
            "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                + "Ljava/lang/invoke/CallSite;",
            false);
    MethodVisitor go = cw.visitMethod(ACC_PUBLIC, "go", "()V", null, null);
    go.visitCode();
    org.objectweb.asm.Label done = new org.objectweb.asm.Label();
    go.visitVarInsn(ALOAD, 0);
    go.visitMethodInsn(INVOKEVIRTUAL, name, "grab", "()Z", false);
    go.visitJumpInsn(IFEQ, done);
    go.visitVarInsn(ALOAD, 0);
    go.visitVarInsn(ALOAD, 0);
    go.visitInvokeDynamicInsn(
        "run",
        "(L" + name + ";)Ljava/lang/Runnable;",
        metafactory,
        Type.getType("()V"),
        new Handle(H_INVOKESPECIAL, name, "lambda$go$0", "()V", false),
        Type.getType("()V"));
    go.visitMethodInsn(INVOKEVIRTUAL, name, "execute", "(Ljava/lang/Runnable;)V", false);
    go.visitLabel(done);
    go.visitInsn(RETURN);
    go.visitMaxs(0, 0);
    go.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * NullEscapingOptional over bytecode javac never writes: no local variable or line tables, an orElseGet
   * whose lambda implementation does not exist, Optional.of of a value from a class nobody can load, a
   * null stored into an array of a missing type, a null test of an unloaded field. Must not throw, and
   * without the tables that name an Optional local it stays silent.
   */
  @Test
  void oddOptionalBytecodeIsSilent(@TempDir Path dir) throws IOException {
    Path odd = write(dir, "odd/OptionalOdd", optionalClass("odd/OptionalOdd"));
    List<BugInstance> bugs = analyse(odd);
    assertThat(bugs, containsExactly(0, Bugs.of(Hazard.NULL_ESCAPING_OPTIONAL)));
  }

  private static byte[] optionalClass(String name) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
    cw.visitField(ACC_PRIVATE, "never", "Ljava/util/Optional;", null, null).visitEnd();
    Handle metafactory =
        new Handle(
            H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory",
            "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                + "Ljava/lang/invoke/CallSite;",
            false);
    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "odd", "(Ljava/util/Optional;Lmissing/Source;)Ljava/lang/Object;", null, null);
    m.visitCode();
    // A null into an Optional local, but no local variable table says so.
    m.visitInsn(ACONST_NULL);
    m.visitVarInsn(ASTORE, 3);
    // orElseGet with a lambda whose implementation method does not exist.
    m.visitVarInsn(ALOAD, 1);
    m.visitInvokeDynamicInsn(
        "get",
        "()Ljava/util/function/Supplier;",
        metafactory,
        Type.getType("()Ljava/lang/Object;"),
        new Handle(H_INVOKESTATIC, name, "lambda$missing$0", "()Ljava/lang/Object;", false),
        Type.getType("()Ljava/lang/Object;"));
    m.visitMethodInsn(INVOKEVIRTUAL, "java/util/Optional", "orElseGet", "(Ljava/util/function/Supplier;)Ljava/lang/Object;", false);
    m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "hashCode", "()I", false);
    m.visitInsn(POP);
    // A null into an array of a type nobody can load.
    m.visitInsn(ICONST_1);
    m.visitTypeInsn(ANEWARRAY, "missing/Element");
    m.visitInsn(ICONST_0);
    m.visitInsn(ACONST_NULL);
    m.visitInsn(AASTORE);
    // Optional.of of a call into a missing class, after a null test of a missing class's field.
    org.objectweb.asm.Label skip = new org.objectweb.asm.Label();
    m.visitVarInsn(ALOAD, 2);
    m.visitFieldInsn(GETFIELD, "missing/Source", "value", "Ljava/lang/Object;");
    m.visitJumpInsn(IFNULL, skip);
    m.visitLabel(skip);
    m.visitVarInsn(ALOAD, 2);
    m.visitMethodInsn(INVOKEVIRTUAL, "missing/Source", "get", "()Ljava/lang/Object;", false);
    m.visitMethodInsn(INVOKESTATIC, "java/util/Optional", "of", "(Ljava/lang/Object;)Ljava/util/Optional;", false);
    m.visitInsn(ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }

  private static byte[] oddClass(String name, int version) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
    cw.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, "missing/Base", new String[] {"java/lang/Runnable"});
    cw.visitField(ACC_PRIVATE, "map", "Lmissing/Table;", null, null).visitEnd();
    cw.visitField(ACC_PRIVATE | ACC_VOLATILE, "counts", "Ljava/util/Map;", null, null).visitEnd();

    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "missing/Base", "<init>", "()V", false);
    init.visitVarInsn(ALOAD, 0);
    init.visitTypeInsn(NEW, "missing/Table");
    init.visitInsn(DUP);
    init.visitMethodInsn(INVOKESPECIAL, "missing/Table", "<init>", "()V", false);
    init.visitFieldInsn(PUTFIELD, name, "map", "Lmissing/Table;");
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    // run(): writes a field of a type nobody can load, after releasing a monitor it never took.
    MethodVisitor run = cw.visitMethod(ACC_PUBLIC, "run", "()V", null, null);
    run.visitCode();
    run.visitVarInsn(ALOAD, 0);
    run.visitInsn(MONITOREXIT);
    run.visitVarInsn(ALOAD, 0);
    run.visitFieldInsn(GETFIELD, name, "map", "Lmissing/Table;");
    run.visitLdcInsn("k");
    run.visitMethodInsn(INVOKEVIRTUAL, "missing/Table", "put", "(Ljava/lang/Object;)V", false);
    run.visitInsn(RETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();

    // submit(): hands to a missing executor a lambda whose implementation method does not exist, and
    // passes the map through an invokedynamic whose bootstrap is not LambdaMetafactory.
    Handle metafactory =
        new Handle(
            H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory",
            "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                + "Ljava/lang/invoke/CallSite;",
            false);
    Handle foreign =
        new Handle(
            H_INVOKESTATIC,
            "missing/Bootstraps",
            "bootstrap",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                + "Ljava/lang/invoke/CallSite;",
            false);
    MethodVisitor submit = cw.visitMethod(ACC_PUBLIC, "submit", "(Lmissing/Executor;)V", null, null);
    submit.visitCode();
    submit.visitVarInsn(ALOAD, 1);
    submit.visitVarInsn(ALOAD, 0);
    submit.visitInvokeDynamicInsn(
        "run",
        "(L" + name + ";)Ljava/lang/Runnable;",
        metafactory,
        Type.getType("()V"),
        new Handle(H_INVOKESPECIAL, name, "lambda$submit$0", "()V", false),
        Type.getType("()V"));
    submit.visitMethodInsn(INVOKEVIRTUAL, "missing/Executor", "execute", "(Ljava/lang/Runnable;)V", false);
    submit.visitVarInsn(ALOAD, 0);
    submit.visitFieldInsn(GETFIELD, name, "counts", "Ljava/util/Map;");
    submit.visitInvokeDynamicInsn("weird", "(Ljava/util/Map;)V", foreign);
    submit.visitInsn(RETURN);
    submit.visitMaxs(0, 0);
    submit.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Java 1.4 class file: no stack maps, so SpotBugs computes jumps itself. */
  private static byte[] oldClass(String name) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(V1_4, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
    cw.visitField(ACC_PRIVATE | ACC_VOLATILE, "counts", "Ljava/util/Map;", null, null).visitEnd();
    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "loop", "(I)V", null, null);
    m.visitCode();
    org.objectweb.asm.Label top = new org.objectweb.asm.Label();
    org.objectweb.asm.Label done = new org.objectweb.asm.Label();
    m.visitLabel(top);
    m.visitVarInsn(ILOAD, 1);
    m.visitJumpInsn(IFLE, done);
    m.visitVarInsn(ALOAD, 0);
    m.visitFieldInsn(GETFIELD, name, "counts", "Ljava/util/Map;");
    m.visitInsn(DUP);
    m.visitInsn(POP);
    m.visitLdcInsn("k");
    m.visitLdcInsn("v");
    m.visitMethodInsn(INVOKEINTERFACE, "java/util/Map", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", true);
    m.visitInsn(POP);
    m.visitIincInsn(1, -1);
    m.visitJumpInsn(GOTO, top);
    m.visitLabel(done);
    m.visitInsn(RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }
}
