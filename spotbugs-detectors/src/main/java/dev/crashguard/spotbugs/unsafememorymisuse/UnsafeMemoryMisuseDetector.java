package dev.crashguard.spotbugs.unsafememorymisuse;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;
import dev.crashguard.spotbugs.common.ConstantPoolText;
import dev.crashguard.spotbugs.common.HazardReporter;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.unsafememorymisuse.MemoryFlow.Assignment;
import dev.crashguard.spotbugs.unsafememorymisuse.MemoryFlow.Finding;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Reports misuse of {@code sun.misc.Unsafe} and {@code jdk.internal.misc.Unsafe} that the JVM does not check:
 * crashguard's {@code UnsafeMemoryMisuse}, bug type {@code CG_UNSAFE_MEMORY_MISUSE}.
 *
 * <p>A class whose constant pool names neither {@code Unsafe} class is skipped at once. In the others, each
 * method that calls {@code Unsafe} is followed path by path by {@link MemoryFlow}:
 * <ul>
 *   <li>lifecycle: an address {@code allocateMemory} returned, held in one local (or read from a final field
 *       of {@code this}, or a parameter), freed twice, used after its free or after {@code reallocateMemory}
 *       may have moved it, a reallocation whose result is dropped, an allocation lost on some path (returned,
 *       stored, or handed to any call is owned elsewhere: silent; a helper of the same class that only
 *       borrows the address, {@link Borrowing}, is not a hand-off), and a literal length past a literal
 *       allocation size;
 *   <li>offsets: a literal (compile-time constant) address or offset, an offset traced to {@code
 *       objectFieldOffset} of class X used with a base whose static type is a class unrelated to X, a static
 *       field's offset used with an instance, an array layout of one element type used with an array of
 *       another ({@code Object} or interface typed bases: silent). Offsets are traced through static final
 *       fields set in their class's {@code <clinit>} ({@link #staticLayout}), read from class files only;
 *   <li>{@code Unsafe.getUnsafe()} outside a {@code try} that catches its {@code SecurityException}.
 * </ul>
 *
 * <p>Several findings on one line (a {@code finally} block's copies) are reported once. The detector never
 * throws: anything unexpected about one class is logged as an analysis error and the class is skipped.
 */
public final class UnsafeMemoryMisuseDetector implements Detector {

  private final HazardReporter reporter;
  private final Borrowing borrowing = new Borrowing();
  private final Map<String, Map<String, Set<String>>> layouts = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  private final MemoryFlow.Context context = new MemoryFlow.Context() {
    @Override
    public Set<String> staticLayout(String owner, String name) {
      return UnsafeMemoryMisuseDetector.this.staticLayout(owner, name);
    }

    @Override
    public boolean borrows(JavaClass caller, InvokeInstruction invoke, ConstantPoolGen cpg, int arg) {
      return borrowing.borrows(caller, invoke, cpg, arg);
    }
  };

  public UnsafeMemoryMisuseDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.UNSAFE_MEMORY_MISUSE);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    reporter.analyse(javaClass, () -> analyse(javaClass));
  }

  @Override
  public void report() {
    reporter.clear();
    borrowing.clear();
    layouts.clear();
  }

  private void analyse(JavaClass cls) {
    if (!ConstantPoolText.mentions(cls, UnsafeMemoryMisuseDetector::namesUnsafe)) {
      return; // no Unsafe class named: no call of one
    }
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null || !callsUnsafe(method, cpg)) {
        continue;
      }
      MemoryFlow flow = new MemoryFlow(cls, method, cpg, context, false);
      if (!flow.run()) {
        continue;
      }
      List<Finding> findings = new ArrayList<>(flow.findings());
      findings.sort(Comparator.comparingInt((Finding f) -> f.kind().ordinal()).thenComparingInt(Finding::pc));
      for (Finding finding : findings) {
        SourceLineAnnotation line = SourceLineAnnotation.fromVisitedInstruction(cls, method, finding.pc());
        int number = line.getStartLine();
        String key = cls.getClassName() + "#" + method.getName() + method.getSignature() + "@"
            + (number > 0 ? "line " + number : "pc " + finding.pc());
        Kind kind = finding.kind();
        reporter.report(key, cls, method, null, null, line, finding.subject(), kind.render(finding.details()),
            kind.remedy());
      }
    }
  }

  private static boolean namesUnsafe(String utf8) {
    return utf8.contains("sun/misc/Unsafe") || utf8.contains("jdk/internal/misc/Unsafe");
  }

  private static boolean callsUnsafe(Method method, ConstantPoolGen cpg) {
    for (InstructionHandle h : new InstructionList(method.getCode().getCode()).getInstructionHandles()) {
      if (h.getInstruction() instanceof InvokeInstruction invoke && invoke.getOpcode() != Const.INVOKEDYNAMIC) {
        String owner = invoke.getReferenceType(cpg).getSignature();
        if (owner.startsWith("L") && UnsafeModel.isUnsafe(owner.substring(1, owner.length() - 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The layout a static final {@code int}/{@code long} field of {@code owner} holds: what its class's
   * {@code <clinit>} assigns it from {@code objectFieldOffset}, {@code arrayBaseOffset}, {@code
   * arrayIndexScale}, {@code staticFieldOffset} or {@code Unsafe}'s {@code ARRAY_*} constants (and sums of
   * these). Empty when the field is not final, the class cannot be read, or nothing is known.
   */
  Set<String> staticLayout(String owner, String name) {
    Map<String, Set<String>> facts = layouts.get(owner);
    if (facts == null) {
      if (!inProgress.add(owner)) {
        return Set.of();
      }
      try {
        facts = computeLayouts(owner);
      } finally {
        inProgress.remove(owner);
      }
      layouts.put(owner, facts);
    }
    return facts.getOrDefault(name, Set.of());
  }

  private Map<String, Set<String>> computeLayouts(String owner) {
    JavaClass cls = HazardSuppressions.lookup(owner);
    if (cls == null || !ConstantPoolText.mentions(cls, UnsafeMemoryMisuseDetector::namesUnsafe)) {
      return Map.of(); // unread, or a class that cannot take a layout from Unsafe
    }
    Method clinit = null;
    for (Method m : cls.getMethods()) {
      if (Const.STATIC_INITIALIZER_NAME.equals(m.getName()) && m.getCode() != null) {
        clinit = m;
      }
    }
    if (clinit == null) {
      return Map.of();
    }
    Set<String> finals = new HashSet<>();
    for (Field f : cls.getFields()) {
      if (f.isStatic() && f.isFinal()) {
        finals.add(f.getName());
      }
    }
    MemoryFlow flow = new MemoryFlow(cls, clinit, new ConstantPoolGen(cls.getConstantPool()), context, true);
    if (!flow.run()) {
      return Map.of();
    }
    Map<String, Set<String>> out = new HashMap<>();
    for (Assignment a : flow.assignments()) {
      if (finals.contains(a.field())) {
        out.merge(a.field(), a.layout(), FlowState.Val::union);
      }
    }
    return Map.copyOf(out);
  }
}
