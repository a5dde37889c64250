package dev.crashguard.catalog.knowledge.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The grammars written by hand agree with the Spring classes that parse the same values at run time, on
 * many generated inputs (a fixed seed, so a failure repeats): each input is accepted by both or refused by
 * both. Spring is a test dependency only; the checkers never load it.
 */
class GrammarsAgreeWithSpringTest {

  private static final int INPUTS = 30_000;

  @Test
  void cronGrammarAgreesWithCronExpression() {
    String[] pieces = {
      "*", "?", "0", "1", "5", "7", "12", "23", "24", "31", "32", "59", "60", "-1", "0-5", "5-1", "1-7", "7-1", "0-7",
      "*/5", "*/0", "5/15", "1-10/2", "/5", "5/", "1,2", "1,,2", "1,", "L", "L-3", "L3", "LW", "15W", "W", "1W5",
      "l", "5L", "L5", "MON#2", "mon#2", "1#0", "#2", "2#", "FRI-MON", "SUN-MON", "MON-FRI", "JAN", "jan,jul",
      "DEC-JAN", "MONDAY", "1L,2", "L,5", "?,1", "C", "H", "+5", "1-+3", "0x", "1#6", "5#L", "L-0", "LW,3", "2W,L",
    };
    String[] whole = {"@daily", "@DAILY", " @hourly ", "@reboot", "@every 5m", "-", "", " ", "0\t0 * * * *"};
    Random random = new Random(20261206);
    List<String> inputs = new ArrayList<>(List.of(whole));
    for (int i = 0; i < INPUTS; i++) {
      int fields = random.nextInt(10) < 8 ? 6 : 4 + random.nextInt(4);
      StringBuilder cron = new StringBuilder();
      for (int f = 0; f < fields; f++) {
        cron.append(f == 0 ? "" : random.nextInt(12) == 0 ? "  " : " ");
        cron.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : "*");
      }
      inputs.add(cron.toString());
    }
    assertAgree(inputs, c -> CronGrammar.problem(c).isEmpty(), c -> !c.isEmpty() && CronExpression.isValidExpression(c));
  }

  @Test
  void pathGrammarAgreesWithPathPatternParser() {
    String[] segments = {
      "a", "users", "{id}", "{id", "id}", "{*rest}", "**", "*", "{x:\\d+}", "{x:[0-9}", "{1a}", "{a.b}", "{a-b}",
      "{{a}}", "{id:\\d{3}}", "{id:[^/]+}", "foo{id}bar", "*.{ext}", "{a}{b}", "{}", "?", "x{*r}", "{*r}x", "{id:}",
      "{ id }", "{x:\\{}", "{x:a{2,3}}", "foo**", "**.html", "b?c", "{x:(}", "{id}-{id}", "{x:(?<g>y)}", "", "{*}",
      "{_v}", "{$v}", "{é}", "a}b", "{x:\\}", "{x:[a-z]{2}}",
    };
    Random random = new Random(6122026);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < INPUTS; i++) {
      int n = 1 + random.nextInt(4);
      StringBuilder path = new StringBuilder(random.nextInt(5) == 0 ? "" : "/");
      for (int s = 0; s < n; s++) {
        path.append(s == 0 ? "" : "/").append(segments[random.nextInt(segments.length)]);
      }
      inputs.add(path.toString());
    }
    PathPatternParser parser = new PathPatternParser();
    assertAgree(inputs, p -> PathPatternGrammar.problem(p).isEmpty(), p -> {
      String full = p.isEmpty() || p.startsWith("/") ? p : "/" + p;
      try {
        parser.parse(full);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  @Test
  void durationGrammarAgreesWithDurationFormatterUtils() {
    String[] values = {
      "5000", "5s", "5S", "10ms", "1h30m", "PT5S", "pt5s", "-PT1S", "P5S", "PT", "5 seconds", " 5000", "1.5", "1_000",
      "abc", "5x", "5sec", "-5", "+5", "0", "(1d 2h)", "-(1d 2h)", "1d2h", "1d 2h", "5us", "5ns", "5d", "5h", "5m",
      "P1D", "P1DT2H", "-", "+", "()", "99999999999999999999", "5min", "PT-5S", "1h 30m", "1m30s", "30s5m",
    };
    List<String> inputs = new ArrayList<>(List.of(values));
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      inputs.add(values[random.nextInt(values.length)] + values[random.nextInt(values.length)]);
    }
    assertAgree(inputs, d -> DurationGrammar.problem(d).isEmpty(), d -> {
      try {
        DurationFormatterUtils.detectAndParse(d);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  private static void assertAgree(List<String> inputs, Predicate<String> ours, Predicate<String> spring) {
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    for (String input : inputs) {
      boolean accepted = spring.test(input);
      refused += accepted ? 0 : 1;
      if (ours.test(input) != accepted) {
        disagreements.add("\"" + input + "\" Spring " + (accepted ? "accepts" : "refuses"));
      }
    }
    assertEquals(List.of(), disagreements.subList(0, Math.min(20, disagreements.size())), disagreements.size() + " disagreements");
    assertTrue(refused > inputs.size() / 10 && refused < inputs.size() * 9 / 10,
        "the inputs must hold both kinds: " + refused + " of " + inputs.size() + " refused");
  }
}
