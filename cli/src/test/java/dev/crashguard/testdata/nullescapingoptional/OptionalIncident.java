package dev.crashguard.testdata.nullescapingoptional;

import java.util.Optional;

/**
 * An incident no crash signature describes: the null that {@code orElse(null)} took out of an empty Optional
 * is dereferenced, and the JDK's message names only the local it was stored in. The trace still passes
 * through the corpus line crashguard reports. In the corpus' package because its cases are package-private.
 */
public final class OptionalIncident {

  private OptionalIncident() {}

  public static void main(String[] args) {
    System.out.println(new OrElseNullDereferenced.NoncompliantDereference().nameLength(Optional.empty()));
  }
}
