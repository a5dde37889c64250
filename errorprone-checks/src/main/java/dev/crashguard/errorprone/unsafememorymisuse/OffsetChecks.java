package dev.crashguard.errorprone.unsafememorymisuse;

import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.ARRAY_LAYOUT_CONSTANTS;
import static dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.GET_UNSAFE_FAILURE_CATCHES;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.Kind;
import dev.crashguard.errorprone.common.Types;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * The checks one call says enough for: a fixed address or offset, an offset paired with the wrong object
 * or array, {@code objectFieldOffset} of a static field, a dropped {@code reallocateMemory} result, and
 * {@code getUnsafe()} outside the JDK. An offset is followed into the initializers of {@code static final}
 * fields of the unit ({@link UnitFacts}); a base whose static type says nothing ({@code Object}, an
 * interface) is never judged.
 */
final class OffsetChecks {

  private static final int TRACE_DEPTH = 4;

  private OffsetChecks() {}

  /** Where an offset comes from, as far as the unit tells. */
  private sealed interface Origin {}

  /** {@code objectFieldOffset} of {@code field}. */
  private record FieldOffset(VarSymbol field) implements Origin {}

  /** {@code staticFieldOffset} of some static field. */
  private record StaticOffset() implements Origin {}

  /** A base or scale of the array type {@code descriptor} ({@code [B}, {@code [Ljava/lang/Object;}). */
  private record ArrayLayout(String descriptor) implements Origin {}

  /** The finding on {@code call} of role {@code role}, or null. */
  static UnsafeFinding check(
      MethodInvocationTree call, UnsafeCalls.Role role, TreePath path, UnitFacts unit, VisitorState state) {
    return switch (role) {
      case ACCESS -> access(call, unit, state);
      case FIELD_OFFSET -> staticFieldAsked(call, unit, state);
      case REALLOCATE ->
          path.getParentPath() != null && path.getParentPath().getLeaf() instanceof ExpressionStatementTree
                  && !call.getArguments().isEmpty()
              ? new UnsafeFinding(call, source(call.getArguments().get(0), state), Kind.REALLOCATION_DROPPED)
              : null;
      case ALLOCATE ->
          path.getParentPath() != null && path.getParentPath().getLeaf() instanceof ExpressionStatementTree
              ? new UnsafeFinding(call, source(call, state), Kind.LEAKED)
              : null;
      case GET_UNSAFE -> getUnsafe(call, path, state);
      default -> null;
    };
  }

  private static UnsafeFinding access(MethodInvocationTree call, UnitFacts unit, VisitorState state) {
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    List<? extends ExpressionTree> args = call.getArguments();
    if (method == null || method.getParameters().isEmpty() || args.size() != method.getParameters().size()) {
      return null;
    }
    if (method.getParameters().get(0).type.getTag() == TypeTag.LONG) {
      ExpressionTree address = args.get(0);
      return ASTHelpers.constValue(address) != null
          ? new UnsafeFinding(call, source(address, state), Kind.ABSOLUTE_ADDRESS)
          : null;
    }
    if (args.size() < 2) {
      return null;
    }
    ExpressionTree base = strip(args.get(0));
    ExpressionTree offset = args.get(1);
    if (base instanceof LiteralTree literal && literal.getKind() == Tree.Kind.NULL_LITERAL) {
      return ASTHelpers.constValue(offset) != null
          ? new UnsafeFinding(call, source(offset, state), Kind.ABSOLUTE_ADDRESS)
          : null;
    }
    Type baseType = ASTHelpers.getType(base);
    if (baseType == null) {
      return null;
    }
    boolean array = baseType.getTag() == TypeTag.ARRAY;
    boolean knownClass = !array && isConcreteClass(baseType);
    if (ASTHelpers.constValue(offset) != null) {
      return array
          ? new UnsafeFinding(call, source(offset, state), Kind.LITERAL_ARRAY_OFFSET)
          : knownClass ? new UnsafeFinding(call, source(offset, state), Kind.LITERAL_FIELD_OFFSET) : null;
    }
    Origin origin = trace(offset, unit, state, 0, true);
    if (origin instanceof ArrayLayout layout && array) {
      String own = descriptor(baseType, state);
      return own != null && !own.equals(layout.descriptor())
          ? new UnsafeFinding(call, source(offset, state), Kind.ARRAY_LAYOUT_OF_OTHER_TYPE,
              display(layout.descriptor()), display(own))
          : null;
    }
    if (origin instanceof FieldOffset field && knownClass) {
      Symbol owner = field.field().owner;
      if (owner instanceof ClassSymbol ownerClass && !ownerClass.isInterface()
          && !Types.isSubtype(baseType, ownerClass.getQualifiedName().toString(), state)
          && !state.getTypes().isSubtype(state.getTypes().erasure(ownerClass.type), state.getTypes().erasure(baseType))) {
        return new UnsafeFinding(call, source(offset, state), Kind.OFFSET_OF_OTHER_CLASS,
            ownerClass.getSimpleName(), baseType.tsym.getSimpleName());
      }
      return null;
    }
    if (origin instanceof StaticOffset && knownClass
        && !Types.isSubtype(baseType, "java.lang.Class", state)
        && !(trace(base, unit, state, 0, false) instanceof StaticOffset)) {
      return new UnsafeFinding(call, source(offset, state), Kind.STATIC_OFFSET_ON_OTHER_BASE);
    }
    return null;
  }

