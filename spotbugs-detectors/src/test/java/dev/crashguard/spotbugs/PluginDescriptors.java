package dev.crashguard.spotbugs;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Suppression;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the plugin's descriptors, {@code findbugs.xml}, {@code messages.xml} and {@code bugrank.txt}, from
 * the catalog, so that adding a hazard edits no list of hazards: every hazard whose detector exists is in
 * them, found by convention as {@code dev.crashguard.spotbugs.<lower-case name>.<Name>Detector}. Bug type,
 * category, CWE, short description, message (the catalog template: {@code {2}} the subject, {@code {3}}
 * the origin) and link all come from the catalog. {@code PluginDescriptorsTest} fails when a committed
 * file differs, and rewrites them with {@code -Dcrashguard.spotbugs.update=true}.
 */
final class PluginDescriptors {

  static final Path RESOURCES = Path.of("src/main/resources");

  /** The bug kind (abbreviation) of every crashguard bug type. */
  static final String BUG_KIND = "CG";

  private PluginDescriptors() {}

  /** The hazards with a detector, in catalog order. */
  static List<Hazard> hazards() {
    return Stream.of(Hazard.values()).filter(h -> detectorClass(h) != null).toList();
  }

  /** The detector's class name by convention. */
  static String detectorName(Hazard hazard) {
    return "dev.crashguard.spotbugs." + hazard.catalogName().toLowerCase(Locale.ROOT) + "." + hazard.catalogName()
        + "Detector";
  }

  private static Class<?> detectorClass(Hazard hazard) {
    try {
      return Class.forName(detectorName(hazard));
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  static String findbugsXml() {
    StringBuilder out = new StringBuilder();
    out.append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- crashguard as a SpotBugs plugin. Bug types are crashguard's public API: never rename one once shipped.
             Written by PluginDescriptorsTest from the catalog (-Dcrashguard.spotbugs.update=true); do not edit. -->
        <FindbugsPlugin xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:noNamespaceSchemaLocation="findbugsplugin.xsd"
            pluginid="%s"
            defaultenabled="true"
            provider="crashguard"
            website="%s">

        """.formatted(SpotBugsScanner.PLUGIN_ID, Hazard.DOCS_BASE_URL));
    for (Hazard hazard : hazards()) {
      out.append("  <Detector class=\"%s\" speed=\"moderate\"\n      reports=\"%s\"/>\n"
          .formatted(detectorName(hazard), hazard.bugType()));
    }
    out.append('\n');
    for (Hazard hazard : hazards()) {
      out.append("  <BugPattern abbrev=\"%s\" type=\"%s\" category=\"%s\" cweid=\"%d\"/>\n"
          .formatted(BUG_KIND, hazard.bugType(), hazard.category().spotbugsCategory(), hazard.cwe()));
    }
    return out.append("</FindbugsPlugin>\n").toString();
  }

  static String messagesXml() {
    StringBuilder out = new StringBuilder();
    out.append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by PluginDescriptorsTest from the catalog (-Dcrashguard.spotbugs.update=true); do not edit.
             In each message, {2} is the subject (what is at fault), {3} where the danger comes from and, where
             the catalog template has a remedy slot, {4} the remedy: the slots of the catalog template. -->
        <MessageCollection xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:noNamespaceSchemaLocation="messagecollection.xsd">

          <Plugin>
            <ShortDescription>crashguard: code that crashes, hangs or corrupts memory in production</ShortDescription>
            <Details><![CDATA[
        <p>crashguard finds Java code that crashes, hangs or corrupts memory in production. The same hazards are
        implemented for Error Prone, PMD and SpotBugs; <code>@%s</code> silences a hazard in all three.</p>
        ]]></Details>
          </Plugin>
        """.formatted(Suppression.ANNOTATION));
    for (Hazard hazard : hazards()) {
      out.append("""

            <Detector class="%s">
              <Details><![CDATA[
          <p>%s</p>
          ]]></Details>
            </Detector>

            <BugPattern type="%s">
              <ShortDescription>%s</ShortDescription>
              <LongDescription>%s</LongDescription>
              <Details><![CDATA[
          <p>%s</p>
          <p>%s</p>
          <p>Suppress with <code>@SuppressHazard("%s")</code> (all engines) or
          <code>@SuppressFBWarnings("%s")</code> (SpotBugs only).</p>
          <p>What crashes, how to fix it, and examples: <a href="%s">%s</a>.</p>
          ]]></Details>
            </BugPattern>
          """
          .formatted(
              detectorName(hazard),
              html(hazard.summary()),
              hazard.bugType(),
              xml(hazard.summary()),
              xml(hazard.message("{2}", "{3}", "{4}")),
              html(hazard.summary()),
              html(consequenceAndFix(hazard)),
              hazard.catalogName(),
              hazard.bugType(),
              hazard.docsUrl(),
              hazard.catalogName()));
    }
    out.append("\n  <BugCode abbrev=\"").append(BUG_KIND).append("\">crashguard crash hazard</BugCode>\n");
    return out.append("</MessageCollection>\n").toString();
  }

  /**
   * Each bug type at rank 0, and the plugin's own adjustment for the categories its bug types use, so that
   * an ERROR hazard ranks in SpotBugs' scariest band whatever its category (SpotBugs ranks a bug by its
   * plugin's entries first; without one, a rank above 20 would silently disable the detector).
   */
  static String bugrankTxt() {
    StringBuilder out = new StringBuilder();
    Set<String> categories = new LinkedHashSet<>();
    for (Hazard hazard : hazards()) {
      out.append("0 BugPattern ").append(hazard.bugType()).append('\n');
      categories.add(hazard.category().spotbugsCategory());
    }
    out.append("0 BugKind ").append(BUG_KIND).append('\n');
    for (String category : categories) {
      out.append("+1 Category ").append(category).append('\n');
    }
    return out.toString();
  }

  /** What crashes and the fix: the catalog template after its first clause, capitalised. */
  static String consequenceAndFix(Hazard hazard) {
    String template = hazard.messageTemplate();
    String tail = template.substring(template.indexOf("; ") + 2);
    if (hazard.hasRemedySlot()) {
      // The details page has no finding to pick a kind's remedy: it gives the hazard's default one.
      tail = tail.replace("{2}", hazard.defaultRemedy() == null ? "" : hazard.defaultRemedy()).strip();
    }
    return Character.toUpperCase(tail.charAt(0)) + tail.substring(1);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String html(String text) {
    return xml(text);
  }
}
