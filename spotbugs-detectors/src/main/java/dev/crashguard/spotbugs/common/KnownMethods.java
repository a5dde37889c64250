package dev.crashguard.spotbugs.common;

import dev.crashguard.catalog.knowledge.MethodRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How SpotBugs matches the catalog's {@link MethodRef}s against a call instruction: the same method name
 * ({@code <init>} for a constructor) on the listed owner or a subtype of it. A call instruction names the
 * receiver's static type ({@code ThreadPoolExecutor.submit}), which is why subtypes count. The name is
 * looked up first, so most calls never reach the class hierarchy. This is the one place that turns a
 * {@code MethodRef} into a test.
 */
public final class KnownMethods {

  private final Map<String, Set<String>> ownersByName;

  private KnownMethods(Collection<MethodRef> methods) {
    Map<String, Set<String>> byName = new HashMap<>();
    for (MethodRef method : methods) {
      byName.computeIfAbsent(method.name(), n -> new LinkedHashSet<>()).add(method.internalOwner());
    }
    byName.replaceAll((name, owners) -> Set.copyOf(owners));
    this.ownersByName = Map.copyOf(byName);
  }

  public static KnownMethods anyOf(Collection<MethodRef> methods) {
    return new KnownMethods(methods);
  }

  public static KnownMethods of(MethodRef method) {
    return new KnownMethods(List.of(method));
  }

  /** Whether a call of {@code name} on {@code owner} (internal or dotted name) is one of these methods. */
  public boolean matches(String owner, String name) {
    Set<String> owners = ownersByName.get(name);
    if (owners == null || owner == null) {
      return false;
    }
    String internal = owner.replace('.', '/');
    if (owners.contains(internal)) {
      return true;
    }
    for (String candidate : owners) {
      if (Types.isSubtype(internal, candidate)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of these methods has this name (a cheap test before the owner is looked at). */
  public boolean hasName(String name) {
    return ownersByName.containsKey(name);
  }
}
