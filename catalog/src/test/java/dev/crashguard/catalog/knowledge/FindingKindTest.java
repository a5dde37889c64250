package dev.crashguard.catalog.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.FindingKind;
import dev.crashguard.catalog.Hazard;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every kind of finding of every hazard, rendered into its hazard's message template, reads as one
 * sentence: it matches the template, and its first clause (the part the slots fill) says no word twice,
 * so that no origin phrase repeats what the template already says ("written from a method that skips the
 * lock its other writers hold without a lock"). The same holds for each hazard's PMD origin phrase. Kinds
 * are found by convention: a {@code <CatalogName>Knowledge} class with a nested enum implementing {@link
 * FindingKind}, and its {@code PMD_ORIGIN} constant.
 */
class FindingKindTest {

  /** Words too common to count as said twice. */
  private static final Set<String> COMMON =
      Set.of("that", "this", "with", "from", "when", "while", "which", "whose", "their", "than", "then", "into",
          "only", "also", "does", "other", "where", "although", "before", "after");

  /** Code in a phrase ({@code orElse(null)}, {@code Optional.of}) is a name, not words. */
  private static final Pattern CODE = Pattern.compile("\\S*[A-Za-z][.(]\\S*");

  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  @Test
  void everyKindReadsAsOneSentence() throws Exception {
    List<String> problems = new ArrayList<>();
    int kinds = 0;
    for (Class<?> knowledge : JdkKnowledgeTest.knowledgeClasses()) {
      Optional<Hazard> hazard = Hazard.byName(knowledge.getSimpleName().replaceFirst("Knowledge$", ""));
      List<String> phrases = new ArrayList<>();
      for (Class<?> nested : knowledge.getClasses()) {
        if (nested.isEnum() && FindingKind.class.isAssignableFrom(nested)) {
          for (Object constant : nested.getEnumConstants()) {
            FindingKind kind = (FindingKind) constant;
            assertTrue(!kind.phrase().endsWith(".") && !kind.phrase().contains(";"), kind + ": a phrase, not a sentence");
            phrases.add(kind.render(details(kind.phrase())));
            kinds++;
          }
        }
      }
      for (Field field : knowledge.getFields()) {
        if (field.getName().equals("PMD_ORIGIN")) {
          phrases.add((String) field.get(null));
        }
      }
      if (hazard.isEmpty()) {
        assertEquals(List.of(), phrases, knowledge + " names no hazard, so it may hold no finding kinds");
        continue;
      }
      for (String phrase : phrases) {
        String message = hazard.get().message("x", phrase);
        if (!hazard.get().messagePattern().matcher(message).matches()) {
          problems.add(message + "  -- does not match the template");
        }
        String repeated = repeatedWord(message);
        if (repeated != null) {
          problems.add(message + "  -- says '" + repeated + "' twice");
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(kinds >= 10, "only " + kinds + " kinds found");
  }

  @Test
  void theRuleCatchesARepeat() {
    assertEquals("lock", repeatedWord("'x' is written from a method that skips the lock its writers hold without a lock; z"));
    assertEquals(null, repeatedWord("'x' is null when the Optional is empty (orElse(null)) and is dereferenced; z"));
  }

  /** The first word said twice in the message's first clause, or null. */
  static String repeatedWord(String message) {
    String clause = message.split(";", 2)[0];
    Matcher code = CODE.matcher(clause);
    String words = code.replaceAll(" ");
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = WORD.matcher(words);
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT);
      if (word.length() >= 4 && !COMMON.contains(word) && !seen.add(word)) {
        return word;
      }
    }
    return null;
  }

  /** Details for each {@code %s}: too short to count as words. */
  private static Object[] details(String phrase) {
    int count = phrase.split("%s", -1).length - 1;
    Object[] details = new Object[count];
    for (int i = 0; i < count; i++) {
      details[i] = "q" + i;
    }
    return details;
  }
}
