package dev.crashguard.spotbugs.executorleak;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

/**
 * What the code of one class (and of the classes nested in it) does with the fields of a class: which
 * fields it shuts down (a shutdown call whose receiver is read from the field, directly, through a cast or
 * through a local copy; a method reference {@code field::shutdown}; Guava's {@code
 * shutdownAndAwaitTermination(field, …)}), which ones let their core threads time out, which ones leave
 * the class (returned, stored elsewhere, passed to a method that may own it), which ones a method tests
 * for null, and whether the class registers a shutdown hook. Straight-line bytecode is read backwards and
 * forwards from each call; whatever this does not resolve counts for nothing (a shutdown not seen makes a
 * field look never shut down, so an escape not seen is treated as one: see {@link #escapes}).
 */
final class FieldFacts {

  private static final int MAX_WALK = 40;

  /** field name → whether some code shuts it down. Only fields of {@link #owner}. */
  final Set<String> shutDown = new HashSet<>();
  final Set<String> coreTimeout = new HashSet<>();
  final Set<String> escaped = new HashSet<>();
  /** Method (name + signature) of the owner → fields it shuts down. */
  final Map<String, Set<String>> shutDownIn = new HashMap<>();
  /**
   * Method of the owner → fields whose value it branches on: a null test, a reference comparison (a state
   * enum), a boolean flag. A method that checks the object's state before making a pool makes it lazily or
   * once per lifecycle ({@code if (status == STARTED) return;}).
   */
  final Map<String, Set<String>> stateTestedIn = new HashMap<>();
  /** Own method → the own methods it calls. */
  private final Map<String, Set<String>> ownCalls = new HashMap<>();
  private Set<String> fromConstructors;
  boolean hook;

  private final String owner;

  private FieldFacts(String owner) {
    this.owner = owner;
  }

  /** The facts of {@code cls} about its own fields, from its own code. */
  static FieldFacts of(JavaClass cls) {
    FieldFacts facts = new FieldFacts(cls.getClassName().replace('.', '/'));
    facts.read(cls, true);
    return facts;
  }

  /** Own methods a constructor calls, directly or through other own methods: they run once per object. */
  Set<String> calledFromConstructors() {
    if (fromConstructors == null) {
      Set<String> out = new HashSet<>();
      java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>();
      ownCalls.forEach((caller, callees) -> {
        if (caller.startsWith(Const.CONSTRUCTOR_NAME)) {
          work.addAll(callees);
        }
      });
      while (!work.isEmpty()) {
        String next = work.poll();
        if (out.add(next)) {
          work.addAll(ownCalls.getOrDefault(next, Set.of()));
        }
      }
      fromConstructors = out;
    }
    return fromConstructors;
  }

  /**
   * Whether the owner's method {@code key} (name + signature) shuts {@code field} down, itself or through
   * the owner's methods it calls (a {@code dispose()} that calls a {@code shutdownExecutor()}).
   */
  boolean shutsDownThrough(String key, String field) {
    Set<String> seen = new HashSet<>();
    java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>(List.of(key));
    while (!work.isEmpty()) {
      String next = work.poll();
      if (!seen.add(next)) {
        continue;
      }
      if (shutDownIn.getOrDefault(next, Set.of()).contains(field)) {
        return true;
      }
      work.addAll(ownCalls.getOrDefault(next, Set.of()));
    }
    return false;
  }

  /** Adds what a class nested in the owner does with the owner's fields. */
  void readNested(JavaClass nested) {
    read(nested, false);
  }

