package dev.crashguard.spotbugs.common;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.bcel.Const;

/**
 * The JVM's stack shuffles ({@code dup}, {@code dup_x1}, {@code dup_x2}, {@code dup2}, {@code dup2_x1},
 * {@code dup2_x2}, {@code swap}) on a detector's own abstract stack, whatever it keeps per slot. Every slot
 * is one element, as the detectors' flows model the stack (a category-2 value never carries what they track).
 */
public final class StackShuffles {

  private StackShuffles() {}

  /** Applies {@code opcode} if it is a shuffle, and says whether it was. */
  public static <T> boolean apply(int opcode, Supplier<T> pop, Consumer<T> push) {
    switch (opcode) {
      case Const.DUP -> {
        T a = pop.get();
        push.accept(a);
        push.accept(a);
      }
      case Const.DUP_X1 -> {
        T a = pop.get();
        T b = pop.get();
        push.accept(a);
        push.accept(b);
        push.accept(a);
      }
      case Const.DUP_X2 -> {
        T a = pop.get();
        T b = pop.get();
        T c = pop.get();
        push.accept(a);
        push.accept(c);
        push.accept(b);
        push.accept(a);
      }
      case Const.DUP2 -> {
        T a = pop.get();
        T b = pop.get();
        push.accept(b);
        push.accept(a);
        push.accept(b);
        push.accept(a);
      }
      case Const.DUP2_X1 -> {
        T a = pop.get();
        T b = pop.get();
        T c = pop.get();
        push.accept(b);
        push.accept(a);
        push.accept(c);
        push.accept(b);
        push.accept(a);
      }
      case Const.DUP2_X2 -> {
        T a = pop.get();
        T b = pop.get();
        T c = pop.get();
        T d = pop.get();
        push.accept(b);
        push.accept(a);
        push.accept(d);
        push.accept(c);
        push.accept(b);
        push.accept(a);
      }
      case Const.SWAP -> {
        T a = pop.get();
        T b = pop.get();
        push.accept(a);
        push.accept(b);
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