  /**
   * {@code objectFieldOffset(Field)} of a field that is declared {@code static}: HotSpot throws {@code
   * IllegalArgumentException}. The JDK's own {@code objectFieldOffset(Class, String)} returns a meaningless
   * number instead, which the phrase of this kind does not describe: left alone.
   */
  private static UnsafeFinding staticFieldAsked(MethodInvocationTree call, UnitFacts unit, VisitorState state) {
    if (call.getArguments().size() != 1) {
      return null;
    }
    VarSymbol field = fieldOfOffsetCall(call, unit, state, 0);
    return field != null && field.getModifiers().contains(Modifier.STATIC)
        ? new UnsafeFinding(call, field.owner.getSimpleName() + "." + field.getSimpleName(),
            Kind.OFFSET_OF_STATIC_FIELD)
        : null;
  }

  private static UnsafeFinding getUnsafe(MethodInvocationTree call, TreePath path, VisitorState state) {
    ExpressionTree packageName = path.getCompilationUnit().getPackageName();
    String pkg = packageName == null ? "" : packageName.toString() + ".";
    if (pkg.startsWith("java.") || pkg.startsWith("jdk.") || pkg.startsWith("sun.")) {
      return null;
    }
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof TryTree tryTree && tryTree.getBlock() == child) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          Tree type = catchTree.getParameter().getType();
          List<? extends Tree> alternatives =
              type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
          for (Tree alternative : alternatives) {
            Type caught = ASTHelpers.getType(alternative);
            if (caught != null && GET_UNSAFE_FAILURE_CATCHES.contains(Types.erasedName(caught, state))) {
              return null;
            }
          }
        }
      }
      if (leaf instanceof ClassTree || leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        break;
      }
    }
    return new UnsafeFinding(call, "Unsafe.getUnsafe()", Kind.GET_UNSAFE_OUTSIDE_JDK);
  }

  /**
   * Where {@code expression} comes from: an offset call, a layout constant of {@code Unsafe}, a {@code
   * static final} of the unit traced to its initializer, arithmetic over array layouts of one type. With
   * {@code offsets} false, it asks for a {@code staticFieldBase} (answered as a {@link StaticOffset}).
   */
  private static Origin trace(ExpressionTree expression, UnitFacts unit, VisitorState state, int depth,
      boolean offsets) {
    ExpressionTree e = strip(expression);
    if (e == null || depth > TRACE_DEPTH) {
      return null;
    }
    if (e instanceof BinaryTree binary && offsets && UnitFacts.isArithmetic(binary)) {
      Origin left = trace(binary.getLeftOperand(), unit, state, depth + 1, true);
      Origin right = trace(binary.getRightOperand(), unit, state, depth + 1, true);
      ArrayLayout l = left instanceof ArrayLayout a ? a : null;
      ArrayLayout r = right instanceof ArrayLayout a ? a : null;
      if (l != null && r != null) {
        return l.equals(r) ? l : null;
      }
      // A field offset plus something is no longer the field's own offset: only array layouts combine.
      return l != null ? (right == null ? l : null) : r != null && left == null ? r : null;
    }
    if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      if (!(symbol instanceof VarSymbol variable) || variable.getKind() != ElementKind.FIELD) {
        return null;
      }
      if (offsets && isUnsafeClass(variable.owner)) {
        String descriptor = ARRAY_LAYOUT_CONSTANTS.get(variable.getSimpleName().toString());
        return descriptor == null ? null : new ArrayLayout(descriptor);
      }
      ExpressionTree initializer = unit.constantInitializer(variable);
      return initializer == null ? null : trace(initializer, unit, state, depth + 1, offsets);
    }
    if (e instanceof MethodInvocationTree call) {
      UnsafeCalls.Role role = UnsafeCalls.of(state).role(call);
      if (role == null) {
        return offsets ? helperFieldOffset(call, state) : null;
      }
      if (!offsets) {
        return role == UnsafeCalls.Role.STATIC_FIELD_BASE ? new StaticOffset() : null;
      }
      return switch (role) {
        case FIELD_OFFSET -> {
          VarSymbol field = fieldOfOffsetCall(call, unit, state, depth);
          yield field == null || field.getModifiers().contains(Modifier.STATIC) ? null : new FieldOffset(field);
        }
        case STATIC_FIELD_OFFSET -> new StaticOffset();
        case ARRAY_BASE, ARRAY_SCALE -> {
          if (call.getArguments().size() != 1) {
            yield null;
          }
          Type type = classLiteral(call.getArguments().get(0));
          String descriptor = type == null ? null : descriptor(type, state);
          yield descriptor == null ? null : new ArrayLayout(descriptor);
        }
        default -> null;
      };
    }
    return null;
  }

  /**
   * A helper of the library that returns a field's offset from the class and the field's name, such as
   * JCTools' {@code fieldOffset(Class, String)} or Caffeine's {@code objectFieldOffset(Class, String)}: a
   * call whose name says offset, returning a {@code long}, with a class literal and a string constant.
   */
  private static Origin helperFieldOffset(MethodInvocationTree call, VisitorState state) {
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || method.getReturnType().getTag() != TypeTag.LONG
        || !method.getSimpleName().toString().toLowerCase(java.util.Locale.ROOT).contains("offset")) {
      return null;
    }
    VarSymbol field = namedField(call.getArguments());
    return field == null || field.getModifiers().contains(Modifier.STATIC) ? null : new FieldOffset(field);
  }

  /** The field an {@code objectFieldOffset} call names, when the unit tells. */
  private static VarSymbol fieldOfOffsetCall(MethodInvocationTree call, UnitFacts unit, VisitorState state,
      int depth) {
    List<? extends ExpressionTree> args = call.getArguments();
    if (args.size() == 2) {
      return namedField(args);
    }
    return args.size() == 1 ? fieldOf(args.get(0), unit, state, depth + 1) : null;
  }

  /** A {@code java.lang.reflect.Field} expression: a lookup on a class literal, or a constant holding one. */
  private static VarSymbol fieldOf(ExpressionTree expression, UnitFacts unit, VisitorState state, int depth) {
    ExpressionTree e = strip(expression);
    if (e == null || depth > TRACE_DEPTH) {
      return null;
    }
    if (e instanceof MethodInvocationTree call) {
      Symbol.MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null || !Types.isSubtype(method.getReturnType(), "java.lang.reflect.Field", state)) {
        return null;
      }
      String name = method.getSimpleName().toString();
      if ((name.equals("getDeclaredField") || name.equals("getField"))
          && method.owner.getQualifiedName().contentEquals("java.lang.Class")
          && call.getMethodSelect() instanceof MemberSelectTree select && call.getArguments().size() == 1) {
        Type owner = classLiteral(select.getExpression());
        return owner == null ? null : find(owner, call.getArguments().get(0), name.equals("getField"));
      }
      return namedField(call.getArguments());
    }
    if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      ExpressionTree initializer = symbol == null ? null : unit.constantInitializer(symbol);
      return initializer == null ? null : fieldOf(initializer, unit, state, depth + 1);
    }
    return null;
  }

  /** A class literal and a string constant, in this order, naming a field declared by that class. */
  private static VarSymbol namedField(List<? extends ExpressionTree> args) {
    if (args.size() != 2) {
      return null;
    }
    Type owner = classLiteral(args.get(0));
    return owner == null ? null : find(owner, args.get(1), false);
  }

  private static VarSymbol find(Type owner, ExpressionTree nameTree, boolean inherited) {
    if (!(ASTHelpers.constValue(nameTree) instanceof String name) || !(owner.tsym instanceof ClassSymbol c)) {
      return null;
    }
    for (ClassSymbol k = c; k != null; ) {
      for (Symbol member : k.getEnclosedElements()) {
        if (member instanceof VarSymbol v && v.getKind() == ElementKind.FIELD && v.getSimpleName().contentEquals(name)) {
          return v;
        }
      }
      if (!inherited) {
        return null;
      }
      Type superType = k.getSuperclass();
      k = superType != null && superType.tsym instanceof ClassSymbol s ? s : null;
    }
    return null;
  }

  /** The type {@code X} of a class literal {@code X.class}; null for anything else. */
  private static Type classLiteral(ExpressionTree expression) {
    ExpressionTree e = strip(expression);
    if (e instanceof MemberSelectTree select && select.getIdentifier().contentEquals("class")) {
      return ASTHelpers.getType(select.getExpression());
    }
    return null;
  }

  /** The layout descriptor of an array type: every reference array shares the {@code Object[]} layout. */
  private static String descriptor(Type type, VisitorState state) {
    if (type.getTag() != TypeTag.ARRAY) {
      return null;
    }
    Type component = state.getTypes().elemtype(type);
    return switch (component.getTag()) {
      case BOOLEAN -> "[Z";
      case BYTE -> "[B";
      case SHORT -> "[S";
      case CHAR -> "[C";
      case INT -> "[I";
      case LONG -> "[J";
      case FLOAT -> "[F";
      case DOUBLE -> "[D";
      case CLASS, ARRAY, TYPEVAR -> "[Ljava/lang/Object;";
      default -> null;
    };
  }

  private static String display(String descriptor) {
    return switch (descriptor) {
      case "[Z" -> "boolean[]";
      case "[B" -> "byte[]";
      case "[S" -> "short[]";
      case "[C" -> "char[]";
      case "[I" -> "int[]";
      case "[J" -> "long[]";
      case "[F" -> "float[]";
      case "[D" -> "double[]";
      default -> "Object[]";
    };
  }

  /** A class type that says what the object is: not {@code Object}, not an interface, not a type variable. */
  private static boolean isConcreteClass(Type type) {
    return type.getTag() == TypeTag.CLASS
        && type.tsym instanceof ClassSymbol c
        && !c.isInterface()
        && !c.getQualifiedName().contentEquals("java.lang.Object");
  }

  private static boolean isUnsafeClass(Symbol owner) {
    return owner != null
        && (owner.getQualifiedName().contentEquals(
                dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.SUN_UNSAFE)
            || owner.getQualifiedName().contentEquals(
                dev.crashguard.catalog.knowledge.UnsafeMemoryMisuseKnowledge.INTERNAL_UNSAFE));
  }

  /** {@code expression} without parentheses and casts. */
  static ExpressionTree strip(ExpressionTree expression) {
    ExpressionTree e = expression;
    while (e instanceof ParenthesizedTree || e instanceof TypeCastTree) {
      e = e instanceof ParenthesizedTree p ? p.getExpression() : ((TypeCastTree) e).getExpression();
    }
    return e;
  }

  static String source(Tree tree, VisitorState state) {
    String source = state.getSourceForNode(tree);
    return source != null ? source : String.valueOf(tree);
  }
}