  private void read(JavaClass cls, boolean own) {
    ConstantPoolGen cpg = new ConstantPoolGen(cls.getConstantPool());
    for (Method method : cls.getMethods()) {
      if (method.getCode() == null) {
        continue;
      }
      String key = method.getName() + method.getSignature();
      InstructionList list;
      try {
        list = new InstructionList(method.getCode().getCode());
      } catch (RuntimeException e) {
        continue;
      }
      for (InstructionHandle h = list.getStart(); h != null; h = h.getNext()) {
        Instruction ins = h.getInstruction();
        if (ins instanceof GETFIELD || ins instanceof GETSTATIC) {
          String field = ownField((FieldInstruction) ins, cpg);
          if (field == null) {
            continue;
          }
          if (own && testsState(h)) {
            stateTestedIn.computeIfAbsent(key, k -> new HashSet<>()).add(field);
          }
          if (escapes(h, cpg, cls)) {
            escaped.add(field);
          }
          continue;
        }
        if (ins instanceof INVOKEDYNAMIC indy) {
          if (shutdownReference(indy, cls)) {
            String field = originField(h, 0, cpg, list);
            if (field != null) {
              shutDown.add(field);
              if (own) {
                shutDownIn.computeIfAbsent(key, k -> new HashSet<>()).add(field);
              }
            }
          }
          continue;
        }
        if (!(ins instanceof InvokeInstruction invoke)) {
          continue;
        }
        String name = invoke.getMethodName(cpg);
        String callOwner = invoke.getClassName(cpg);
        if (own && callOwner.replace('.', '/').equals(owner) && !Const.CONSTRUCTOR_NAME.equals(name)) {
          ownCalls.computeIfAbsent(key, k -> new HashSet<>()).add(name + invoke.getSignature(cpg));
        }
        Type[] args = invoke.getArgumentTypes(cpg);
        String field = null;
        boolean isShutdown = false;
        if (PoolModel.SHUTDOWN_NAMES.contains(name) && args.length == 0 && ins.getOpcode() != Const.INVOKESTATIC) {
          field = originField(h, 0, cpg, list);
          isShutdown = true;
        } else if (PoolModel.STATIC_SHUTDOWN_HELPERS.hasName(name) && args.length > 0
            && PoolModel.STATIC_SHUTDOWN_HELPERS.matches(callOwner, name)) {
          field = originField(h, words(args) - args[0].getSize(), cpg, list);
          isShutdown = true;
        } else if (PoolModel.CORE_TIMEOUT.hasName(name) && args.length == 1) {
          String timedOut = originField(h, 1, cpg, list);
          if (timedOut != null) {
            coreTimeout.add(timedOut);
          }
        } else if (PoolModel.HOOKS.hasName(name) && PoolModel.HOOKS.matches(callOwner, name)) {
          hook = true;
        }
        if (isShutdown && field != null) {
          shutDown.add(field);
          if (own) {
            shutDownIn.computeIfAbsent(key, k -> new HashSet<>()).add(field);
          }
        }
      }
    }
  }

  /** Whether the field value read at {@code read} is branched on right away (as either operand). */
  private static boolean testsState(InstructionHandle read) {
    InstructionHandle next = read.getNext();
    if (next == null) {
      return false;
    }
    short op = next.getInstruction().getOpcode();
    if (op == Const.IFNULL || op == Const.IFNONNULL || op == Const.IFEQ || op == Const.IFNE
        || op == Const.IF_ACMPEQ || op == Const.IF_ACMPNE) {
      return true;
    }
    InstructionHandle after = next.getNext();
    if (after == null || !(op == Const.GETSTATIC || op == Const.ACONST_NULL || next.getInstruction() instanceof ALOAD)) {
      return false;
    }
    short second = after.getInstruction().getOpcode();
    return second == Const.IF_ACMPEQ || second == Const.IF_ACMPNE;
  }

  private String ownField(FieldInstruction field, ConstantPoolGen cpg) {
    String cls = field.getReferenceType(cpg).toString().replace('.', '/');
    return cls.equals(owner) ? field.getFieldName(cpg) : null;
  }

  private static int words(Type[] args) {
    int n = 0;
    for (Type t : args) {
      n += t.getSize();
    }
    return n;
  }

  /** The field of the owner whose value is the stack word {@code depth} below the top before {@code at}. */
  private String originField(InstructionHandle at, int depth, ConstantPoolGen cpg, InstructionList list) {
    return origin(producer(at, depth, cpg), cpg, list, 0);
  }

  /**
   * The field of the owner whose value {@code producer} pushes: read directly, through a cast, or through
   * local variables it was stored in (flow-insensitive: any store into that local; {@code if (f instanceof
   * ThreadPoolExecutor pool)} copies it twice).
   */
  private String origin(InstructionHandle producer, ConstantPoolGen cpg, InstructionList list, int hops) {
    InstructionHandle h = producer;
    for (int i = 0; h != null && i < 4; i++) {
      Instruction ins = h.getInstruction();
      if (ins instanceof GETFIELD || ins instanceof GETSTATIC) {
        return ownField((FieldInstruction) ins, cpg);
      }
      if (ins.getOpcode() == Const.CHECKCAST) {
        h = producer(h, 0, cpg);
        continue;
      }
      if (ins instanceof ALOAD load && hops < 3) {
        for (InstructionHandle s = list.getStart(); s != null; s = s.getNext()) {
          if (s.getInstruction() instanceof ASTORE store && store.getIndex() == load.getIndex()) {
            String field = origin(producer(s, 0, cpg), cpg, list, hops + 1);
            if (field != null) {
              return field;
            }
          }
        }
      }
      return null;
    }
    return null;
  }

