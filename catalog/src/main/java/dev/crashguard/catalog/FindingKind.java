package dev.crashguard.catalog;

import java.util.Locale;

/**
 * A kind of finding of one hazard and the phrase it puts into the origin slot ({@code {1}}) of the
 * hazard's message template. Each hazard's knowledge class lists its kinds as an enum implementing this,
 * so that every engine says the same thing for the same kind, and a catalog test renders every kind into
 * its template to check that the message reads as one sentence.
 *
 * <p>A phrase may hold {@code %s} where an engine names a detail it knows (a call, a method, a class);
 * an engine that cannot name it does not use that kind.
 */
public interface FindingKind {

  /** The phrase, with {@code %s} for each detail. */
  String phrase();

  /** The phrase with its details filled in, in order. */
  default String render(Object... details) {
    return String.format(Locale.ROOT, phrase(), details);
  }
}
