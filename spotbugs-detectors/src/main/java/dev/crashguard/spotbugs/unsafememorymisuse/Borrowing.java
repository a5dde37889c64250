package dev.crashguard.spotbugs.unsafememorymisuse;

import dev.crashguard.spotbugs.common.ControlFlow;
import dev.crashguard.spotbugs.common.HazardSuppressions;
import dev.crashguard.spotbugs.common.Slots;
import dev.crashguard.spotbugs.common.StackShuffles;
import dev.crashguard.spotbugs.unsafememorymisuse.UnsafeModel.Call;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ArithmeticInstruction;
import org.apache.bcel.generic.ConversionInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.IINC;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

/**
 * Whether a method of the caller's own class family (the same top-level class) only borrows an address
 * passed to it: reads and writes through it with {@code Unsafe}, does arithmetic and comparisons on it, and
 * hands it only to methods that borrow it too; it never stores, returns, frees, reallocates it or passes it
 * to any other call. Such a call ({@code checksum(address, size)}) leaves the address with the caller; any
 * other call takes it. Only methods no subclass can replace count (static, private, final, or of a final
 * class), read from class files; anything unread is a call that takes the address.
 */
final class Borrowing {

  private static final int MAX_DEPTH = 3;
  private static final int MAX_ROUNDS = 4;
  private static final int MAX_STEPS = 20_000;

  private final Map<String, Boolean> cache = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private int depth;

  void clear() {
    cache.clear();
  }

  boolean borrows(JavaClass caller, InvokeInstruction invoke, ConstantPoolGen cpg, int arg) {
    short op = invoke.getOpcode();
    if (op == Const.INVOKEDYNAMIC || op == Const.INVOKEINTERFACE) {
      return false;
    }
    String ownerSignature = invoke.getReferenceType(cpg).getSignature();
    if (!ownerSignature.startsWith("L")) {
      return false;
    }
    String owner = ownerSignature.substring(1, ownerSignature.length() - 1);
    String name = invoke.getMethodName(cpg);
    String signature = invoke.getSignature(cpg);
    String callerName = caller.getClassName().replace('.', '/');
    if (Const.CONSTRUCTOR_NAME.equals(name) || !topLevel(owner).equals(topLevel(callerName))) {
      return false;
    }
    String key = owner + "#" + name + signature + "#" + arg;
    Boolean known = cache.get(key);
    if (known != null) {
      return known;
    }
    if (depth >= MAX_DEPTH || !inProgress.add(key)) {
      return false;
    }
    depth++;
    boolean answer;
    try {
      answer = analyse(owner.equals(callerName) ? caller : HazardSuppressions.lookup(owner), op, name, signature, arg);
    } finally {
      depth--;
      inProgress.remove(key);
    }
    cache.put(key, answer);
    return answer;
  }

  private static String topLevel(String internalName) {
    int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
    return dollar < 0 ? internalName : internalName.substring(0, dollar);
  }

  private boolean analyse(JavaClass target, short op, String name, String signature, int arg) {
    if (target == null) {
      return false;
    }
    Method method = null;
    for (Method m : target.getMethods()) {
      if (m.getName().equals(name) && m.getSignature().equals(signature)) {
        method = m;
      }
    }
    if (method == null || method.getCode() == null || method.isAbstract() || method.isNative()) {
      return false;
    }
    if (op == Const.INVOKEVIRTUAL && !(method.isPrivate() || method.isFinal() || target.isFinal())) {
      return false;
    }
    if ((op == Const.INVOKESTATIC) != method.isStatic()) {
      return false;
    }
    int register = Slots.registerOfParameter(method, arg);
    if (register < 0) {
      return false;
    }
    ConstantPoolGen cpg = new ConstantPoolGen(target.getConstantPool());
    Set<Integer> carrying = new HashSet<>(Set.of(register, register + 1));
    for (int round = 0; round < MAX_ROUNDS; round++) {
      int before = carrying.size();
      Boolean ok = pass(target, method, cpg, carrying);
      if (ok == null || !ok) {
        return false;
      }
      if (carrying.size() == before) {
        return true;
      }
    }
    return false;
  }