  /** The instruction that pushed the word {@code depth} below the top of the stack before {@code at}. */
  static InstructionHandle producer(InstructionHandle at, int depth, ConstantPoolGen cpg) {
    int need = depth;
    InstructionHandle h = at.getPrev();
    for (int i = 0; h != null && i < MAX_WALK; i++, h = h.getPrev()) {
      Instruction ins = h.getInstruction();
      if (ins instanceof BranchInstruction || h.hasTargeters() && need > 0) {
        return null;
      }
      if (ins.getOpcode() == Const.DUP && need <= 1) {
        return producer(h, 0, cpg);
      }
      int produced = ins.produceStack(cpg);
      int consumed = ins.consumeStack(cpg);
      if (produced < 0 || consumed < 0) {
        return null;
      }
      if (need < produced) {
        return h;
      }
      need = need - produced + consumed;
    }
    return null;
  }

  /**
   * Whether the field value read at {@code read} leaves the class's control: returned, stored, put into an
   * array, captured, or passed to a method or constructor other than one that only runs work on it.
   */
  private static boolean escapes(InstructionHandle read, ConstantPoolGen cpg, JavaClass cls) {
    int depth = 0;
    InstructionHandle h = read.getNext();
    for (int i = 0; h != null && i < MAX_WALK; i++, h = h.getNext()) {
      Instruction ins = h.getInstruction();
      int consumed = ins.consumeStack(cpg);
      int produced = ins.produceStack(cpg);
      if (consumed < 0 || produced < 0) {
        return false;
      }
      if (consumed > depth) {
        short op = ins.getOpcode();
        if (op == Const.CHECKCAST) {
          continue;
        }
        if (op == Const.DUP) {
          depth = 0;
          continue;
        }
        if (op == Const.ARETURN || op == Const.AASTORE && depth == 0) {
          return true;
        }
        if ((op == Const.PUTFIELD || op == Const.PUTSTATIC) && depth == 0) {
          return true;
        }
        if (ins instanceof InvokeInstruction invoke) {
          if (op == Const.INVOKEDYNAMIC) {
            return !shutdownReference((INVOKEDYNAMIC) ins, cls);
          }
          boolean receiver = op != Const.INVOKESTATIC && depth == consumed - 1;
          if (receiver) {
            return false;
          }
          String owner = invoke.getClassName(cpg);
          String name = invoke.getMethodName(cpg);
          return !(PoolModel.isNonOwning(owner, name) || PoolModel.STATIC_SHUTDOWN_HELPERS.matches(owner, name)
              || PoolModel.HOOKS.matches(owner, name) || PoolModel.EXITING.matches(owner, name)
              || PoolModel.FORWARDING.matches(owner, name)
              || "java/util/Objects".equals(owner.replace('.', '/')));
        }
        return false;
      }
      if (ins instanceof BranchInstruction) {
        return false;
      }
      depth = depth - consumed + produced;
    }
    return false;
  }

  private static boolean shutdownReference(INVOKEDYNAMIC indy, JavaClass cls) {
    return shutdownReference(indy, cls, cls.getConstantPool());
  }

  /** Whether the lambda an {@code invokedynamic} makes is a method reference to a shutdown method. */
  private static boolean shutdownReference(INVOKEDYNAMIC indy, JavaClass cls, ConstantPool cp) {
    try {
      if (!(cp.getConstant(indy.getIndex()) instanceof ConstantInvokeDynamic dynamic)) {
        return false;
      }
      BootstrapMethods bootstraps = null;
      for (Attribute attribute : cls.getAttributes()) {
        if (attribute instanceof BootstrapMethods b) {
          bootstraps = b;
        }
      }
      if (bootstraps == null) {
        return false;
      }
      BootstrapMethod[] all = bootstraps.getBootstrapMethods();
      int b = dynamic.getBootstrapMethodAttrIndex();
      if (b < 0 || b >= all.length) {
        return false;
      }
      for (int argument : all[b].getBootstrapArguments()) {
        if (cp.getConstant(argument) instanceof ConstantMethodHandle handle
            && cp.getConstant(handle.getReferenceIndex()) instanceof ConstantCP ref
            && cp.getConstant(ref.getNameAndTypeIndex()) instanceof ConstantNameAndType nat
            && PoolModel.SHUTDOWN_NAMES.contains(nat.getName(cp))
            && "()V".equals(nat.getSignature(cp))) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }
}
