package dev.crashguard.spotbugs.executorleak;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.ExecutorLeakKnowledge.Kind;
import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.HazardReporter;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.Overrides;
import dev.crashguard.spotbugs.common.Slots;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantMethodref;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.InnerClass;
import org.apache.bcel.classfile.InnerClasses;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.NestHost;
import org.apache.bcel.classfile.NestMembers;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * Reports an executor or a timer that is created and never shut down: crashguard's {@code ExecutorLeak},
 * bug type {@code CG_EXECUTOR_LEAK}. Every finding is reported on the creation (the {@code new} or the
 * factory call).
 *
 * <p>A class whose constant pool names no creating class ({@code Executors}, {@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, {@code Timer}), nor constructs a subclass of
 * one while naming a task hand-off, is skipped after that look alone. In the others, each creation is
 * followed by {@link PoolFlow} along every path of its method, exception edges included, so that javac's
 * {@code finally} copies and the {@code close()} calls of a try-with-resources are seen as the shutdowns
 * they are. A pool left running at a normal return is reported (in a loop, in a request handler, created
 * inline for one call or as an argument, a timer per call, or simply dropped); one shut down on the normal
 * path only, when a call in between can throw; one stored by a constructor that can still throw after the
 * store, in a class that shuts that field down elsewhere, unless that failing path ends it (a shutdown of the
 * field, or a method of the class that shuts it down, called in a catch or a finally: MINA's {@code finally
 * { if (!success) dispose(); }}). A pool stored in a field of the class is judged by what the whole class
 * (and its nested classes) does with that field ({@link FieldFacts}): never shut down, or replaced outside a
 * constructor without the old one shut down; a static one only when its threads keep the JVM alive. A pool
 * or timer a constructor makes and never ends, in a class that keeps its one instance itself (h2's {@code
 * ThreadDeadlockDetector}: private constructors, a {@code new} only under {@code if (instance == null)}),
 * is made once per class loader and judged as a static one.
 *
 * <p>What it does not see, and stays silent on: a shutdown in another class (a non-private field, a field
 * that leaves the class), a pool handed to any method or constructor (it may own it; a same-class helper
 * that only runs work on it is looked into), a method past {@link PoolFlow}'s budget, a static pool built
 * with a thread factory of its own. Never throws: anything unexpected about one class is logged as an
 * analysis error and the class is skipped.
 */
public final class ExecutorLeakDetector implements Detector {

  private final HazardReporter reporter;
  private final PoolModel model = new PoolModel();

