package dev.crashguard.spotbugs.common;

import edu.umd.cs.findbugs.ba.Hierarchy;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subtype tests by class name, as every crashguard detector asks them: names may be dotted ({@code
 * java.util.Map}, as the catalog writes them) or internal ({@code java/util/Map}, as bytecode does). An
 * incomplete class path leaves the hierarchy unknown: then only the names themselves are compared, so a
 * detector stays silent rather than guessing.
 */
public final class Types {

  /** Answers about the JDK's own classes, which are the same in every analysis of this JVM. */
  private static final Map<String, Boolean> JDK_ANSWERS = new ConcurrentHashMap<>();

  private Types() {}

  /** Whether {@code type} is {@code supertype} or a subtype of it. Arrays are subtypes of nothing here. */
  public static boolean isSubtype(String type, String supertype) {
    if (type == null || supertype == null || type.startsWith("[")) {
      return false;
    }
    String dotted = type.replace('/', '.');
    String dottedSuper = supertype.replace('/', '.');
    if (dotted.equals(dottedSuper)) {
      return true;
    }
    if (!dotted.startsWith("java.")) {
      // Application classes differ from one analysis to the next: only the JDK's answers are cached.
      return lookUp(dotted, dottedSuper);
    }
    return JDK_ANSWERS.computeIfAbsent(dotted + ">" + dottedSuper, key -> lookUp(dotted, dottedSuper));
  }

  /** Whether {@code type} is one of {@code supertypes} or a subtype of one. */
  public static boolean isSubtypeOfAny(String type, Collection<String> supertypes) {
    for (String supertype : supertypes) {
      if (isSubtype(type, supertype)) {
        return true;
      }
    }
    return false;
  }

  /** {@code java.util.Map} as a type descriptor: {@code Ljava/util/Map;}. */
  public static String descriptor(String binaryName) {
    return "L" + binaryName.replace('.', '/') + ";";
  }

  /** {@code java/lang/Thread$Builder$OfPlatform} (or dotted) reads {@code Thread.Builder.OfPlatform}. */
  public static String displayName(String className) {
    String name = className.replace('/', '.');
    return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
  }

  private static boolean lookUp(String type, String supertype) {
    try {
      return Hierarchy.isSubtype(type, supertype);
    } catch (ClassNotFoundException | RuntimeException e) {
      return false;
    }
  }
}
