package dev.crashguard.errorprone.doubleclose;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import dev.crashguard.catalog.knowledge.DoubleCloseKnowledge;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link DoubleCloseKnowledge#RELEASING_METHOD_NAMES} as the compilation's own names, so that telling
 * whether code may release anything costs an identity lookup per call and builds no string: it runs over
 * every call of every compilation unit, almost all of which release nothing.
 */
final class ReleaseNames {

  private static volatile ReleaseNames last;

  private final Names table;
  private final Set<Name> releasing = new HashSet<>();
  private final Set<Name> handOverOnly = new HashSet<>();

  private ReleaseNames(Names table) {
    this.table = table;
    DoubleCloseKnowledge.RELEASING_METHOD_NAMES.forEach(name -> releasing.add(table.fromString(name)));
    ReleaseModel.HAND_OVER_ONLY_NAMES.forEach(name -> handOverOnly.add(table.fromString(name)));
  }

  /** The names of the compilation {@code state} belongs to. */
  static ReleaseNames of(VisitorState state) {
    ReleaseNames names = last;
    if (names == null || names.table != state.getNames()) {
      names = new ReleaseNames(state.getNames());
      last = names;
    }
    return names;
  }

  /**
   * Whether {@code call} may release, close, unlock or hand away: its name is one of those, and a name
   * only a hand-over has ({@code write}, {@code addComponent}, …: everyday names on streams and writers)
   * counts only when the call is one of {@link DoubleCloseKnowledge#OWNERSHIP_TAKING_CALLS}. The walk
   * decides the rest.
   */
  boolean mayRelease(MethodInvocationTree call, VisitorState state) {
    ExpressionTree select = call.getMethodSelect();
    Name name =
        select instanceof MemberSelectTree member
            ? (Name) member.getIdentifier()
            : select instanceof IdentifierTree id ? (Name) id.getName() : null;
    return name != null
        && releasing.contains(name)
        && (!handOverOnly.contains(name) || ReleaseModel.OWNERSHIP_TAKING_CALLS.matches(call, state));
  }
}
