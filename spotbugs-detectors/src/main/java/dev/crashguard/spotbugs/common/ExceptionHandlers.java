package dev.crashguard.spotbugs.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private final CodeException[] table;
  private final ConstantPool cp;
  private final Map<Integer, int[]> cache = new HashMap<>();

  public ExceptionHandlers(Code code, ConstantPool cp) {
    this.table = code.getExceptionTable();
    this.cp = cp;
  }

  /** The handlers an exception thrown at {@code pc} may enter, innermost first, up to a catch-all. */
  public int[] at(int pc) {
    return cache.computeIfAbsent(pc, p -> {
      List<Integer> out = new ArrayList<>();
      if (table != null) {
        for (CodeException entry : table) {
          if (p >= entry.getStartPC() && p < entry.getEndPC()) {
            out.add(entry.getHandlerPC());
            if (entry.getCatchType() == 0
                || "java/lang/Throwable".equals(cp.getConstantString(entry.getCatchType(), Const.CONSTANT_Class))) {
              break;
            }
          }
        }
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    });
  }
}
