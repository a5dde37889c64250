/**
 * crashguard's SpotBugs plugin ({@code findbugs.xml}, {@code messages.xml} and {@code bugrank.txt} beside
 * these classes). The jar is self-contained: SpotBugs loads a plugin without its dependencies, so the
 * catalog's knowledge classes are shaded into it; {@code SpotBugsCatalogConsistencyTest} keeps the constants and XML
 * in line with it.
 *
 * <ul>
 *   <li>{@link dev.crashguard.spotbugs.UnsynchronizedMapWriteDetector}: the rules of
 *       {@code CG_UNSYNCHRONIZED_MAP_WRITE};
 *   <li>{@link dev.crashguard.spotbugs.NullEscapingOptionalDetector}: the rules of
 *       {@code CG_NULL_ESCAPING_OPTIONAL}, with {@link dev.crashguard.spotbugs.NullableModel} (the catalog's
 *       shared NullEscapingOptional knowledge in bytecode terms, type-use annotations included) and
 *       {@link dev.crashguard.spotbugs.MethodFlow} (can a null reach an instruction past tests and proofs);
 *   <li>{@link dev.crashguard.spotbugs.FactCollector} and {@link dev.crashguard.spotbugs.ClassFacts}: one
 *       OpcodeStack pass per class, the facts the rules read;
 *   <li>{@link dev.crashguard.spotbugs.ConcurrencyModel}: library knowledge (map classes, writers, locks,
 *       thread entry points, Spring and servlet types);
 *   <li>{@link dev.crashguard.spotbugs.HazardSuppressions}: {@code @SuppressHazard}, for every crashguard
 *       detector.
 * </ul>
 */
package dev.crashguard.spotbugs;
