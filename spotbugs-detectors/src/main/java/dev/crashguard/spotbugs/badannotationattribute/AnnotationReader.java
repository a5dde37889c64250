package dev.crashguard.spotbugs.badannotationattribute;

import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Annotation;
import dev.crashguard.spotbugs.common.ConstantPoolText;
import dev.crashguard.spotbugs.common.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.bcel.classfile.AnnotationElementValue;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.EnumElementValue;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.classfile.ParameterAnnotations;
import org.apache.bcel.classfile.SimpleElementValue;

/**
 * Reads a class file's declaration annotations (runtime-visible and invisible alike) as the knowledge's
 * {@link Annotation}: the type's binary name and the attributes written on it. A class file holds only
 * what was written, with javac's constants already folded: strings, numbers ({@code Integer} for {@code
 * int}, {@code short}, {@code byte}; {@code Long} for {@code long}), booleans, lists for arrays and enum
 * constants by name. Annotations nested in another's attribute (javac's containers of a repeated
 * annotation: {@code @Schedules}, {@code @Pattern.List}) are read as annotations of the same element.
 * Type annotations ({@code List<@Size(min = 1) String>}) are not read: BCEL does not parse them, and the
 * declaration annotation javac writes beside a type-use one is read once.
 *
 * <p>Never throws: an attribute it cannot read is left out, as if it were not written.
 */
final class AnnotationReader {

  /** How deep annotations nested in annotations are followed. */
  private static final int MAX_NESTING = 4;

  /** Every annotation type the knowledge judges, as the descriptor a class file names it by. */
  static final Set<String> JUDGED_DESCRIPTORS = descriptors(
      BadAnnotationAttributeKnowledge.REGEX_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.LENGTH_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.DIGITS_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.DECIMAL_MIN_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.DECIMAL_MAX_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.MIN_CONSTRAINTS,
      BadAnnotationAttributeKnowledge.MAX_CONSTRAINTS,
      Set.of(BadAnnotationAttributeKnowledge.JSON_PROPERTY),
      Set.of(BadAnnotationAttributeKnowledge.JSON_FORMAT),
      Set.of(BadAnnotationAttributeKnowledge.SCHEDULED),
      Set.of(BadAnnotationAttributeKnowledge.DATE_TIME_FORMAT),
      BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS,
      Set.of(BadAnnotationAttributeKnowledge.VALUE));

  /** Read beside the judged ones: a field marked with it takes part in no {@code @JsonProperty} clash. */
  private static final String JSON_IGNORE_DESCRIPTOR = Types.descriptor(BadAnnotationAttributeKnowledge.JSON_IGNORE);

  private AnnotationReader() {}

  /**
   * The cheap look: whether the constant pool names any judged annotation type. An annotation's type, a
   * nested one's too, is a UTF-8 entry of the pool holding its descriptor; a class without one has nothing
   * to judge.
   */
  static boolean mayHold(JavaClass cls) {
    return ConstantPoolText.mentions(cls, JUDGED_DESCRIPTORS::contains);
  }

  /** The judged annotations among {@code entries}, with those nested in any of them, in order. */
  static List<Annotation> judged(AnnotationEntry[] entries) {
    List<Annotation> out = new ArrayList<>();
    if (entries != null) {
      for (AnnotationEntry entry : entries) {
        collect(entry, 0, out);
      }
    }
    return out;
  }

  /**
   * Whether {@code entries} hold {@code @JsonIgnore}, unless written {@code @JsonIgnore(false)} (which
   * keeps the property).
   */
  static boolean jsonIgnored(AnnotationEntry[] entries) {
    if (entries == null) {
      return false;
    }
    for (AnnotationEntry entry : entries) {
      try {
        if (JSON_IGNORE_DESCRIPTOR.equals(entry.getAnnotationType())
            && !Boolean.FALSE.equals(attributes(entry).get("value"))) {
          return true;
        }
      } catch (RuntimeException e) {
        // An entry that cannot be read is not there.
      }
    }
    return false;
  }

