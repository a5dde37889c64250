package dev.crashguard.pmd;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.Suppression;
import dev.crashguard.catalog.knowledge.MethodRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assembles the shipped ruleset, {@code category/java/crashguard.xml}, from its sources, so that nothing in
 * it is written twice:
 *
 * <ul>
 *   <li>the catalog: each rule's name, message (the catalog template, its origin slot filled with the
 *       hazard's {@code PMD_ORIGIN}), priority, link and summary;
 *   <li>the catalog's knowledge: every {@code $UPPER_CASE} name a rule's XPath uses is bound to the constant
 *       of that name in {@code <Name>Knowledge}, rendered as XPath (a string, a sequence of strings, a
 *       {@code matchesSig} signature for a method);
 *   <li>{@code src/main/xpath/prelude.xpath}: the definitions every rule shares, the ones a rule names;
 *   <li>{@code src/main/xpath/<Name>/}: the rule's own XPath ({@code rule.xpath}), the rest of its
 *       description ({@code description.txt}) and its example ({@code example.txt}).
 * </ul>
 *
 * <p>The result stays a plain PMD category XML that users' {@code <rule ref>} load as before. {@code
 * RulesetAssemblyTest} fails when the committed file differs from a fresh assembly, and rewrites it with
 * {@code -Dcrashguard.pmd.update=true}.
 */
final class RulesetAssembly {

  static final Path XPATH_DIR = Path.of("src/main/xpath");
  static final Path RULESET = Path.of("src/main/resources/category/java/crashguard.xml");

  /** The rule class every crashguard rule uses: PMD's XPath rule, naming what is at fault. */
  static final String RULE_CLASS = CrashguardXPathRule.class.getName();

  private static final Pattern UPPER_NAME = Pattern.compile("\\$([A-Z][A-Z0-9_]*)\\b");
  private static final Pattern LOWER_NAME = Pattern.compile("\\$([a-z][A-Za-z0-9]*)\\b");
  private static final Pattern BINDING = Pattern.compile("(?m)^    \\$([A-Za-z][A-Za-z0-9]*) :=");
  private static final Pattern COMMENT = Pattern.compile("\\(:.*?:\\)", Pattern.DOTALL);
  private static final int WIDTH = 110;

  private final Path dir;

  RulesetAssembly(Path dir) {
    this.dir = dir;
  }

