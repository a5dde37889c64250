package dev.crashguard.spotbugs.badannotationattribute;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Annotation;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Problem;
import dev.crashguard.spotbugs.badannotationattribute.ReportPlaces.Place;
import dev.crashguard.spotbugs.common.HazardReporter;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.FieldAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.bcel.classfile.ClassFormatException;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.Type;

/**
 * Reports an annotation attribute that compiles but that its library refuses when it reads it at start-up
 * or on first use: crashguard's {@code BadAnnotationAttribute}, bug type {@code
 * CG_BAD_ANNOTATION_ATTRIBUTE}. All judging is the catalog's ({@link BadAnnotationAttributeKnowledge}:
 * Bean Validation, Jackson and Spring, each with the library's own grammar); this detector only reads the
 * class file's annotations ({@link AnnotationReader}) and asks it.
 *
 * <p>A class whose constant pool names none of the judged annotation types is skipped after that look
 * alone. In the others, each element is judged with the type the library converts: a field's type, a
 * parameter's, a method's return type (or, for a {@code void} setter, its only parameter's); every
 * annotation alone ({@code judge}) and the annotations of one element together ({@code judgeTogether}:
 * {@code @Min} above {@code @Max}). Over the class: two fields with one explicit {@code @JsonProperty}
 * name ({@code @JsonIgnore}d, static and synthetic fields take no part), and a class-level {@code
 * @RequestMapping} capturing a variable its methods' mappings capture again.
 *
 * <p>A class file keeps no line for an annotation: {@link ReportPlaces} reports a method's and its
 * parameters' annotations on the method's first line, a field's on the first line of its class that reads
 * or writes it, a class's own on its first constructor's. What it does not see: type annotations ({@code
 * List<@Pattern(regexp = "[") String>}), which BCEL does not parse; a clash of two record components'
 * JSON names, whose only line is the record header's (javac gives the fields, the accessors and the
 * canonical constructor that line, and the clash itself has no element of its own there); bridge and other
 * synthetic methods, which carry copies of their originals' annotations. Never throws: anything
 * unexpected about one class is logged as an analysis error and the class is skipped, and an annotation
 * attribute that cannot be read is judged as not written.
 */
public final class BadAnnotationAttributeDetector implements Detector {

  private final HazardReporter reporter;

  public BadAnnotationAttributeDetector(BugReporter bugReporter) {
    this.reporter = new HazardReporter(this, bugReporter, Hazard.BAD_ANNOTATION_ATTRIBUTE);
  }

  @Override
  public void visitClassContext(ClassContext classContext) {
    JavaClass javaClass = classContext.getJavaClass();
    if (!AnnotationReader.mayHold(javaClass)) {
      return;
    }
    reporter.analyse(javaClass, () -> new ClassRun(javaClass).run());
  }

  @Override
  public void report() {
    reporter.clear();
  }

  /** One class's analysis. */
  private final class ClassRun {
    private final JavaClass cls;
    private final ReportPlaces places;

    ClassRun(JavaClass cls) {
      this.cls = cls;
      this.places = new ReportPlaces(cls);
    }

    void run() {
      List<Annotation> classAnnotations = AnnotationReader.judged(cls.getAnnotationEntries());
      judgeElement(classAnnotations, "", places::ofClass, null);
      fields();
      List<Annotation> classMappings = classAnnotations.stream()
          .filter(a -> BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS.contains(a.type()))
          .toList();
      for (Method method : cls.getMethods()) {
        if (!method.isSynthetic()) { // bridges are synthetic too
          method(method, classMappings);
        }
      }
    }

    private void fields() {
      List<String> jsonNames = new ArrayList<>();
      List<Annotation> jsonProperties = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      for (Field field : cls.getFields()) {
        if (field.isSynthetic()) {
          continue;
        }
        List<Annotation> annotations = AnnotationReader.judged(field.getAnnotationEntries());
        if (annotations.isEmpty()) {
          continue;
        }
        String type = typeName(field::getType);
        if (type == null) {
          continue;
        }
        judgeElement(staticMember(annotations, field.isStatic()), type, () -> places.ofField(field), field);
        Annotation property = jsonProperty(annotations);
        if (property != null && !field.isStatic() && !AnnotationReader.jsonIgnored(field.getAnnotationEntries())
            && property.attributes().get("value") instanceof String name) {
          jsonNames.add(name);
          jsonProperties.add(property);
          fields.add(field);
        }
      }
      if (cls.isRecord()) {
        return; // A clash of record components has no line of its own in the class file (class Javadoc).
      }
      for (int at : BadAnnotationAttributeKnowledge.duplicates(jsonNames)) {
        Field field = fields.get(at);
        report(BadAnnotationAttributeKnowledge.duplicateJsonName(jsonProperties.get(at), jsonNames.get(at)),
            places.ofField(field), field);
      }
    }

