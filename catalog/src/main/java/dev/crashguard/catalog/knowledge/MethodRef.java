package dev.crashguard.catalog.knowledge;

import java.util.ArrayList;
import java.util.List;

import java.util.Objects;

/**
 * A library method named by the type that declares it and its simple name: {@code
 * java.util.concurrent.ExecutorService#submit}. Plain data, so that every engine can read it without
 * depending on another engine's types.
 *
 * <p>{@code owner} is a binary class name ({@link Class#getName()}: {@code java.lang.Thread$Builder} for a
 * nested type). An engine matches calls on the owner <em>and its subtypes</em>: {@code
 * Executor#execute} also covers {@code ThreadPoolExecutor.execute}. {@code name} is the method's simple
 * name, {@value #CONSTRUCTOR} for a constructor (the JVM's name for it). Overloads are not told apart.
 */
public record MethodRef(String owner, String name) {

  /** The name a constructor has in a {@link MethodRef}, as in bytecode. */
  public static final String CONSTRUCTOR = "<init>";

  public MethodRef {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    if (owner.isBlank() || name.isBlank() || owner.contains("/") || owner.contains("#")) {
      throw new IllegalArgumentException("not a binary class name and method name: " + owner + "#" + name);
    }
  }

  /** {@code owner} with nested types written with a dot: {@code java.lang.Thread.Builder}. */
  public String canonicalOwner() {
    return owner.replace('$', '.');
  }

  /** {@code owner} as the JVM writes it: {@code java/lang/Thread$Builder}. */
  public String internalOwner() {
    return owner.replace('.', '/');
  }

  public boolean isConstructor() {
    return CONSTRUCTOR.equals(name);
  }

  /** {@code java.util.concurrent.Executor#execute}. */
  @Override
  public String toString() {
    return owner + "#" + name;
  }

  /** Methods from pairs of owner and name: {@code list("java.util.Map", "get", …)}. A pair listed twice is an error. */
  public static List<MethodRef> list(String... ownersAndNames) {
    if (ownersAndNames.length % 2 != 0) {
      throw new IllegalArgumentException("owner without a method name");
    }
    List<MethodRef> methods = new ArrayList<>();
    for (int i = 0; i < ownersAndNames.length; i += 2) {
      MethodRef method = new MethodRef(ownersAndNames[i], ownersAndNames[i + 1]);
      if (methods.contains(method)) {
        throw new IllegalArgumentException("listed twice: " + method);
      }
      methods.add(method);
    }
    return List.copyOf(methods);
  }
}
