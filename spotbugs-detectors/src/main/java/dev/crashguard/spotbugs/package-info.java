/**
 * crashguard's SpotBugs plugin ({@code findbugs.xml}, {@code messages.xml} and {@code bugrank.txt} beside
 * these classes). The jar is self-contained: SpotBugs loads a plugin without its dependencies, so nothing
 * here needs the catalog at run time; {@code SpotBugsCatalogConsistencyTest} keeps the constants and XML
 * in line with it.
 *
 * <ul>
 *   <li>{@link dev.crashguard.spotbugs.UnsynchronizedMapWriteDetector}: the rules of
 *       {@code CG_UNSYNCHRONIZED_MAP_WRITE};
 *   <li>{@link dev.crashguard.spotbugs.FactCollector} and {@link dev.crashguard.spotbugs.ClassFacts}: one
 *       OpcodeStack pass per class, the facts the rules read;
 *   <li>{@link dev.crashguard.spotbugs.ConcurrencyModel}: library knowledge (map classes, writers, locks,
 *       thread entry points, Spring and servlet types);
 *   <li>{@link dev.crashguard.spotbugs.HazardSuppressions}: {@code @SuppressHazard}, for every crashguard
 *       detector.
 * </ul>
 */
package dev.crashguard.spotbugs;
