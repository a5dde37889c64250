package dev.crashguard.catalog.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds every knowledge class of every hazard to the JDK that runs the build: each JDK method a {@link
 * MethodRef} names exists on its owner (a typo would silently switch a rule off in every engine), and each
 * JDK class named by a constant exists. Knowledge classes are found on the class path, so a new hazard's
 * knowledge is checked without being listed here. Library entries (Guava, Spring, Netty, …) are not on the
 * catalog's class path; the engines' tests meet them in the corpus.
 */
class JdkKnowledgeTest {

  private static final Pattern JDK_CLASS = Pattern.compile("java\\.[a-z.]+\\.[A-Z]\\w*(\\$\\w+)*");

  @Test
  void everyJdkMethodAndClassNamedExists() throws Exception {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Class<?> knowledge : knowledgeClasses()) {
      for (Field field : knowledge.getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        for (Object value : flatten(field.get(null))) {
          String where = knowledge.getSimpleName() + "." + field.getName() + ": ";
          if (value instanceof MethodRef ref && ref.owner().startsWith("java.")) {
            checked++;
            if (!exists(ref)) {
              missing.add(where + ref);
            }
          } else if (value instanceof String name && JDK_CLASS.matcher(name).matches()) {
            checked++;
            if (!classExists(name)) {
              missing.add(where + name);
            }
          }
        }
      }
    }
    assertEquals(List.of(), missing, "named in the knowledge but not in this JDK");
    assertTrue(checked > 50, "only " + checked + " JDK names found: is the class path scan broken?");
  }

  /** Every class of this package named {@code *Knowledge}. */
  static List<Class<?>> knowledgeClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(MethodRef.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(MethodRef.class.getPackageName().replace('.', '/'));
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith("Knowledge.class")) {
          classes.add(Class.forName(MethodRef.class.getPackageName() + "." + name.replace(".class", "")));
        }
      }
    }
    assertTrue(classes.size() >= 2, "knowledge classes found: " + classes);
    return classes;
  }

  /** The value, the elements of a collection, and the components of records, recursively. */
  private static List<Object> flatten(Object value) throws ReflectiveOperationException {
    List<Object> out = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      for (Object element : collection) {
        out.addAll(flatten(element));
      }
    } else if (value instanceof java.util.Map<?, ?> map) {
      out.addAll(flatten(List.copyOf(map.keySet())));
      out.addAll(flatten(List.copyOf(map.values())));
    } else if (value != null && value.getClass().isRecord() && !(value instanceof MethodRef)) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        out.addAll(flatten(component.getAccessor().invoke(value)));
      }
    } else if (value != null) {
      out.add(value);
    }
    return out;
  }

  private static boolean exists(MethodRef ref) {
    try {
      Class<?> owner = Class.forName(ref.owner());
      if (ref.isConstructor()) {
        return owner.getConstructors().length > 0;
      }
      for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
        if (Stream.of(c.getDeclaredMethods()).anyMatch(m -> m.getName().equals(ref.name()))) {
          return true;
        }
      }
      return Stream.of(owner.getMethods()).anyMatch(m -> m.getName().equals(ref.name()));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
