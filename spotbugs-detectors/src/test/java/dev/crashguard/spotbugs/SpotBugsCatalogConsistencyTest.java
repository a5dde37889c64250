package dev.crashguard.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Engine;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Severity;
import dev.crashguard.corpus.CatalogAgreement;
import dev.crashguard.corpus.RuleMetadata;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.Plugin;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * findbugs.xml, messages.xml and bugrank.txt agree with the catalog, both as files and as SpotBugs loads
 * them (the plugin SpotBugs registered for a real run), and a real finding has the priority and rank the
 * catalog's severity asks for.
 */
class SpotBugsCatalogConsistencyTest {

  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
  /** SpotBugs' scariest rank band is 1 to 4; a rank above 20 disables the detector. */
  private static final int SCARIEST_RANK = 4;

  private static Path pluginDir;
  private static List<BugInstance> realRun;

  @BeforeAll
  static void runOnce() throws URISyntaxException {
    pluginDir =
        Path.of(SpotBugsScanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    realRun = CrashguardAnalysis.analyse(dev.crashguard.corpus.Corpus.classesDir());
  }

  @Test
  void pluginFilesAgreeWithCatalog() throws Exception {
    Map<String, Element> patterns = byType(parse("findbugs.xml"), "BugPattern");
    Map<String, Element> messages = byType(parse("messages.xml"), "BugPattern");
    assertEquals(patterns.keySet(), messages.keySet(), "findbugs.xml and messages.xml declare different bug types");
    List<RuleMetadata> metadata = new ArrayList<>();
    for (Map.Entry<String, Element> entry : patterns.entrySet()) {
      String type = entry.getKey();
      Element message = messages.get(type);
      metadata.add(
          RuleMetadata.of(Hazard.byBugType(type).map(Hazard::catalogName).orElse(type))
              .withBugType(type)
              .withCategory(entry.getValue().getAttribute("category"))
              .withCwe(Integer.valueOf(entry.getValue().getAttribute("cweid")))
              .withSummary(text(message, "ShortDescription"))
              .withMessage(text(message, "LongDescription"))
              .withDocsUrl(docsUrl(text(message, "Details"))));
    }
    CatalogAgreement.assertAgrees(Engine.SPOTBUGS, metadata);
  }

  @Test
  void spotBugsLoadsThePluginAsDeclared() {
    Plugin plugin = Plugin.getByPluginId(SpotBugsScanner.PLUGIN_ID);
    assertNotNull(plugin, "SpotBugs did not register plugin " + SpotBugsScanner.PLUGIN_ID);
    List<RuleMetadata> metadata = new ArrayList<>();
    for (BugPattern pattern : plugin.getBugPatterns()) {
      metadata.add(
          RuleMetadata.of(Hazard.byBugType(pattern.getType()).map(Hazard::catalogName).orElse(pattern.getType()))
              .withBugType(pattern.getType())
              .withCategory(pattern.getCategory())
              .withCwe(pattern.getCWEid())
              .withSummary(pattern.getShortDescription())
              .withMessage(pattern.getLongDescription())
              .withDocsUrl(docsUrl(pattern.getDetailText())));
    }
    CatalogAgreement.assertAgrees(Engine.SPOTBUGS, metadata);
    Set<String> reported =
        plugin.getDetectorFactories().stream()
            .flatMap(f -> f.getReportedBugPatterns().stream())
            .map(BugPattern::getType)
            .collect(Collectors.toSet());
    for (BugPattern pattern : plugin.getBugPatterns()) {
      assertTrue(reported.contains(pattern.getType()), "no detector reports " + pattern.getType());
    }
    for (DetectorFactory factory : plugin.getDetectorFactories()) {
      assertTrue(factory.isDefaultEnabled(), factory.getShortName() + " is not enabled by default");
    }
  }

  @Test
  void realFindingHasTheCatalogPriorityAndAScaryRank() {
    List<BugInstance> bugs = realRun;
    assertFalse(bugs.isEmpty(), "the corpus produced no finding to check");
    Set<String> implemented =
        java.util.Arrays.stream(Hazard.values()).filter(Hazard::implemented).map(Hazard::bugType)
            .collect(Collectors.toSet());
    assertEquals(
        implemented,
        bugs.stream().map(BugInstance::getType).collect(Collectors.toSet()),
        "every implemented hazard has a real finding in the corpus to check");
    for (BugInstance bug : bugs) {
      Hazard hazard = Hazard.byBugType(bug.getType()).orElseThrow();
      assertEquals(hazard.severity().spotbugsPriority(), bug.getPriority(), "priority of " + bug);
      assertTrue(bug.getBugRank() <= 20, "rank " + bug.getBugRank() + " > 20 hides " + bug.getType());
      if (hazard.severity() == Severity.ERROR) {
        assertTrue(
            bug.getBugRank() <= SCARIEST_RANK,
            "an ERROR hazard must rank in the scariest band (1-4), was " + bug.getBugRank());
      }
    }
  }

  @Test
  void everyBugPatternHasARankEntry() throws Exception {
    Set<String> ranked =
        Files.readAllLines(pluginDir.resolve("bugrank.txt"), StandardCharsets.UTF_8).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(line -> line.split("\\s+"))
            .filter(parts -> parts.length == 3 && parts[1].equals("BugPattern"))
            .map(parts -> parts[2])
            .collect(Collectors.toSet());
    for (String type : byType(parse("findbugs.xml"), "BugPattern").keySet()) {
      assertTrue(ranked.contains(type), "bugrank.txt has no entry for " + type);
    }
  }

  private static String docsUrl(String details) {
    Matcher m = HREF.matcher(details == null ? "" : details);
    return m.find() ? m.group(1) : null;
  }

  private static Document parse(String file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pluginDir.resolve(file))) {
      return factory.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  private static Map<String, Element> byType(Document document, String tag) {
    Map<String, Element> out = new LinkedHashMap<>();
    NodeList nodes = document.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element element = (Element) nodes.item(i);
      out.put(element.getAttribute("type"), element);
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