  /**
   * The judged annotations of each of {@code method}'s {@code count} parameters. A class file keeps
   * visible and invisible parameter annotations in two attributes, each with one entry per parameter;
   * javac writes none for a synthetic leading parameter (an inner class's outer instance, an enum's name
   * and ordinal), so an attribute with fewer entries is aligned on the last parameter.
   */
  static List<List<Annotation>> parameters(Method method, int count) {
    List<List<Annotation>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new ArrayList<>());
    }
    for (Attribute attribute : method.getAttributes()) {
      if (attribute instanceof ParameterAnnotations annotations) {
        ParameterAnnotationEntry[] entries = annotations.getParameterAnnotationEntries();
        if (entries == null || entries.length > count) {
          continue;
        }
        int offset = count - entries.length;
        for (int i = 0; i < entries.length; i++) {
          if (entries[i] != null) {
            out.get(offset + i).addAll(judged(entries[i].getAnnotationEntries()));
          }
        }
      }
    }
    return out;
  }

  /** The strings of a request mapping's {@code value} and {@code path}, as written. */
  static List<String> paths(Annotation mapping) {
    List<String> out = new ArrayList<>();
    for (String attribute : List.of("value", "path")) {
      Object value = mapping.attributes().get(attribute);
      if (value instanceof String s) {
        out.add(s);
      } else if (value instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof String s) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  private static void collect(AnnotationEntry entry, int depth, List<Annotation> out) {
    if (entry == null || depth > MAX_NESTING) {
      return;
    }
    String descriptor;
    try {
      descriptor = entry.getAnnotationType();
    } catch (RuntimeException e) {
      return;
    }
    if (JUDGED_DESCRIPTORS.contains(descriptor)) {
      out.add(new Annotation(binaryName(descriptor), attributes(entry)));
    }
    for (ElementValuePair pair : pairs(entry)) {
      nested(pair.getValue(), depth, out);
    }
  }

  private static void nested(ElementValue value, int depth, List<Annotation> out) {
    if (value instanceof AnnotationElementValue annotation) {
      collect(annotation.getAnnotationEntry(), depth + 1, out);
    } else if (value instanceof ArrayElementValue array && array.getElementValuesArray() != null) {
      for (ElementValue item : array.getElementValuesArray()) {
        if (item instanceof AnnotationElementValue annotation) {
          collect(annotation.getAnnotationEntry(), depth + 1, out);
        }
      }
    }
  }

  /** The attributes written on {@code entry}; one that cannot be read is left out. */
  private static Map<String, Object> attributes(AnnotationEntry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ElementValuePair pair : pairs(entry)) {
      try {
        Object value = value(pair.getValue());
        if (value != null) {
          out.put(pair.getNameString(), value);
        }
      } catch (RuntimeException e) {
        // A malformed attribute is left out: judged as not written.
      }
    }
    return out;
  }

  private static ElementValuePair[] pairs(AnnotationEntry entry) {
    try {
      ElementValuePair[] pairs = entry.getElementValuePairs();
      return pairs == null ? new ElementValuePair[0] : pairs;
    } catch (RuntimeException e) {
      return new ElementValuePair[0];
    }
  }

  /** A value as the knowledge reads it, or null for one it has no use for (a class, an annotation). */
  private static Object value(ElementValue value) {
    if (value instanceof SimpleElementValue simple) {
      return switch (simple.getElementValueType()) {
        case ElementValue.STRING -> simple.getValueString();
        case ElementValue.PRIMITIVE_INT -> simple.getValueInt();
        case ElementValue.PRIMITIVE_SHORT -> (int) simple.getValueShort();
        case ElementValue.PRIMITIVE_BYTE -> (int) simple.getValueByte();
        case ElementValue.PRIMITIVE_LONG -> simple.getValueLong();
        case ElementValue.PRIMITIVE_BOOLEAN -> simple.getValueBoolean();
        case ElementValue.PRIMITIVE_CHAR -> String.valueOf(simple.getValueChar());
        case ElementValue.PRIMITIVE_DOUBLE -> simple.getValueDouble();
        case ElementValue.PRIMITIVE_FLOAT -> (double) simple.getValueFloat();
        default -> null;
      };
    }
    if (value instanceof EnumElementValue enumValue) {
      return enumValue.getEnumValueString();
    }
    if (value instanceof ArrayElementValue array) {
      List<Object> items = new ArrayList<>();
      ElementValue[] values = array.getElementValuesArray();
      for (ElementValue item : values == null ? new ElementValue[0] : values) {
        Object converted = value(item);
        if (converted != null) {
          items.add(converted);
        }
      }
      return items;
    }
    return null;
  }

  /** {@code Ljakarta/validation/constraints/Pattern;} reads {@code jakarta.validation.constraints.Pattern}. */
  private static String binaryName(String descriptor) {
    return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
  }

  @SafeVarargs
  private static Set<String> descriptors(Collection<String>... groups) {
    Set<String> out = new LinkedHashSet<>();
    for (Collection<String> group : groups) {
      for (String type : group) {
        out.add(Types.descriptor(type));
      }
    }
    return Set.copyOf(out);
  }
}
