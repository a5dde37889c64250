package dev.crashguard.spotbugs.common;

import dev.crashguard.catalog.knowledge.ControlFlowKnowledge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.ConstantPool;

/**
 * The exception edges {@link ControlFlow} leaves out: the handlers an exception thrown at an instruction may
 * enter, innermost first, up to the first catch-all ({@code finally}, {@code catch (Throwable)}), which
 * every exception stops at. Read from the method's exception table once per instruction asked about.
 */
public final class ExceptionHandlers {

  private static final String THROWABLE = "java/lang/Throwable";
  private static final String EXCEPTION = ControlFlowKnowledge.EXCEPTION.replace('.', '/');
  private static final String RUNTIME_EXCEPTION = ControlFlowKnowledge.RUNTIME_EXCEPTION.replace('.', '/');

  private final CodeException[] table;
  private final ConstantPool cp;
  private final Map<Integer, int[]> cache = new HashMap<>();
  private final Map<Integer, int[]> callCache = new HashMap<>();

  public ExceptionHandlers(Code code, ConstantPool cp) {
    this.table = code.getExceptionTable();
    this.cp = cp;
  }

  /** The handlers an exception thrown at {@code pc} may enter, innermost first, up to a catch-all. */
  public int[] at(int pc) {
    return cache.computeIfAbsent(pc, p -> handlers(p, caught -> true));
  }

  /**
   * The handlers an exception thrown by the call at {@code pc} may enter: those of {@link #at}, less each
   * handler of checked exceptions only (a subtype of {@code Exception} that is neither {@code Exception}
   * itself nor a {@code RuntimeException}) that no exception the called method declares is related to (a
   * subtype or a supertype of its catch type). A call throws an unchecked exception or one its method
   * declares: one that declares none cannot enter {@code catch (IOException e)}, as javac knows (Error
   * Prone's DoubleClose walks the same edges). {@code declared} gives the internal names of the declared
   * exceptions, or null when the called method is unknown: then it may throw anything. An exception class
   * outside the class path, declared or caught, is taken to be related. The call at a pc is always the
   * same, so {@code declared} is asked once per pc.
   */
  public int[] atCall(int pc, Supplier<List<String>> declared) {
    return callCache.computeIfAbsent(pc, p -> {
      List<String> thrown = declared.get();
      return thrown == null ? at(p) : handlers(p, caught -> !checkedOnly(caught) || thrown.stream().anyMatch(
          t -> !Types.isSubtype(t, THROWABLE) || Types.isSubtype(t, caught) || Types.isSubtype(caught, t)));
    });
  }

  /** The handlers covering {@code pc} that {@code enters} accepts (by catch type), up to a catch-all. */
  private int[] handlers(int pc, Predicate<String> enters) {
    List<Integer> out = new ArrayList<>();
    if (table != null) {
      for (CodeException entry : table) {
        if (pc >= entry.getStartPC() && pc < entry.getEndPC()) {
          String caught = entry.getCatchType() == 0 ? null : cp.getConstantString(entry.getCatchType(), Const.CONSTANT_Class);
          if (caught == null || THROWABLE.equals(caught)) {
            out.add(entry.getHandlerPC());
            break;
          }
          if (enters.test(caught)) {
            out.add(entry.getHandlerPC());
          }
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether a handler of {@code caught} takes checked exceptions only; a class not found may take any. */
  private static boolean checkedOnly(String caught) {
    return !EXCEPTION.equals(caught) && Types.isSubtype(caught, EXCEPTION) && !Types.isSubtype(caught, RUNTIME_EXCEPTION);
  }
}
