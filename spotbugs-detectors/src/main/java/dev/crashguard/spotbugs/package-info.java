/**
 * crashguard's SpotBugs plugin ({@code findbugs.xml}, {@code messages.xml} and {@code bugrank.txt} beside
 * these classes) and {@link dev.crashguard.spotbugs.SpotBugsScanner}, the one way crashguard drives
 * SpotBugs. The jar is self-contained: SpotBugs loads a plugin without its dependencies, so the catalog
 * (hazards and knowledge) is shaded into it; {@code SpotBugsCatalogConsistencyTest} keeps the XML in line
 * with it.
 *
 * <ul>
 *   <li>{@code common}: what every detector shares: {@link dev.crashguard.spotbugs.common.HazardReporter}
 *       (bug type, priority, one report per place, suppression, the method the reader wrote), {@code
 *       @SuppressHazard}, subtype tests and catalog method matching;
 *   <li>one package per hazard, named after it in lower case, holding its detector, the facts it collects
 *       and its rules. No hazard's package uses another's.
 * </ul>
 */
package dev.crashguard.spotbugs;
