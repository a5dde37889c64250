package dev.crashguard.errorprone.unsynchronizedmapwrite;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;
import dev.crashguard.errorprone.common.Types;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The suggested fix: construct the thread-safe counterpart in the map's initializer. Offered only where
 * it cannot change what the program means:
 *
 * <ul>
 *   <li>the created class has a counterpart with the same contract (HashMap, TreeMap, HashSet, TreeSet;
 *       never LinkedHashMap, IdentityHashMap, WeakHashMap, EnumMap or LinkedHashSet);
 *   <li>the variable is declared as an interface the counterpart implements (a {@code HashMap<K, V>}
 *       variable cannot hold a ConcurrentHashMap), and is assigned nowhere else;
 *   <li>the counterpart takes the same constructor arguments with the same meaning: a capacity, a load
 *       factor or a comparator, not a collection to copy (it may hold nulls);
 *   <li>no null literal is ever written to it: the counterparts reject null keys and values;
 *   <li>it is a local or a private field, so every use is in this unit, and none casts it or tests it
 *       with instanceof (code that relies on its class).
 * </ul>
 */
final class ConcurrentMapFix {

  private ConcurrentMapFix() {}

  static Optional<SuggestedFix> of(MapVariable map, VisitorState state) {
    if (!map.declaredInCurrentUnit()
        || (map.isField() && !map.symbol().getModifiers().contains(Modifier.PRIVATE))
        || map.nullWritten()
        || map.castSeen()
        || map.assignedValues().size() != 1
        || !(map.declaration().get().getLeaf() instanceof VariableTree declaration)
        || declaration.getInitializer() == null
        || !(ASTHelpers.stripParentheses(declaration.getInitializer()) instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || creation.getEnclosingExpression() != null) {
      return Optional.empty();
    }
    String created = Types.erasedName(ASTHelpers.getType(creation.getIdentifier()), state);
    Optional<MapModel.Replacement> found = MapModel.replacementFor(created);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MapModel.Replacement replacement = found.get();
    Type declared = map.symbol().type;
    Type counterpart = state.getTypeFromString(replacement.type());
    if (declared == null
        || counterpart == null
        || !declared.tsym.isInterface()
        || !state.getTypes().isSubtype(state.getTypes().erasure(counterpart), state.getTypes().erasure(declared))
        || !argumentsKeepTheirMeaning(creation, replacement, state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (replacement.keySetFactory()) {
      String chm = SuggestedFixes.qualifyType(state, fix, MapModel.CONCURRENT_HASH_MAP);
      String arguments =
          creation.getArguments().stream().map(state::getSourceForNode).collect(Collectors.joining(", "));
      fix.replace(creation, chm + ".newKeySet(" + arguments + ")");
    } else {
      Tree typeName = creation.getIdentifier();
      if (typeName instanceof ParameterizedTypeTree parameterized) {
        typeName = parameterized.getType();
      }
      fix.replace(typeName, SuggestedFixes.qualifyType(state, fix, replacement.type()));
    }
    return Optional.of(fix.build());
  }

  private static boolean argumentsKeepTheirMeaning(
      NewClassTree creation, MapModel.Replacement replacement, VisitorState state) {
    if (replacement.keySetFactory() && creation.getArguments().size() > 1) {
      return false; // newKeySet has no load factor
    }
    for (ExpressionTree argument : creation.getArguments()) {
      Type type = ASTHelpers.getType(argument);
      boolean capacity = type != null && type.isPrimitive();
      boolean comparator =
          replacement.comparatorArgument() && Types.isSubtype(type, "java.util.Comparator", state);
      if (!capacity && !comparator) {
        return false;
      }
    }
    return true;
  }
}
