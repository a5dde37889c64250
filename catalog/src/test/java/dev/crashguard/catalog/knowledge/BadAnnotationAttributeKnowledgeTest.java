package dev.crashguard.catalog.knowledge;

import static dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.judge;
import static dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.judgeTogether;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Annotation;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Kind;
import dev.crashguard.catalog.knowledge.BadAnnotationAttributeKnowledge.Problem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The knowledge is held to the libraries that declare the annotations: every type it names exists and is
 * an annotation, and every attribute the judge reads is declared by each type of its family (a typo in a
 * name would otherwise make every engine silently judge nothing). The judging itself is held to the
 * corpus by the engines and to the libraries by the crash proofs; the cases here are the edges the corpus
 * does not spell out.
 */
class BadAnnotationAttributeKnowledgeTest {

  @Test
  void everyJudgedTypeIsAnAnnotationDeclaringTheAttributesReadFromIt() throws Exception {
    Map<String, List<String>> attributes = new java.util.LinkedHashMap<>();
    BadAnnotationAttributeKnowledge.REGEX_CONSTRAINTS.forEach(t -> attributes.put(t, List.of("regexp", "flags")));
    BadAnnotationAttributeKnowledge.LENGTH_CONSTRAINTS.forEach(t -> attributes.put(t, List.of("min", "max")));
    BadAnnotationAttributeKnowledge.DIGITS_CONSTRAINTS.forEach(t -> attributes.put(t, List.of("integer", "fraction")));
    for (var family : List.of(BadAnnotationAttributeKnowledge.DECIMAL_MIN_CONSTRAINTS, BadAnnotationAttributeKnowledge.DECIMAL_MAX_CONSTRAINTS,
        BadAnnotationAttributeKnowledge.MIN_CONSTRAINTS, BadAnnotationAttributeKnowledge.MAX_CONSTRAINTS)) {
      family.forEach(t -> attributes.put(t, List.of("value")));
    }
    BadAnnotationAttributeKnowledge.REQUEST_MAPPINGS.forEach(t -> attributes.put(t, List.of("value", "path")));
    attributes.put(BadAnnotationAttributeKnowledge.JSON_PROPERTY, List.of("value"));
    attributes.put(BadAnnotationAttributeKnowledge.JSON_IGNORE, List.of("value"));
    attributes.put(BadAnnotationAttributeKnowledge.JSON_FORMAT, List.of("pattern"));
    attributes.put(BadAnnotationAttributeKnowledge.DATE_TIME_FORMAT, List.of("pattern", "fallbackPatterns", "iso"));
    attributes.put(BadAnnotationAttributeKnowledge.VALUE, List.of("value"));
    attributes.put(BadAnnotationAttributeKnowledge.SCHEDULED, List.of("cron", "zone", "fixedDelay", "fixedDelayString",
        "fixedRate", "fixedRateString", "initialDelay", "initialDelayString"));
    attributes.put(BadAnnotationAttributeKnowledge.SCHEDULES, List.of("value"));
    assertTrue(attributes.keySet().containsAll(BadAnnotationAttributeKnowledge.JUDGED_TYPES));
    List<String> problems = new ArrayList<>();
    for (var entry : attributes.entrySet()) {
      Class<?> type = Class.forName(entry.getKey());
      if (!type.isAnnotation()) {
        problems.add(entry.getKey() + " is no annotation");
      }
      for (String attribute : entry.getValue()) {
        try {
          Method m = type.getMethod(attribute);
          assertTrue(m.getParameterCount() == 0);
        } catch (NoSuchMethodException e) {
          problems.add(entry.getKey() + " has no attribute " + attribute);
        }
      }
    }
    for (String t : BadAnnotationAttributeKnowledge.CONVERTED_VALUE_TYPES) {
      if (!t.contains(".")) {
        continue;
      }
      Class.forName(t);
    }
    for (String t : BadAnnotationAttributeKnowledge.LEGACY_DATE_TYPES) {
      Class.forName(t);
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void placeholdersAndDisabledCronsAreNotJudged() {
    assertEquals(List.of(), kinds(judge(scheduled(Map.of("cron", "${cron}", "fixedDelay", 5L)), "")));
    assertEquals(List.of(), kinds(judge(scheduled(Map.of("cron", "-")), "")));
    assertEquals(List.of(), kinds(judge(scheduled(Map.of("cron", "-", "zone", "Nowhere/Bad")), "")));
    assertEquals(List.of(), kinds(judge(scheduled(Map.of("fixedDelay", -1L, "cron", "0 0 * * * *")), "")));
    assertEquals(List.of(Kind.SEVERAL_TRIGGERS), kinds(judge(scheduled(Map.of("fixedDelay", 5L, "fixedDelayString", "5")), "")));
    assertEquals(List.of(Kind.NOT_POSITIVE_PERIOD), kinds(judge(scheduled(Map.of("fixedDelayString", "-PT1S")), "")));
    assertEquals(List.of(Kind.INITIAL_DELAY_WITH_CRON), kinds(judge(scheduled(Map.of("cron", "0 0 * * * *", "initialDelay", 5L)), "")));
  }

  @Test
  void valuesAreJudgedForTheTypeTheyAreConvertedTo() {
    Annotation value = new Annotation(BadAnnotationAttributeKnowledge.VALUE, Map.of("value", "${size"));
    assertEquals(List.of(Kind.UNCLOSED_PLACEHOLDER), kinds(judge(value, "int")));
    assertEquals(List.of(), kinds(judge(value, "java.lang.String")));
    Annotation format = new Annotation(BadAnnotationAttributeKnowledge.JSON_FORMAT, Map.of("pattern", "yyyy-MM-dd bb"));
    assertEquals(List.of(Kind.INVALID_DATE_PATTERN), kinds(judge(format, "java.util.Date")));
    assertEquals(List.of(), kinds(judge(format, "java.lang.String")));
    assertEquals(List.of(Kind.INVALID_DURATION_UNIT), kinds(judge(format, "java.time.Duration")));
  }

  @Test
  void boundsAreComparedWithinOneLibrary() {
    Annotation min = new Annotation("jakarta.validation.constraints.Min", Map.of("value", 10L));
    Annotation max = new Annotation("jakarta.validation.constraints.Max", Map.of("value", 1L));
    Annotation javaxMax = new Annotation("javax.validation.constraints.Max", Map.of("value", 1L));
    assertEquals(List.of(Kind.EXCLUDES_EVERY_VALUE), kinds(judgeTogether(List.of(min, max))));
    assertEquals(List.of(), kinds(judgeTogether(List.of(min, javaxMax))));
    assertEquals(List.of(), kinds(judgeTogether(List.of(max, new Annotation(min.type(), Map.of("value", 1L))))));
  }

  private static Annotation scheduled(Map<String, Object> attributes) {
    return new Annotation(BadAnnotationAttributeKnowledge.SCHEDULED, attributes);
  }

  private static List<Kind> kinds(List<Problem> problems) {
    return problems.stream().map(Problem::kind).toList();
  }
}