    private void method(Method method, List<Annotation> classMappings) {
      Type[] parameters;
      Type returned;
      try {
        parameters = method.getArgumentTypes();
        returned = method.getReturnType();
      } catch (ClassFormatException e) {
        return; // A descriptor that cannot be read: the method stays silent.
      }
      List<Annotation> annotations = AnnotationReader.judged(method.getAnnotationEntries());
      Supplier<Place> place = () -> places.ofMethod(method);
      if (!annotations.isEmpty()) {
        judgeElement(staticMember(annotations, method.isStatic()), target(returned, parameters), place, null);
        combinedPaths(annotations, classMappings, place);
      }
      List<List<Annotation>> byParameter = AnnotationReader.parameters(method, parameters.length);
      for (int i = 0; i < parameters.length; i++) {
        if (!byParameter.get(i).isEmpty()) {
          judgeElement(byParameter.get(i), parameters[i].toString(), place, null);
        }
      }
    }

    /** A method's mapping that captures a variable the class-level mapping captured already. */
    private void combinedPaths(List<Annotation> annotations, List<Annotation> classMappings, Supplier<Place> place) {
      if (classMappings.isEmpty()) {
        return;
      }
      for (Annotation mapping : annotations) {
        if (!BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS.contains(mapping.type())) {
          continue;
        }
        for (String methodPath : AnnotationReader.paths(mapping)) {
          for (Annotation classMapping : classMappings) {
            for (String classPath : AnnotationReader.paths(classMapping)) {
              BadAnnotationAttributeKnowledge.combinedPathProblem(mapping, methodPath, classPath)
                  .ifPresent(problem -> report(problem, place.get(), null));
            }
          }
        }
      }
    }

    /** The annotations a library reads on a member that is {@code isStatic} (Spring injects no static member). */
    private static List<Annotation> staticMember(List<Annotation> annotations, boolean isStatic) {
      return annotations.stream().filter(a -> BadAnnotationAttributeKnowledge.judgedOn(a.type(), isStatic)).toList();
    }

    private void judgeElement(List<Annotation> annotations, String targetType, Supplier<Place> place, Field field) {
      if (annotations.isEmpty()) {
        return;
      }
      List<Problem> problems = new ArrayList<>();
      for (Annotation annotation : annotations) {
        problems.addAll(BadAnnotationAttributeKnowledge.judge(annotation, targetType));
      }
      problems.addAll(BadAnnotationAttributeKnowledge.judgeTogether(annotations));
      for (Problem problem : problems) {
        report(problem, place.get(), field);
      }
    }

    private void report(Problem problem, Place place, Field field) {
      if (place == null) {
        return; // A class without a single method: nowhere to put the finding.
      }
      int line = place.line().getStartLine();
      String where = line > 0 ? "line " + line
          : place.method().getName() + place.method().getSignature() + (field == null ? "" : "/" + field.getName());
      String key = cls.getClassName() + "@" + where + ": " + problem.subject() + " " + problem.origin();
      BugAnnotation[] extra = field == null ? new BugAnnotation[0]
          : new BugAnnotation[] {FieldAnnotation.fromBCELField(cls, field)};
      reporter.report(key, cls, place.method(), field == null ? null : cls.getClassName(),
          field == null ? null : field.getName(), place.line(), problem.subject(), problem.origin(), extra);
    }
  }

  /** A method's return type, or its only parameter's for a {@code void} setter; "" when there is none. */
  private static String target(Type returned, Type[] parameters) {
    if (!Type.VOID.equals(returned)) {
      return returned.toString();
    }
    return parameters.length == 1 ? parameters[0].toString() : "";
  }

  /** The binary name of a type read from a descriptor, or null when the descriptor cannot be read. */
  private static String typeName(Supplier<Type> type) {
    try {
      return type.get().toString();
    } catch (ClassFormatException e) {
      return null;
    }
  }

  private static Annotation jsonProperty(List<Annotation> annotations) {
    for (Annotation annotation : annotations) {
      if (BadAnnotationAttributeKnowledge.JSON_PROPERTY.equals(annotation.type())) {
        return annotation;
      }
    }
    return null;
  }
}
