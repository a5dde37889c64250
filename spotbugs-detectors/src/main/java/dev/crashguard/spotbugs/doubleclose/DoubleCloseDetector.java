package dev.crashguard.spotbugs.doubleclose;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import dev.crashguard.catalog.knowledge.MethodRef;
import dev.crashguard.spotbugs.common.ConstantPoolText;
import dev.crashguard.spotbugs.common.HazardReporter;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.KnownMethods;
import dev.crashguard.spotbugs.common.Slots;
import dev.crashguard.spotbugs.common.Types;
import dev.crashguard.spotbugs.doubleclose.PathState.Res;
import dev.crashguard.spotbugs.doubleclose.ReleaseFlow.AutoRelease;
import dev.crashguard.spotbugs.doubleclose.ReleaseFlow.Finding;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.ICONST;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * Reports a resource released twice, used after its release, kept beyond the try-with-resources that closes
 * it, or unlocked where it may not be held: crashguard's {@code DoubleClose}, bug type {@code
 * CG_DOUBLE_CLOSE}.
 *
 * <p>Each method that releases something (an unlock, a Netty release or hand-off, a {@code close()}) is
 * followed path by path by {@link ReleaseFlow}: on each path, each lock counts its holds, each buffer its
 * references and each closeable whether it is open, and what took the last one away. A release with nothing
 * left to release is reported on the line of the release; javac copies a {@code finally} block into every
 * exit, so one line may be reached by several copies, and is reported once. The {@code close()} a
 * try-with-resources adds ({@link TryWithResources}) is told apart from the user's: an explicit close of a
 * non-idempotent resource inside the block is reported where it is written, and a resource returned, stored
 * or captured inside the block is reported where it leaves.
 *
 * <p>A {@code SimpleChannelInboundHandler} (and the codecs that release their message) releases the message
 * parameter after the method returns: on each return, that release is made too. A lambda of the class that
 * captures a buffer its creator had already handed away starts with the buffer handed away (a write
 * listener that releases the written message).
 *
 * <p>What it does not see, and stays silent on: a release in another method (a helper, {@code close()}
 * called twice through two paths of the class), a resource named by a non-final field or another object's
 * field (each read may be another object), a try-with-resources that javac before Java 11 or another
 * compiler wrote (its closes count as the user's, or, inside {@code $closeResource}, are not seen, so what
 * leaves the block is not reported), and any path beyond {@link
 * ReleaseFlow#MAX_STATES_PER_PC} states per instruction. A lambda body is a method of its own: only a buffer
 * its creator had handed away is carried into it.
 *
 * <p>The detector never throws: anything unexpected about one class is logged to the bug reporter as an
 * analysis error and that class is skipped.
 */
public final class DoubleCloseDetector implements Detector {

  private static final int MAX_LAMBDA_RUNS = 3;

  /** The calls a finding needs somewhere in the method: a release, a close or a hand-off. */
  private static final Set<String> RELEASING_NAMES = DoubleCloseKnowledge.RELEASING_METHOD_NAMES;

  private final HazardReporter reporter;

  public DoubleCloseDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.DOUBLE_CLOSE);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    reporter.analyse(javaClass, () -> analyse(javaClass));
  }

  @Override
  public void report() {
    reporter.clear();
  }

  private void analyse(JavaClass cls) {
    if (!ConstantPoolText.mentions(cls, RELEASING_NAMES::contains)) {
      return; // no call that releases, closes or hands away: no method can hold a finding
    }
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    Map<String, Map<String, Res>> seeds = new HashMap<>();
    List<Method> lambdas = new ArrayList<>();
    boolean autoReleaseOff = autoReleaseSwitchedOff(cls, cpg);
    ReleaseFlow.OwnClass own = new ReleaseFlow.OwnClass(neverReturn(cls), fieldTypes(cls, cpg));
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null) {
        continue;
      }
      if (method.isSynthetic() && method.getName().startsWith("lambda$")) {
        lambdas.add(method);
        continue;
      }
      run(cls, method, cpg, Map.of(), autoRelease(cls, method, autoReleaseOff), own, seeds);
    }
    Deque<Method> queue = new ArrayDeque<>(lambdas);
    Map<String, Integer> runs = new HashMap<>();
    Map<String, Map<String, Res>> used = new HashMap<>();
    while (!queue.isEmpty()) {
      Method lambda = queue.poll();
      String key = lambda.getName() + lambda.getSignature();
      if (runs.merge(key, 1, Integer::sum) > MAX_LAMBDA_RUNS) {
        continue;
      }
      Map<String, Res> ownSeeds = Map.copyOf(seeds.getOrDefault(key, Map.of()));
      used.put(key, ownSeeds);
      run(cls, lambda, cpg, ownSeeds, null, own, seeds);
      for (Method other : lambdas) {
        String otherKey = other.getName() + other.getSignature();
        if (used.containsKey(otherKey) && !used.get(otherKey).equals(seeds.getOrDefault(otherKey, Map.of()))) {
          queue.add(other);
        }
      }
    }
  }

  private void run(JavaClass cls, Method method, ConstantPoolGen cpg, Map<String, Res> seeds, AutoRelease autoRelease,
      ReleaseFlow.OwnClass own, Map<String, Map<String, Res>> lambdaSeeds) {
    if (!releases(method, cpg)) {
      return;
    }
    ReleaseFlow flow = new ReleaseFlow(cls, method, cpg, seeds, autoRelease, own);
    if (!flow.run()) {
      return;
    }
    for (Map.Entry<String, Map<String, Res>> e : flow.lambdaSeeds().entrySet()) {
      Map<String, Res> target = lambdaSeeds.computeIfAbsent(e.getKey(), k -> new HashMap<>());
      e.getValue().forEach(target::putIfAbsent);
    }
    // Several findings on one line (a finally block's copies, reached by several paths): the first kind in
    // the knowledge's order names it.
    List<Finding> findings = new ArrayList<>(flow.findings());
    findings.sort(Comparator.comparingInt(f -> f.kind().ordinal()));
    for (Finding finding : findings) {
      SourceLineAnnotation line = SourceLineAnnotation.fromVisitedInstruction(cls, method, finding.pc());
      int number = line.getStartLine();
      String key = cls.getClassName() + "#" + method.getName() + method.getSignature() + "@"
          + (number > 0 ? "line " + number : "pc " + finding.pc());
      reporter.report(key, cls, method, null, null, line, finding.subject(), finding.kind().render(finding.details()));
    }
  }

  /** Whether the method calls anything that releases, closes or hands away: else nothing can be found. */
  private static boolean releases(Method method, ConstantPoolGen cpg) {
    InstructionList list = new InstructionList(method.getCode().getCode());
    for (InstructionHandle h : list.getInstructionHandles()) {
      Instruction ins = h.getInstruction();
      if (ins instanceof InvokeInstruction invoke && ins.getOpcode() != Const.INVOKEDYNAMIC
          && RELEASING_NAMES.contains(invoke.getMethodName(cpg))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The message parameter the framework releases after {@code method} returns, when the class overrides one
   * of the knowledge's auto-releasing methods (and did not switch the release off).
   */
  private static AutoRelease autoRelease(JavaClass cls, Method method, boolean switchedOff) {
    if (method.isStatic() || method.isSynthetic() || (method.getAccessFlags() & Const.ACC_BRIDGE) != 0
        || !method.getSignature().startsWith("(Lio/netty/channel/ChannelHandlerContext;")
        || method.getArgumentTypes().length < 2) {
      return null;
    }
    String self = cls.getClassName().replace('.', '/');
    for (MethodRef ref : ReleaseModel.AUTO_RELEASED_PARAMETER_METHODS) {
      if (!ref.name().equals(method.getName()) || !Types.isSubtype(self, ref.internalOwner())) {
        continue;
      }
      if (ref.internalOwner().equals(ReleaseModel.SIMPLE_CHANNEL_INBOUND_HANDLER) && switchedOff
          || dispatchesItself(cls, ref.internalOwner())) {
        return null;
      }
      int slot = Slots.registerOfParameter(method, 1);
      return slot < 0 ? null : new AutoRelease(slot, Types.displayName(ref.owner()));
    }
    return null;
  }

  /**
   * Whether the class, or a superclass below the framework class {@code owner}, overrides the method that
   * calls the auto-released one and releases after it ({@link ReleaseModel#AUTO_RELEASING_DISPATCHERS}):
   * then it decides itself who releases the message.
   */
  private static boolean dispatchesItself(JavaClass cls, String owner) {
    Set<String> dispatchers = new HashSet<>();
    for (MethodRef dispatcher : ReleaseModel.AUTO_RELEASING_DISPATCHERS) {
      if (dispatcher.internalOwner().equals(owner)) {
        dispatchers.add(dispatcher.name());
      }
    }
    JavaClass current = cls;
    for (int depth = 0; current != null && depth < 16; depth++) {
      String name = current.getClassName().replace('.', '/');
      if (name.equals(owner) || name.equals("java/lang/Object")) {
        return false;
      }
      for (Method method : current.getMethods()) {
        if (dispatchers.contains(method.getName()) && !method.isAbstract() && !method.isSynthetic()) {
          return true;
        }
      }
      current = HazardSuppressions.lookup(current.getSuperclassName());
    }
    return false;
  }

  /**
   * Whether a constructor passes anything but the constant {@code true} as {@code autoRelease} to {@code
   * SimpleChannelInboundHandler}'s constructor ({@code super(false)}, {@code super(type, false)}).
   */
  private static boolean autoReleaseSwitchedOff(JavaClass cls, ConstantPoolGen cpg) {
    KnownMethods constructor = KnownMethods.of(new MethodRef(
        ReleaseModel.SIMPLE_CHANNEL_INBOUND_HANDLER.replace('/', '.'), MethodRef.CONSTRUCTOR));
    for (Method method : cls.getMethods()) {
      if (!Const.CONSTRUCTOR_NAME.equals(method.getName()) || method.getCode() == null) {
        continue;
      }
      InstructionList list = new InstructionList(method.getCode().getCode());
      for (InstructionHandle h : list.getInstructionHandles()) {
        if (h.getInstruction() instanceof InvokeInstruction invoke
            && invoke.getOpcode() == Const.INVOKESPECIAL
            && Const.CONSTRUCTOR_NAME.equals(invoke.getMethodName(cpg))
            && invoke.getSignature(cpg).endsWith("Z)V")
            && constructor.matches(invoke.getClassName(cpg), Const.CONSTRUCTOR_NAME)) {
          InstructionHandle prev = h.getPrev();
          if (!(prev != null && prev.getInstruction() instanceof ICONST c && c.getValue().intValue() == 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The class's own methods no subclass can replace whose every path throws: a call to one does not return. */
  private static Set<String> neverReturn(JavaClass cls) {
    Set<String> out = new HashSet<>();
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null || !(method.isPrivate() || method.isStatic() || method.isFinal() || cls.isFinal())
          || Const.CONSTRUCTOR_NAME.equals(method.getName())) {
        continue;
      }
      boolean returns = false;
      boolean throwsSomething = false;
      for (InstructionHandle h : new InstructionList(method.getCode().getCode()).getInstructionHandles()) {
        short op = h.getInstruction().getOpcode();
        returns |= op >= Const.IRETURN && op <= Const.RETURN;
        throwsSomething |= op == Const.ATHROW;
      }
      if (!returns && throwsSomething) {
        out.add(method.getName() + method.getSignature());
      }
    }
    return out;
  }

  /**
   * The class every constructor (or static initializer) stores into each field of this class, where that is
   * one class made right there ({@code new ReentrantLock()}); a field stored from anything else is left out.
   */
  private static Map<String, String> fieldTypes(JavaClass cls, ConstantPoolGen cpg) {
    Map<String, String> types = new HashMap<>();
    Set<String> mixed = new HashSet<>();
    String self = cls.getClassName();
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null
          || !(Const.CONSTRUCTOR_NAME.equals(method.getName()) || Const.STATIC_INITIALIZER_NAME.equals(method.getName()))) {
        continue;
      }
      for (InstructionHandle h : new InstructionList(method.getCode().getCode()).getInstructionHandles()) {
        if (!(h.getInstruction() instanceof FieldInstruction field)
            || !(h.getInstruction() instanceof PUTFIELD
                || h.getInstruction() instanceof PUTSTATIC)
            || !self.equals(field.getReferenceType(cpg).toString())) {
          continue;
        }
        String name = field.getFieldName(cpg);
        InstructionHandle prev = h.getPrev();
        if (prev != null && prev.getInstruction().getOpcode() == Const.ACONST_NULL) {
          continue;
        }
        String made = prev != null && prev.getInstruction() instanceof INVOKESPECIAL init
            && Const.CONSTRUCTOR_NAME.equals(init.getMethodName(cpg)) ? init.getClassName(cpg).replace('.', '/') : null;
        if (made == null || types.containsKey(name) && !types.get(name).equals(made)) {
          mixed.add(name);
        } else {
          types.put(name, made);
        }
      }
    }
    types.keySet().removeAll(mixed);
    return Map.copyOf(types);
  }
}