  public ExecutorLeakDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.EXECUTOR_LEAK);
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
    if (!mayCreate(cls)) {
      return;
    }
    new ClassRun(cls).run();
  }

  /**
   * The cheap look, one pass over the constant pool: does it name a creating class, or, naming a task
   * hand-off ({@code submit}, {@code execute}, …), construct a class of the application's that extends one?
   */
  private boolean mayCreate(JavaClass cls) {
    boolean handsOff = false;
    for (Constant constant : cls.getConstantPool().getConstantPool()) {
      if (constant instanceof ConstantUtf8 utf8) {
        String text = utf8.getBytes();
        if (PoolModel.CREATION_CLASS_NAMES.contains(text)) {
          return true;
        }
        if (!handsOff && PoolModel.TASK_HANDOFFS.hasName(text)) {
          handsOff = true;
        }
      }
    }
    if (!handsOff) {
      return false;
    }
    ConstantPool cp = cls.getConstantPool();
    for (Constant constant : cp.getConstantPool()) {
      if (constant instanceof ConstantMethodref ref
          && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
          && Const.CONSTRUCTOR_NAME.equals(nat.getName(cp))) {
        String owner = cp.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class);
        if (!owner.startsWith("java/") && model.isPoolClass(owner)) {
          return true;
        }
      }
    }
    return false;
  }

  private record Candidate(Method method, Creation creation, PoolFlow.FieldStore store, boolean exiting,
      boolean coreTimeout) {}

  /** One class's analysis. */
  private final class ClassRun implements PoolFlow.Context {
    private final JavaClass cls;
    private final ConstantPool cp;
    private final ConstantPoolGen cpg;
    private final String self;
    private final Map<String, ControlFlow> flows = new HashMap<>();
    private final Map<String, Map<Integer, InstructionHandle>> handles = new HashMap<>();
    private final Map<String, Boolean> helpers = new HashMap<>();
    private FieldFacts facts;
    private boolean nestedRead;
    private boolean isExecutor;
    private Boolean soleInstance;

    ClassRun(JavaClass cls) {
      this.cls = cls;
      this.cp = cls.getConstantPool();
      this.cpg = new ConstantPoolGen(cp);
      this.self = cls.getClassName().replace('.', '/');
    }

    void run() {
      Map<Method, List<Creation>> creations = new java.util.LinkedHashMap<>();
      for (Method method : cls.getMethods()) {
        if (method.getCode() == null) {
          continue;
        }
        List<Creation> found = new ArrayList<>();
        for (InstructionHandle h : flow(method).instructions().getInstructionHandles()) {
          short op = h.getInstruction().getOpcode();
          if (op == Const.INVOKESTATIC || op == Const.NEW) {
            Creation c = Creation.at(h, cpg, model);
            if (c != null) {
              found.add(c);
            }
          }
        }
        if (!found.isEmpty()) {
          creations.put(method, found);
        }
      }
      if (creations.isEmpty()) {
        return;
      }
      facts = FieldFacts.of(cls);
      isExecutor = dev.crashguard.spotbugs.common.Types.isSubtype(self, PoolModel.EXECUTOR);
      List<Candidate> candidates = new ArrayList<>();
      for (Map.Entry<Method, List<Creation>> entry : creations.entrySet()) {
        Method method = entry.getKey();
        String handler = requestHandler(method);
        for (Creation creation : entry.getValue()) {
          PoolFlow.Result r = PoolFlow.ofCreation(this, method, creation, handler != null);
          for (PoolFlow.FieldStore store : r.stores) {
            if (store.owner().equals(self)) {
              candidates.add(new Candidate(method, creation, store, r.exiting, r.coreTimeout));
            }
          }
          judgeLocal(method, creation, r, handler);
        }
      }
      for (Candidate candidate : candidates) {
        judgeField(candidate);
      }
    }

    /**
     * Whether a finally block of the method (a handler that catches everything, up to its rethrow) shuts
     * down or cancels a pool: the author decided there, even under a condition (zookeeper's Shell skips the
     * cancel once its timer has fired), and a path that skips it is the author's to judge.
     */
    private boolean finallyShutsDown(Method method) {
      if (method.getCode() == null || method.getCode().getExceptionTable() == null) {
        return false;
      }
      Map<Integer, InstructionHandle> byPc = handles(method);
      for (org.apache.bcel.classfile.CodeException handler : method.getCode().getExceptionTable()) {
        if (handler.getCatchType() != 0) {
          continue;
        }
        for (InstructionHandle h = byPc.get(handler.getHandlerPC()); h != null; h = h.getNext()) {
          if (h.getInstruction().getOpcode() == Const.ATHROW) {
            break;
          }
          if (h.getInstruction() instanceof InvokeInstruction invoke
              && invoke.getOpcode() != Const.INVOKEDYNAMIC
              && PoolModel.SHUTDOWNS.matches(invoke.getClassName(cpg).replace('.', '/'), invoke.getMethodName(cpg))) {
            return true;
          }
        }
      }
      return false;
    }

    private void judgeLocal(Method method, Creation creation, PoolFlow.Result r, String handler) {
      if (r.incomplete) {
        return;
      }
      String subject = r.localName != null ? r.localName : creation.text();
      if (r.loop) {
        report(method, creation, subject, Kind.CREATED_IN_LOOP.render(), null);
      } else if (r.normalLeak && !r.exiting && r.stores.isEmpty() && !r.shutDownInFinally && !finallyShutsDown(method)) {
        // (a pool stored in a field is judged as the field; a shutdown or cancel written in a finally counts
        // even under a condition, as in zookeeper's Shell, which skips the cancel once the timer has fired)
        if (Const.CONSTRUCTOR_NAME.equals(method.getName()) && keepsItsOneInstance()) {
          // Made once per class loader (h2's ThreadDeadlockDetector): an application-wide pool or timer,
          // judged as a static one. Daemon or idling-out threads cannot keep the JVM alive: silent.
          InstructionHandle start = handles(method).get(creation.startPc());
          InstructionHandle call = handles(method).get(creation.callPc());
          if (start == null || call == null || !creation.keepsJvmAlive(start, call)) {
            return;
          }
          if (creation.isTimer()) {
            report(method, creation, subject, Kind.TIMER_NEVER_CANCELLED.render(), null);
            return;
          }
        }
        if (creation.isTimer()) {
          report(method, creation, subject, Kind.TIMER_PER_CALL.render(), null);
        } else if (handler != null) {
          report(method, creation, subject, Kind.CREATED_PER_REQUEST.render(handler), null);
        } else if (r.firstUse != null && r.firstUseAsArgument) {
          report(method, creation, subject, Kind.CREATED_AS_ARGUMENT.render(r.firstUse + "()"), null);
        } else if (r.firstUse != null) {
          report(method, creation, subject, Kind.CREATED_FOR_ONE_CALL.render(r.firstUse + "()"), null);
        } else {
          report(method, creation, subject, Kind.CREATED_AND_DROPPED.render(), null);
        }
      } else if (!r.normalLeak && r.shutDown && !r.shutDownInFinally && r.exceptionCause >= 0) {
        report(method, creation, subject, Kind.SHUT_DOWN_ONLY_ON_NORMAL_PATH.render(callAt(method, r.exceptionCause)),
            null);
      } else if (!r.normalLeak && r.constructorCause >= 0 && !r.stores.isEmpty()) {
        String field = r.stores.get(0).field();
        report(method, creation, r.localName != null ? r.localName : field,
            Kind.SHUT_DOWN_ONLY_ON_NORMAL_PATH.render(callAt(method, r.constructorCause)), field);
      }
    }

    /**
     * Whether the class keeps its one instance itself, so that its constructor runs once per class loader:
     * every constructor is private; every {@code new} of the class in its own code is in the static
     * initializer, or in a static method that stores it into a static field of the class it tests first
     * ({@code if (detector == null) detector = new …()}, h2's {@code ThreadDeadlockDetector.init()}); and no
     * other class of its nest names a constructor of it (a {@code new} there, a subclass, a {@code C::new})
     * nor does the class itself by a method handle. A nest member that cannot be loaded counts as one that
     * does. Without the null test every call makes an instance, and what its constructor starts piles up.
     */
    private boolean keepsItsOneInstance() {
      if (soleInstance == null) {
        soleInstance = computeKeepsItsOneInstance();
      }
      return soleInstance;
    }

    private boolean computeKeepsItsOneInstance() {
      if (cls.isEnum() || cls.isInterface() || cls.isAbstract()) {
        return false;
      }
      for (Method m : cls.getMethods()) {
        if (Const.CONSTRUCTOR_NAME.equals(m.getName()) && !m.isPrivate()) {
          return false;
        }
      }
      if (namesOwnConstructorByHandle()) {
        return false;
      }
      int kept = 0;
      for (Method m : cls.getMethods()) {
        if (m.getCode() == null) {
          continue;
        }
        String key = m.getName() + m.getSignature();
        for (InstructionHandle h : flow(m).instructions().getInstructionHandles()) {
          if (!(h.getInstruction() instanceof NEW alloc)
              || !alloc.getLoadClassType(cpg).getClassName().replace('.', '/').equals(self)) {
            continue;
          }
          if (Const.STATIC_INITIALIZER_NAME.equals(m.getName())) {
            kept++;
            continue;
          }
          String field = storedStatic(h);
          if (!m.isStatic() || field == null || !facts.stateTestedIn.getOrDefault(key, Set.of()).contains(field)) {
            return false;
          }
          kept++;
        }
      }
      return kept > 0 && !nestConstructs();
    }

    /** The static field of the class the object allocated at {@code alloc} is stored into once built, or null. */
    private String storedStatic(InstructionHandle alloc) {
      int depth = 0;
      InstructionHandle h = alloc;
      for (int i = 0; h != null && i < 400; i++, h = h.getNext()) {
        Instruction ins = h.getInstruction();
        if (ins instanceof NEW other
            && other.getLoadClassType(cpg).getClassName().replace('.', '/').equals(self)) {
          depth++;
        } else if (ins.getOpcode() == Const.INVOKESPECIAL && ins instanceof InvokeInstruction invoke
            && Const.CONSTRUCTOR_NAME.equals(invoke.getMethodName(cpg))
            && invoke.getClassName(cpg).replace('.', '/').equals(self) && --depth == 0) {
          InstructionHandle next = h.getNext();
          return next != null && next.getInstruction() instanceof PUTSTATIC put
              && put.getReferenceType(cpg).toString().replace('.', '/').equals(self)
              ? put.getFieldName(cpg) : null;
        }
      }
      return null;
    }

    /** Whether the class's constant pool has a method handle on one of its constructors ({@code C::new}). */
    private boolean namesOwnConstructorByHandle() {
      for (Constant constant : cp.getConstantPool()) {
        if (constant instanceof ConstantMethodHandle handle
            && cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP ref
            && constructs(cp, ref)) {
          return true;
        }
      }
      return false;
    }

    /** Whether another class of the nest (which may call the private constructors) names one of them. */
    private boolean nestConstructs() {
      String host = self;
      for (Attribute attribute : cls.getAttributes()) {
        if (attribute instanceof NestHost nestHost) {
          host = cp.getConstantString(nestHost.getHostClassIndex(), Const.CONSTANT_Class);
        }
      }
      JavaClass hostClass = host.equals(self) ? cls : HazardSuppressions.lookup(host);
      if (hostClass == null) {
        return true;
      }
      List<String> others = new ArrayList<>();
      if (!host.equals(self)) {
        others.add(host);
      }
      for (Attribute attribute : hostClass.getAttributes()) {
        if (attribute instanceof NestMembers members) {
          for (String member : members.getClassNames()) {
            if (!member.replace('.', '/').equals(self)) {
              others.add(member.replace('.', '/'));
            }
          }
        }
      }
      for (String other : others) {
        JavaClass member = HazardSuppressions.lookup(other);
        if (member == null) {
          return true;
        }
        ConstantPool memberCp = member.getConstantPool();
        for (Constant constant : memberCp.getConstantPool()) {
          if (constant instanceof ConstantMethodref ref && constructs(memberCp, ref)) {
            return true;
          }
        }
      }
      return false;
    }

    /** Whether {@code ref} in {@code pool} names a constructor of this class. */
    private boolean constructs(ConstantPool pool, ConstantCP ref) {
      return pool.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
          && Const.CONSTRUCTOR_NAME.equals(nat.getName(pool))
          && pool.getConstantString(ref.getClassIndex(), Const.CONSTANT_Class).equals(self);
    }

    private void judgeField(Candidate c) {
      String name = c.store().field();
      Field field = field(name);
      Creation creation = c.creation();
      if (field == null || c.exiting() || c.coreTimeout() || isExecutor) {
        return; // a class that is an executor itself is a pool to its users, judged where it is created
      }
      if (creation.constructor() ? PoolModel.isDaemonWorkerPool(creation.owner())
          : PoolModel.DAEMON_WORKER_FACTORIES.matches(creation.owner(), creation.name())) {
        return; // daemon workers: they cannot keep the JVM alive, and a field is one pool per object
      }
      if (facts.coreTimeout.contains(name)) {
        return;
      }
      if (!shutDown(name)) {
        readNested();
      }
      if (facts.coreTimeout.contains(name)) {
        return;
      }
      Method method = c.method();
      boolean inInitializer = Const.CONSTRUCTOR_NAME.equals(method.getName())
          || Const.STATIC_INITIALIZER_NAME.equals(method.getName());
      if (shutDown(name)) {
        if (!field.isStatic() && field.isPrivate() && !inInitializer && replacesWithoutShutdown(method, name)) {
          report(method, creation, name, Kind.FIELD_OVERWRITTEN.render(name), name);
        }
        return;
      }
      if (facts.escaped.contains(name)) {
        return;
      }
      InstructionHandle start = handles(method).get(creation.startPc());
      InstructionHandle call = handles(method).get(creation.callPc());
      if (start == null || call == null) {
        return;
      }
      if (field.isStatic()) {
        if (!creation.keepsJvmAlive(start, call)) {
          return;
        }
        Kind kind = creation.isTimer() ? Kind.TIMER_NEVER_CANCELLED : Kind.STATIC_POOL_KEEPS_JVM_ALIVE;
        report(method, creation, name, kind.render(name), name);
        return;
      }
      if (!field.isPrivate()) {
        return; // a subclass or a class of the package may shut it down
      }
      if (creation.isTimer()) {
        if (!creation.daemonTimer(call)) {
          report(method, creation, name, Kind.TIMER_NEVER_CANCELLED.render(), name);
        }
        return;
      }
      if (!creation.keepsJvmAlive(start, call)) {
        return; // daemon threads, a thread factory not read whole, core threads that time out: as for a static
      }
      report(method, creation, name, Kind.FIELD_NEVER_SHUT_DOWN.render(name), name);
    }

    private boolean shutDown(String field) {
      return facts.hook || facts.shutDown.contains(field);
    }

    /**
     * A method (not an initializer) that assigns a new pool to the field without ending the old one, and
     * that can run again: not private (a helper's callers are not followed), not called from a constructor,
     * not a framework's callback (an override: a servlet's {@code init()}), not annotated ({@code
     * @PostConstruct}), not checking the object's state first (a null test of the field, or of the field the
     * pool is made for: Spring's {@code if (this.taskScheduler == null) { localExecutor = …; taskScheduler =
     * …(localExecutor); }}; ZooKeeper's {@code if (status == STARTED) return;} before {@code timer = new
     * Timer(…)}).
     */
    private boolean replacesWithoutShutdown(Method method, String field) {
      String key = method.getName() + method.getSignature();
      if (method.isStatic() || method.isSynthetic() || method.isPrivate()
          // The method shuts the old pool down, itself or through the class's own methods it calls
          // (java-websocket's restart calls cancelConnectionLostTimer() first).
          || facts.shutsDownThrough(key, field)
          || !facts.stateTestedIn.getOrDefault(key, Set.of()).isEmpty()
          || facts.calledFromConstructors().contains(key)
          || method.getAnnotationEntries().length > 0) {
        return false;
      }
      // A method a supertype declares is a lifecycle step a framework calls (a servlet's init()), once.
      return !Overrides.anySupertypeMethod(cls, method, false);
    }

    private void readNested() {
      if (nestedRead) {
        return;
      }
      nestedRead = true;
      for (Attribute attribute : cls.getAttributes()) {
        if (attribute instanceof InnerClasses inner) {
          for (InnerClass entry : inner.getInnerClasses()) {
            if (entry.getInnerClassIndex() == 0) {
              continue;
            }
            String name = cp.getConstantString(entry.getInnerClassIndex(), Const.CONSTANT_Class);
            if (name.startsWith(self + "$")) {
              JavaClass nested = HazardSuppressions.lookup(name);
              if (nested != null) {
                facts.readNested(nested);
              }
            }
          }
        }
      }
    }

    private Field field(String name) {
      for (Field f : cls.getFields()) {
        if (f.getName().equals(name)) {
          return f;
        }
      }
      return null;
    }

    /** The request handler {@code method} is (its name for the message), or null. */
    private String requestHandler(Method method) {
      for (AnnotationEntry annotation : method.getAnnotationEntries()) {
        if (PoolModel.REQUEST_ANNOTATIONS.contains(annotation.getAnnotationType())) {
          return method.getName() + "()";
        }
      }
      if (!method.isStatic() && PoolModel.SERVLET_REQUEST.hasName(method.getName())
          && PoolModel.SERVLET_REQUEST.matches(self, method.getName())) {
        return method.getName() + "()";
      }
      return null;
    }

    private String callAt(Method method, int pc) {
      InstructionHandle h = handles(method).get(pc);
      String name = h != null && h.getInstruction() instanceof InvokeInstruction invoke
          ? invoke.getMethodName(cpg) : "a call";
      if (Const.CONSTRUCTOR_NAME.equals(name) && h.getInstruction() instanceof InvokeInstruction invoke) {
        name = "new " + dev.crashguard.spotbugs.common.Types.displayName(invoke.getClassName(cpg));
      }
      LineNumberTable lines = method.getCode().getLineNumberTable();
      int line = lines == null ? -1 : lines.getSourceLine(pc);
      return name + "()" + (line > 0 ? " at line " + line : "");
    }

    private void report(Method method, Creation creation, String subject, String origin, String fieldName) {
      SourceLineAnnotation line = SourceLineAnnotation.fromVisitedInstruction(cls, method, creation.startPc());
      int number = line.getStartLine();
      String key = cls.getClassName() + "#" + method.getName() + method.getSignature() + "@"
          + (number > 0 ? "line " + number : "pc " + creation.startPc());
      Field field = fieldName == null ? null : field(fieldName);
      BugAnnotation[] extra = field == null ? new BugAnnotation[0]
          : new BugAnnotation[] {FieldAnnotation.fromBCELField(cls, field)};
      reporter.report(key, cls, method, fieldName == null ? null : self, fieldName, line, subject, origin, extra);
    }

    // ---- PoolFlow.Context -------------------------------------------------------------------------

    @Override
    public ConstantPoolGen cpg() {
      return cpg;
    }

    @Override
    public ConstantPool cp() {
      return cp;
    }

    @Override
    public PoolModel model() {
      return model;
    }

    @Override
    public String self() {
      return self;
    }

    @Override
    public ControlFlow flow(Method method) {
      return flows.computeIfAbsent(method.getName() + method.getSignature(),
          k -> new ControlFlow(method.getCode().getCode()));
    }

    @Override
    public Map<Integer, InstructionHandle> handles(Method method) {
      return handles.computeIfAbsent(method.getName() + method.getSignature(), k -> {
        Map<Integer, InstructionHandle> map = new HashMap<>();
        for (InstructionHandle h : flow(method).instructions().getInstructionHandles()) {
          map.put(h.getPosition(), h);
        }
        return map;
      });
    }

    @Override
    public boolean shutsDownField(String name) {
      if (!shutDown(name)) {
        readNested();
      }
      return shutDown(name);
    }

    @Override
    public boolean ownMethodShutsDown(String name, String signature, String field) {
      return facts.shutsDownThrough(name + signature, field);
    }

    @Override
    public boolean helperOnlyUses(String name, String signature, int index) {
      return helpers.computeIfAbsent(name + signature + "#" + index, k -> {
        for (Method m : cls.getMethods()) {
          if (m.getName().equals(name) && m.getSignature().equals(signature) && m.getCode() != null
              && !Const.CONSTRUCTOR_NAME.equals(name)) {
            int register = Slots.registerOfParameter(m, index);
            if (register < 0) {
              return false;
            }
            PoolFlow.Result r = PoolFlow.ofParameter(this, m, register);
            return !r.incomplete && !r.shutDown && !r.escaped && r.stores.isEmpty() && r.normalLeak;
          }
        }
        return false;
      });
    }
  }
}