  /** One pass over the method; adds the locals the address reaches; null or false when it is taken. */
  private Boolean pass(JavaClass target, Method method, ConstantPoolGen cpg, Set<Integer> carrying) {
    Code code = method.getCode();
    ControlFlow flow = new ControlFlow(code.getCode());
    Map<Integer, InstructionHandle> handles = new HashMap<>();
    for (InstructionHandle h : flow.instructions().getInstructionHandles()) {
      handles.put(h.getPosition(), h);
      short op = h.getInstruction().getOpcode();
      if (op == Const.JSR || op == Const.JSR_W || op == Const.RET) {
        return null;
      }
    }
    Map<Integer, List<Boolean>> stacks = new HashMap<>();
    Deque<Integer> work = new ArrayDeque<>();
    stacks.put(0, List.of());
    work.add(0);
    CodeException[] table = code.getExceptionTable();
    if (table != null) {
      for (CodeException entry : table) {
        stacks.put(entry.getHandlerPC(), List.of(false));
        work.add(entry.getHandlerPC());
      }
    }
    int steps = 0;
    while (!work.isEmpty()) {
      if (steps++ > MAX_STEPS) {
        return null;
      }
      int pc = work.poll();
      InstructionHandle h = handles.get(pc);
      if (h == null) {
        continue;
      }
      List<Boolean> stack = new ArrayList<>(stacks.get(pc));
      if (!step(target, h.getInstruction(), cpg, stack, carrying)) {
        return false;
      }
      int[] successors = flow.successors(pc);
      for (int next : successors) {
        List<Boolean> old = stacks.get(next);
        List<Boolean> merged = merge(old, stack);
        if (merged == null) {
          return null;
        }
        if (!merged.equals(old)) {
          stacks.put(next, merged);
          work.add(next);
        }
      }
    }
    return true;
  }

  private static List<Boolean> merge(List<Boolean> old, List<Boolean> now) {
    if (old == null) {
      return List.copyOf(now);
    }
    if (old.size() != now.size()) {
      return null;
    }
    List<Boolean> out = new ArrayList<>(old.size());
    for (int i = 0; i < old.size(); i++) {
      out.add(old.get(i) || now.get(i));
    }
    return List.copyOf(out);
  }

  private boolean step(JavaClass target, Instruction ins, ConstantPoolGen cpg, List<Boolean> stack,
      Set<Integer> carrying) {
    short op = ins.getOpcode();
    if (StackShuffles.apply(op, () -> pop(stack), stack::add)) {
      return true;
    }
    if (ins instanceof LoadInstruction load) {
      boolean c = carrying.contains(load.getIndex());
      for (int i = 0; i < load.getType(cpg).getSize(); i++) {
        stack.add(c);
      }
      return true;
    }
    if (ins instanceof StoreInstruction store) {
      int size = store.getType(cpg).getSize();
      boolean c = false;
      for (int i = 0; i < size; i++) {
        c |= pop(stack);
      }
      if (c) {
        carrying.add(store.getIndex());
        if (size == 2) {
          carrying.add(store.getIndex() + 1);
        }
      }
      return true;
    }
    if (ins instanceof IINC) {
      return true;
    }
    if (ins instanceof InvokeInstruction invoke) {
      return invoke(target, invoke, cpg, stack);
    }
    int consumed = ins.consumeStack(cpg);
    boolean c = false;
    for (int i = 0; i < consumed; i++) {
      c |= pop(stack);
    }
    boolean propagates = ins instanceof ArithmeticInstruction || ins instanceof ConversionInstruction;
    if (c && !propagates && !(ins instanceof IfInstruction) && op != Const.LCMP && op != Const.POP
        && op != Const.POP2) {
      return false; // stored, returned, thrown, or used in a way not followed
    }
    int produced = ins.produceStack(cpg);
    for (int i = 0; i < produced; i++) {
      stack.add(c && propagates);
    }
    return true;
  }

  private boolean invoke(JavaClass target, InvokeInstruction invoke, ConstantPoolGen cpg, List<Boolean> stack) {
    String signature = invoke.getSignature(cpg);
    Type[] arguments = Type.getArgumentTypes(signature);
    boolean[] flags = new boolean[arguments.length];
    for (int i = arguments.length - 1; i >= 0; i--) {
      for (int w = 0; w < arguments[i].getSize(); w++) {
        flags[i] |= pop(stack);
      }
    }
    boolean receiverCarries = invoke.getOpcode() != Const.INVOKESTATIC && invoke.getOpcode() != Const.INVOKEDYNAMIC
        && pop(stack);
    if (receiverCarries) {
      return false;
    }
    String ownerSignature = invoke.getOpcode() == Const.INVOKEDYNAMIC ? "" : invoke.getReferenceType(cpg).getSignature();
    String owner = ownerSignature.startsWith("L") ? ownerSignature.substring(1, ownerSignature.length() - 1) : "";
    for (int i = 0; i < flags.length; i++) {
      if (!flags[i]) {
        continue;
      }
      if (UnsafeModel.isUnsafe(owner)) {
        Call call = UnsafeModel.call(owner, invoke.getMethodName(cpg));
        if (!UnsafeModel.isAddressRole(call, signature, i)) {
          return false;
        }
      } else if (invoke.getOpcode() == Const.INVOKEDYNAMIC || !borrows(target, invoke, cpg, i)) {
        return false;
      }
    }
    Type returned = Type.getReturnType(signature);
    for (int w = 0; w < returned.getSize(); w++) {
      stack.add(false);
    }
    return true;
  }

  private static boolean pop(List<Boolean> stack) {
    return !stack.isEmpty() && stack.remove(stack.size() - 1);
  }
}
