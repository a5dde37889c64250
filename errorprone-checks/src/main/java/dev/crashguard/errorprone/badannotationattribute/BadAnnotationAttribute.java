package dev.crashguard.errorprone.badannotationattribute;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AnnotationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Annotation;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Problem;
import dev.crashguard.errorprone.common.CrashguardChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * Reports an annotation attribute that compiles but that its library refuses at run time: see {@link
 * Hazard#BAD_ANNOTATION_ATTRIBUTE} and the docs page. Each annotation is read as the compiler resolved it
 * (constants folded) and judged by the catalog's {@link BadAnnotationAttributeKnowledge}, with what only
 * several annotations say together: the other constraints on the same element ({@code @Min} above {@code
 * @Max}), the other fields of the class (two {@code @JsonProperty} of one name), the class's own mapping
 * (a path variable captured twice). Reported on the annotation. A fix is suggested only where one correction
 * is the only sensible one ({@link Problem#correctedValue}): elsewhere, which value was meant is the
 * author's to say.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "BadAnnotationAttribute",
    summary = "An annotation attribute (regex, date pattern, cron, JSON name) is invalid and fails only at run time.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "BadAnnotationAttribute.md")
public final class BadAnnotationAttribute extends CrashguardChecker implements AnnotationTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public BadAnnotationAttribute() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  BadAnnotationAttribute(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.BAD_ANNOTATION_ATTRIBUTE;
  }

  @Override
  public Description matchAnnotation(AnnotationTree tree, VisitorState state) {
    return safely(
        () -> {
          if (!(ASTHelpers.getAnnotationMirror(tree) instanceof Attribute.Compound compound)
              || !BadAnnotationAttributeKnowledge.JUDGED_TYPES.contains(AnnotationReader.binaryName(compound.type))) {
            return Description.NO_MATCH;
          }
          TreePath modifiers = state.getPath().getParentPath();
          if (modifiers == null || !(modifiers.getLeaf() instanceof ModifiersTree)) {
            return Description.NO_MATCH;
          }
          Tree element = modifiers.getParentPath().getLeaf();
          Symbol symbol = ASTHelpers.getSymbol(element);
          if (symbol == null || generated(element, state) || suppressedByHazardAnnotation(state)) {
            return Description.NO_MATCH;
          }
          Annotation annotation = AnnotationReader.read(compound);
          if (!BadAnnotationAttributeKnowledge.judgedOn(annotation.type(), symbol.isStatic() && symbol.getKind() != ElementKind.PARAMETER)) {
            return Description.NO_MATCH;
          }
          List<Problem> problems =
              new ArrayList<>(BadAnnotationAttributeKnowledge.judge(annotation, AnnotationReader.targetType(symbol, state.getTypes())));
          problems.addAll(withSiblings(annotation, (ModifiersTree) modifiers.getLeaf()));
          duplicateJsonName(annotation, element, symbol, modifiers.getParentPath()).ifPresent(problems::add);
          classLevelPath(annotation, element, modifiers.getParentPath()).ifPresent(problems::add);
          for (Problem problem : problems) {
            state.reportMatch(report(tree, problem.subject(), problem.origin(), fix(tree, problem, state)));
          }
          return Description.NO_MATCH;
        });
  }

  /**
   * The catalog's correction of the attribute, where there is only one sensible one ({@link
   * Problem#correctedValue}) and the value is written as a string literal on this annotation (a constant
   * may be shared: changing it is the author's call).
   */
  private static Optional<SuggestedFix> fix(AnnotationTree tree, Problem problem, VisitorState state) {
    Optional<String> corrected = problem.correctedValue();
    if (corrected.isEmpty()) {
      return Optional.empty();
    }
    for (ExpressionTree argument : tree.getArguments()) {
      ExpressionTree value = argument;
      String name = "value";
      if (argument instanceof AssignmentTree assignment) {
        name = assignment.getVariable().toString();
        value = assignment.getExpression();
      }
      if (name.equals(problem.attribute())
          && value instanceof LiteralTree literal
          && literal.getValue() instanceof String) {
        return Optional.of(SuggestedFix.replace(value, state.getConstantExpression(corrected.get())));
      }
    }
    return Optional.empty();
  }

  /**
   * The problems this annotation has with the others on its element: the knowledge names the upper bound
   * in each, and the problem is reported on that annotation only.
   */
  private static List<Problem> withSiblings(Annotation annotation, ModifiersTree modifiers) {
    List<Annotation> all = new ArrayList<>();
    for (AnnotationTree sibling : modifiers.getAnnotations()) {
      if (ASTHelpers.getAnnotationMirror(sibling) instanceof Attribute.Compound c) {
        all.add(AnnotationReader.read(c));
      }
    }
    List<Problem> mine = new ArrayList<>();
    for (Problem problem : BadAnnotationAttributeKnowledge.judgeTogether(all)) {
      if (problem.subject().startsWith("@" + annotation.simpleName() + "(")) {
        mine.add(problem);
      }
    }
    return mine;
  }

  /**
   * A field whose explicit {@code @JsonProperty} name an earlier field of its class already has (static
   * fields are no properties to Jackson).
   */
  private static Optional<Problem> duplicateJsonName(Annotation annotation, Tree element, Symbol symbol, TreePath elementPath) {
    if (!BadAnnotationAttributeKnowledge.JSON_PROPERTY.equals(annotation.type())
        || symbol.getKind() != ElementKind.FIELD
        || symbol.isStatic()
        || !(elementPath.getParentPath().getLeaf() instanceof ClassTree owner)) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    int mine = -1;
    for (Tree member : owner.getMembers()) {
      if (member instanceof VariableTree field
          && ASTHelpers.getSymbol(field) instanceof Symbol f
          && f.getKind() == ElementKind.FIELD
          && !f.isStatic()) {
        if (member == element) {
          mine = names.size();
        }
        names.add(jsonName(f));
      }
    }
    if (mine >= 0 && BadAnnotationAttributeKnowledge.duplicates(names).contains(mine)) {
      return Optional.of(BadAnnotationAttributeKnowledge.duplicateJsonName(annotation, names.get(mine)));
    }
    return Optional.empty();
  }

  /** A field's explicit JSON name, or "" when it has none or is ignored. */
  private static String jsonName(Symbol field) {
    String name = "";
    for (Attribute.Compound c : field.getAnnotationMirrors()) {
      String type = AnnotationReader.binaryName(c.type);
      if (BadAnnotationAttributeKnowledge.JSON_IGNORE.equals(type)) {
        return "";
      }
      if (BadAnnotationAttributeKnowledge.JSON_PROPERTY.equals(type)
          && AnnotationReader.read(c).attributes().get("value") instanceof String s) {
        name = s;
      }
    }
    return name;
  }

  /** A method's mapping that captures a variable its class's mapping already captures. */
  private static Optional<Problem> classLevelPath(Annotation annotation, Tree element, TreePath elementPath) {
    if (!BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS.contains(annotation.type())
        || !(element instanceof MethodTree)
        || !(elementPath.getParentPath().getLeaf() instanceof ClassTree owner)
        || !(ASTHelpers.getSymbol(owner) instanceof Symbol classSymbol)) {
      return Optional.empty();
    }
    for (Attribute.Compound c : classSymbol.getAnnotationMirrors()) {
      Annotation mapping = AnnotationReader.read(c);
      if (!BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS.contains(mapping.type())) {
        continue;
      }
      for (String classPath : paths(mapping)) {
        for (String methodPath : paths(annotation)) {
          Optional<Problem> problem = BadAnnotationAttributeKnowledge.combinedPathProblem(annotation, methodPath, classPath);
          if (problem.isPresent()) {
            return problem;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> paths(Annotation mapping) {
    List<String> out = new ArrayList<>();
    for (String attribute : List.of("value", "path")) {
      Object value = mapping.attributes().get(attribute);
      if (value instanceof String s) {
        out.add(s);
      } else if (value instanceof List<?> list) {
        list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
      }
    }
    return out;
  }

  /** Members javac writes for a record (its accessors and canonical constructor) repeat the component's annotations. */
  private static boolean generated(Tree element, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(element);
    return symbol != null
        && (symbol.flags() & (Flags.GENERATED_MEMBER | Flags.RECORD)) != 0
        && symbol.getKind() != ElementKind.FIELD;
  }
}
