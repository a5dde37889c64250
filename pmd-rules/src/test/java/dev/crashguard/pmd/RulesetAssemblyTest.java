package dev.crashguard.pmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped ruleset is exactly what {@link RulesetAssembly} makes from the catalog and {@code
 * src/main/xpath}, and no library name is typed by hand in the XPath sources: library knowledge reaches
 * the rules only through the catalog. Run with {@code -Dcrashguard.pmd.update=true} to rewrite the ruleset
 * after changing its sources.
 */
class RulesetAssemblyTest {

  /** A quoted Java type name: 'java.util.HashMap', 'org.springframework.stereotype.Component'. */
  private static final Pattern TYPE_NAME_LITERAL = Pattern.compile("'[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z][\\w$]*'");

  private static final Pattern COMMENT = Pattern.compile("\\(:.*?:\\)", Pattern.DOTALL);

  private final RulesetAssembly assembly = new RulesetAssembly(RulesetAssembly.XPATH_DIR);

  @Test
  void shippedRulesetIsTheAssembly() throws IOException {
    String assembled = assembly.ruleset();
    if (Boolean.getBoolean("crashguard.pmd.update")) {
      Files.writeString(RulesetAssembly.RULESET, assembled, StandardCharsets.UTF_8);
    }
    String shipped = Files.readString(RulesetAssembly.RULESET, StandardCharsets.UTF_8);
    assertEquals(
        assembled,
        shipped,
        RulesetAssembly.RULESET + " is out of date: run ./mvnw -pl pmd-rules test -Dcrashguard.pmd.update=true");
  }

  @Test
  void noLibraryNameIsTypedInXPath() throws IOException {
    List<String> typed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RulesetAssembly.XPATH_DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".xpath")).toList()) {
        // Comments may name types in prose; what the query uses may not.
        String code = COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8))
            .replaceAll(r -> r.group().replaceAll("[^\\n]", " "));
        List<String> lines = code.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = TYPE_NAME_LITERAL.matcher(lines.get(i));
          while (m.find()) {
            typed.add(file + ":" + (i + 1) + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), typed, "library names belong in the catalog's knowledge, bound by the assembly");
  }

  @Test
  void everyRuleUsesItsKnowledgeAndTheSharedDefinitions() {
    assertTrue(assembly.hazards().size() >= 2, "rule directories: " + assembly.hazards());
    for (var hazard : assembly.hazards()) {
      String xpath = assembly.xpath(hazard);
      assertTrue(xpath.startsWith("(: Assembled"), hazard + ": header");
      assertTrue(xpath.contains("$HAZARD := '" + hazard.catalogName() + "'"), hazard + ": hazard name bound");
      assertTrue(xpath.contains("$suppressedOn := function"), hazard + ": every rule honours @SuppressHazard");
    }
  }
}
