package dev.crashguard.catalog.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The knowledge is held to both {@code Unsafe} classes of the running JDK: every method it names exists on
 * its owner (the two classes name some differently, and {@link JdkKnowledgeTest} checks only {@code java.*}
 * owners), and each array layout constant exists on {@code sun.misc.Unsafe} with the value {@code
 * arrayBaseOffset}/{@code arrayIndexScale} give for the array type the knowledge pairs it with.
 */
class UnsafeMemoryMisuseKnowledgeTest {

  @Test
  void everyUnsafeMethodNamedExistsOnItsOwner() throws Exception {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Field field : UnsafeMemoryMisuseKnowledge.class.getFields()) {
      Object value = field.get(null);
      List<?> refs = value instanceof List<?> list ? list : value instanceof MethodRef ref ? List.of(ref) : List.of();
      for (Object item : refs) {
        if (item instanceof MethodRef ref && UnsafeMemoryMisuseKnowledge.UNSAFE_TYPES.contains(ref.owner())) {
          checked++;
          Class<?> owner = Class.forName(ref.owner());
          if (Stream.of(owner.getDeclaredMethods()).noneMatch(m -> m.getName().equals(ref.name()))
              && !hiddenFromReflection(owner, ref.name())) {
            missing.add(field.getName() + ": " + ref);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
    assertTrue(checked > 100, "only " + checked + " Unsafe methods named");
  }

  /**
   * JDK 25 hides {@code Unsafe.getUnsafe} from reflection altogether ({@code
   * Reflection.registerMethodsToFilter}): the class file itself still names it.
   */
  private static boolean hiddenFromReflection(Class<?> owner, String name) throws java.io.IOException {
    try (java.io.InputStream in = ClassLoader.getSystemResourceAsStream(owner.getName().replace('.', '/') + ".class")) {
      return in != null && new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(name);
    }
  }

  @Test
  void arrayLayoutConstantsArePairedWithTheirArrayTypes() throws Exception {
    Class<?> unsafeClass = Class.forName(UnsafeMemoryMisuseKnowledge.SUN_UNSAFE);
    Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    Object unsafe = theUnsafe.get(null);
    Method base = unsafeClass.getMethod("arrayBaseOffset", Class.class);
    Method scale = unsafeClass.getMethod("arrayIndexScale", Class.class);
    for (var entry : UnsafeMemoryMisuseKnowledge.ARRAY_LAYOUT_CONSTANTS.entrySet()) {
      Class<?> array = Class.forName(entry.getValue().replace('/', '.'));
      Object expected = (entry.getKey().endsWith("_BASE_OFFSET") ? base : scale).invoke(unsafe, array);
      assertEquals(expected, unsafeClass.getField(entry.getKey()).get(null), entry.getKey());
    }
  }
}