  /** The hazards that have a rule directory, in catalog order; a directory naming no hazard is an error. */
  List<Hazard> hazards() {
    Set<String> names = new LinkedHashSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : names) {
      if (Hazard.byName(name).isEmpty()) {
        throw new IllegalStateException(dir.resolve(name) + " names no catalog hazard");
      }
    }
    return Stream.of(Hazard.values()).filter(h -> names.contains(h.catalogName())).toList();
  }

  /** The whole ruleset XML. */
  String ruleset() {
    StringBuilder out = new StringBuilder();
    out.append("""
        <?xml version="1.0" encoding="UTF-8"?>

        <ruleset name="crashguard"
            xmlns="http://pmd.sourceforge.net/ruleset/2.0.0"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://pmd.sourceforge.net/ruleset/2.0.0 https://pmd.sourceforge.io/ruleset_2_0_0.xsd">

            <description>
        crashguard: Java code that crashes, hangs or corrupts memory in production. Every rule here is a hazard of
        the crashguard catalog, under the same name as in Error Prone, SpotBugs, SARIF and SonarQube.
            </description>

            <!--
              Assembled by RulesetAssemblyTest (pmd-rules/src/test) from the catalog and pmd-rules/src/main/xpath:
              edit those, then run ./mvnw -pl pmd-rules test -Dcrashguard.pmd.update=true. A test fails when this
              file differs from a fresh assembly.
            -->
        """);
    for (Hazard hazard : hazards()) {
      out.append('\n').append(rule(hazard));
    }
    out.append("\n</ruleset>\n");
    return out.toString();
  }

  private String rule(Hazard hazard) {
    Path home = dir.resolve(hazard.catalogName());
    String description = read(home.resolve("description.txt")).strip();
    String example = read(home.resolve("example.txt")).stripTrailing();
    String message = hazard.message("{0}", pmdOrigin(hazard)).replace("'", "''");
    return """
            <rule name="%s"
                  language="java"
                  since="0.1.0"
                  message="%s"
                  class="%s"
                  externalInfoUrl="%s">
                <description>
        %s

        %s
                </description>
                <priority>%d</priority>
                <properties>
                    <property name="xpath">
                        <value>
        <![CDATA[
        %s
        ]]>
                        </value>
                    </property>
                </properties>
                <example>
        <![CDATA[
        %s
        ]]>
                </example>
            </rule>
        """
        .formatted(
            hazard.catalogName(),
            xmlAttribute(message),
            RULE_CLASS,
            xmlAttribute(hazard.docsUrl()),
            hazard.summary(),
            description,
            hazard.severity().pmdPriority(),
            xpath(hazard).strip(),
            example);
  }

  /** The rule's XPath: generated knowledge, the prelude definitions it uses, then its own text. */
  String xpath(Hazard hazard) {
    String own = read(dir.resolve(hazard.catalogName()).resolve("rule.xpath"));
    Map<String, String> prelude = preludeDefinitions();
    Set<String> used = new LinkedHashSet<>();
    collectPrelude(own, prelude, used);
    String shared = prelude.entrySet().stream()
        .filter(e -> used.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .collect(Collectors.joining("\n\n"));
    Class<?> knowledge = knowledgeClass(hazard);
    Map<String, String> bindings = new LinkedHashMap<>();
    bindings.put("HAZARD", quote(hazard.catalogName()));
    bindings.put("SUPPRESS_ANNOTATION", quote(Suppression.ANNOTATION));
    Set<String> referenced = new LinkedHashSet<>();
    Matcher m = UPPER_NAME.matcher(withoutComments(shared + "\n" + own));
    while (m.find()) {
      referenced.add(m.group(1));
    }
    for (Field field : knowledge.getFields()) {
      if (referenced.contains(field.getName()) && Modifier.isStatic(field.getModifiers())) {
        bindings.put(field.getName(), render(knowledge, field));
      }
    }
    referenced.removeAll(bindings.keySet());
    if (!referenced.isEmpty()) {
      throw new IllegalStateException(
          hazard.catalogName() + "'s XPath names " + referenced + ", which " + knowledge.getSimpleName() + " lacks");
    }
    StringBuilder out = new StringBuilder();
    out.append("(: Assembled from pmd-rules/src/main/xpath and the catalog: edit those, not this. :)\n\n");
    out.append("(: ======== Catalog knowledge: ").append(knowledge.getSimpleName()).append(" ======== :)\n");
    String separator = "let ";
    for (Map.Entry<String, String> binding : bindings.entrySet()) {
      out.append(separator).append('$').append(binding.getKey()).append(" := ").append(binding.getValue());
      separator = ",\n    ";
    }
    out.append(",\n\n(: ======== Shared definitions: prelude.xpath ======== :)\n\n")
        .append(shared)
        .append("\n\n(: ======== ").append(hazard.catalogName()).append(": rule.xpath ======== :)\n\n")
        .append(own.strip());
    return out.toString();
  }

  /** Each prelude binding (with its comment), by name, in file order. */
  Map<String, String> preludeDefinitions() {
    Map<String, String> definitions = new LinkedHashMap<>();
    for (String chunk : read(dir.resolve("prelude.xpath")).split("\\n\\s*\\n")) {
      Matcher m = BINDING.matcher(chunk);
      if (m.find()) {
        if (!chunk.stripTrailing().endsWith(",")) {
          throw new IllegalStateException("prelude binding $" + m.group(1) + " must end with a comma");
        }
        definitions.put(m.group(1), chunk.stripTrailing());
      }
    }
    return definitions;
  }

  /** Adds to {@code used} the prelude definitions {@code text} names, and the ones those name. */
  private static void collectPrelude(String text, Map<String, String> prelude, Set<String> used) {
    Matcher m = LOWER_NAME.matcher(withoutComments(text));
    while (m.find()) {
      String name = m.group(1);
      if (prelude.containsKey(name) && used.add(name)) {
        collectPrelude(prelude.get(name), prelude, used);
      }
    }
  }

  /** The knowledge class of a hazard, by convention {@code dev.crashguard.catalog.knowledge.<Name>Knowledge}. */
  static Class<?> knowledgeClass(Hazard hazard) {
    String name = MethodRef.class.getPackageName() + "." + hazard.catalogName() + "Knowledge";
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(hazard.catalogName() + " has no knowledge class " + name, e);
    }
  }

  private static String render(Class<?> knowledge, Field field) {
    Object value;
    try {
      value = field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    if (value instanceof Map<?, ?> map) {
      // A map of names to names (UnsafeMemoryMisuse's array layout constants): an XPath 3.1 map, looked up as
      // $NAME('key').
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String where = knowledge.getSimpleName() + "." + field.getName();
        entries.add(renderItem(entry.getKey(), where) + ": " + renderItem(entry.getValue(), where));
      }
      return "map{" + String.join(",\n      ", entries) + "}";
    }
    List<String> items = new ArrayList<>();
    boolean sequence = value instanceof Collection<?>;
    for (Object item : sequence ? (Collection<?>) value : List.of(value)) {
      items.add(renderItem(item, knowledge.getSimpleName() + "." + field.getName()));
    }
    if (!sequence) {
      return items.get(0);
    }
    // Filled to the width: continuation lines are indented, every line but the last ends with a comma.
    int prefix = "    $".length() + field.getName().length() + " := (".length();
    StringBuilder out = new StringBuilder("(");
    int column = prefix;
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i + 1 < items.size() ? "," : "");
      if (i > 0 && column + 1 + item.length() > WIDTH) {
        out.append("\n      ");
        column = 6;
      } else if (i > 0) {
        out.append(' ');
        column++;
      }
      out.append(item);
      column += item.length();
    }
    return out.append(")").toString();
  }

  private static String renderItem(Object item, String where) {
    if (item instanceof String s) {
      return quote(s);
    }
    if (item instanceof MethodRef ref) {
      return quote(signature(ref, "_*"));
    }
    if (item instanceof Record record) {
      // A record holding a method and an arity (NullReturning): the signature of that overload.
      MethodRef ref = null;
      Integer arity = null;
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object part;
        try {
          part = component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (part instanceof MethodRef r) {
          ref = r;
        } else if (part instanceof Integer n) {
          arity = n;
        }
      }
      if (ref != null && arity != null) {
        return quote(signature(ref, arity < 0 ? "_*" : String.join(",", java.util.Collections.nCopies(arity, "_"))));
      }
    }
    throw new IllegalStateException(where + ": PMD's XPath cannot use " + item.getClass().getSimpleName());
  }

  /** A {@code matchesSig} signature: {@code java.util.Map#get(_)}, {@code java.lang.Thread#new(_*)}. */
  private static String signature(MethodRef ref, String parameters) {
    return ref.owner() + "#" + (ref.isConstructor() ? "new" : ref.name()) + "(" + parameters + ")";
  }

  /** The text without XPath comments, which may name things in prose. */
  private static String withoutComments(String xpath) {
    return COMMENT.matcher(xpath).replaceAll(" ");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The hazard's PMD origin phrase, {@code PMD_ORIGIN} of its knowledge class. */
  static String pmdOrigin(Hazard hazard) {
    try {
      return (String) knowledgeClass(hazard).getField("PMD_ORIGIN").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(hazard.catalogName() + " has no PMD_ORIGIN in its knowledge", e);
    }
  }

  private static String xmlAttribute(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
