package dev.crashguard.testdata.badannotationattribute;

import static dev.crashguard.testdata.CrashEvidence.Explained.ranked;
import static dev.crashguard.testdata.CrashEvidence.Explained.nothing;
import static dev.crashguard.testdata.CrashEvidence.Explained.unranked;
import static dev.crashguard.testdata.badannotationattribute.Failures.crash;
import static dev.crashguard.testdata.badannotationattribute.Failures.thrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Crash proofs for the Jackson cases ({@link JacksonFormats}, {@link JacksonNames}): the corpus' own classes
 * written and read by the real jackson-databind 2.20 (with jackson-datatype-jsr310's {@code JavaTimeModule},
 * as Spring Boot registers it). Jackson builds a class's (de)serializer, and the date formatter of each
 * {@code @JsonFormat} in it, on the first {@code writeValueAsString}/{@code readValue} of that class: that
 * call fails, and so does every later one. The fixed classes round-trip.
 *
 * <p>Visibility: the corpus' fields and getters are package-private, which Jackson's default visibility
 * would not detect. It needs no configuring here, though: every property of these classes carries a
 * Jackson annotation ({@code @JsonProperty}, or {@code @JsonFormat}, which Jackson counts as an explicit
 * marker too), and an annotated member is a property whatever its visibility. {@link #fieldsVisible()} shows
 * this: the mapper the proofs use is the plain one, and the fixed classes round-trip with it.
 */
class BadAnnotationAttributeJacksonCrashProofTest {

  private static final String DEFINITION = "bad-annotation-attribute/jackson-definition";
  private static final String FORMAT_PATTERN = "bad-annotation-attribute/jackson-format-pattern";
  /**
   * SimpleDateFormat's or DateTimeFormatter's own IllegalArgumentException, out of Jackson raw: it names one
   * letter of the pattern, and neither the pattern nor the class (only a JsonMappingException's reference
   * chain names the class).
   */
  private static final String PATTERN_NOT_QUOTED =
      "the formatter's raw IllegalArgumentException names one letter, not the pattern or the class";
  /**
   * A JSON name that is not the class's: Jackson says so as it says it for any unknown property of a
   * request, which is no annotation's shape.
   */
  private static final String UNRECOGNIZED =
      "Jackson's generic \"Unrecognized field\" names a JSON property, as for any request with an unknown one";

  /** A mapper as an application configures one for java.time; nothing else changed. */
  private static ObjectMapper mapper() {
    return new ObjectMapper().registerModule(new JavaTimeModule());
  }

  // ---- JacksonFormats ----------------------------------------------------------------------------------

  @Test
  void legacyDatePatternFailsTheFirstWriteAndRead() {
    JacksonFormats.NoncompliantLegacyDateLetter bean = new JacksonFormats.NoncompliantLegacyDateLetter();
    // Date is not final: Jackson picks its serializer for the runtime value, so the field must hold one.
    bean.created = new Date(0);
    JsonMappingException write = crash("write NoncompliantLegacyDateLetter", JsonMappingException.class,
        ranked(FORMAT_PATTERN, JacksonFormats.NoncompliantLegacyDateLetter.class),
        () -> mapper().writeValueAsString(bean));
    assertTrue(write.getMessage().startsWith("Illegal pattern character 'b'"), write.getMessage());
    assertTrue(write.getMessage().contains("[\"created\"]"), "names the property: " + write.getMessage());
    assertEquals(IllegalArgumentException.class, write.getCause().getClass());

    // Reading: the IllegalArgumentException of SimpleDateFormat comes out of readValue raw.
    IllegalArgumentException read = crash("read NoncompliantLegacyDateLetter", IllegalArgumentException.class,
        unranked(FORMAT_PATTERN, PATTERN_NOT_QUOTED),
        () -> mapper().readValue("{\"created\":\"2024-01-15 AM\"}", JacksonFormats.NoncompliantLegacyDateLetter.class));
    assertEquals("Illegal pattern character 'b'", read.getMessage());
    assertTrue(thrownBy(read, "java.text.SimpleDateFormat", "compile"), "thrown compiling the pattern");

    JacksonFormats.FixedLegacyDateLetter fixed = new JacksonFormats.FixedLegacyDateLetter();
    fixed.created = new Date(1_705_312_800_000L); // 2024-01-15 10:00 UTC
    ObjectMapper mapper = mapper();
    String json = write(mapper, fixed);
    assertEquals("{\"created\":\"2024-01-15 10:00\"}", json);
    assertEquals(fixed.created, read(mapper, json, JacksonFormats.FixedLegacyDateLetter.class).created());

    // A value the valid pattern does not parse: Jackson's InvalidFormatException, bad input, not a bad attribute.
    InvalidFormatException badInput = crash("read {\"created\":\"15/01/2024\"} into FixedLegacyDateLetter",
        InvalidFormatException.class, nothing("a value that a valid @JsonFormat pattern does not parse is bad input"),
        () -> mapper.readValue("{\"created\":\"15/01/2024\"}", JacksonFormats.FixedLegacyDateLetter.class));
    assertTrue(badInput.getMessage().contains("\"yyyy-MM-dd HH:mm\""), badInput.getMessage());
  }

  @Test
  void javaTimePatternFailsTheFirstWriteAndReadWithARawIllegalArgumentException() {
    JacksonFormats.NoncompliantJavaTimeQuote quote = new JacksonFormats.NoncompliantJavaTimeQuote();
    quote.day = LocalDate.of(2024, 1, 15);
    IllegalArgumentException write = crash("write NoncompliantJavaTimeQuote", IllegalArgumentException.class,
        ranked(FORMAT_PATTERN, JacksonFormats.NoncompliantJavaTimeQuote.class),
        () -> mapper().writeValueAsString(quote));
    assertTrue(write.getMessage().startsWith("Pattern ends with an incomplete string literal"), write.getMessage());
    IllegalArgumentException read = crash("read NoncompliantJavaTimeQuote", IllegalArgumentException.class,
        ranked(FORMAT_PATTERN, JacksonFormats.NoncompliantJavaTimeQuote.class),
        () -> mapper().readValue("{\"day\":\"2024-01-15T\"}", JacksonFormats.NoncompliantJavaTimeQuote.class));
    assertTrue(read.getMessage().startsWith("Pattern ends with an incomplete string literal"), read.getMessage());

    JacksonFormats.NoncompliantReservedCharacterOnGetter getter =
        new JacksonFormats.NoncompliantReservedCharacterOnGetter();
    IllegalArgumentException reserved = crash("write NoncompliantReservedCharacterOnGetter",
        IllegalArgumentException.class, unranked(FORMAT_PATTERN, PATTERN_NOT_QUOTED),
        () -> mapper().writeValueAsString(getter));
    assertEquals("Pattern includes reserved character: '#'", reserved.getMessage());
    reserved = crash("read NoncompliantReservedCharacterOnGetter", IllegalArgumentException.class,
        unranked(FORMAT_PATTERN, PATTERN_NOT_QUOTED),
        () -> mapper().readValue("{\"at\":\"2024-01-15#10:00\"}",
            JacksonFormats.NoncompliantReservedCharacterOnGetter.class));
    assertEquals("Pattern includes reserved character: '#'", reserved.getMessage());

    JacksonFormats.FixedJavaTimeQuote fixed = new JacksonFormats.FixedJavaTimeQuote();
    fixed.day = LocalDate.of(2024, 1, 15);
    ObjectMapper mapper = mapper();
    String json = write(mapper, fixed);
    assertEquals("{\"day\":\"2024-01-15T\"}", json);
    assertEquals(fixed.day, read(mapper, json, JacksonFormats.FixedJavaTimeQuote.class).day());
  }

  @Test
  void durationPatternThatIsNoUnitIsABadDefinition() {
    JacksonFormats.NoncompliantDurationPattern bean = new JacksonFormats.NoncompliantDurationPattern();
    bean.timeout = Duration.ofSeconds(30);
    InvalidDefinitionException write = crash("write NoncompliantDurationPattern", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonFormats.NoncompliantDurationPattern.class),
        () -> mapper().writeValueAsString(bean));
    assertTrue(write.getMessage().startsWith("Bad 'pattern' definition (\"PT1S\") for `Duration`: expected one of ["),
        write.getMessage());
    InvalidDefinitionException read = crash("read NoncompliantDurationPattern", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonFormats.NoncompliantDurationPattern.class),
        () -> mapper().readValue("{\"timeout\":30}", JacksonFormats.NoncompliantDurationPattern.class));
    assertTrue(read.getMessage().startsWith("Bad 'pattern' definition (\"PT1S\")"), read.getMessage());

    JacksonFormats.FixedDurationPattern fixed = new JacksonFormats.FixedDurationPattern();
    fixed.timeout = Duration.ofSeconds(30);
    ObjectMapper mapper = mapper();
    String json = write(mapper, fixed);
    assertEquals("{\"timeout\":30}", json);
    assertEquals(fixed.timeout, read(mapper, json, JacksonFormats.FixedDurationPattern.class).timeout());
  }

  @Test
  void compliantPatternsRoundTrip() {
    JacksonFormats.CompliantPatterns bean = new JacksonFormats.CompliantPatterns();
    bean.stamp = new Date(1_705_312_800_000L);
    bean.day = LocalDate.of(2024, 1, 15);
    bean.timeout = Duration.ofSeconds(30);
    bean.count = 7;
    bean.price = 1234.5;
    ObjectMapper mapper = mapper();
    String json = write(mapper, bean);
    System.out.println("CompliantPatterns: " + json);
    JacksonFormats.CompliantPatterns back = read(mapper, json, JacksonFormats.CompliantPatterns.class);
    assertEquals(bean.stamp, back.stamp);
    assertEquals(bean.day, back.day);
    assertEquals(bean.timeout, back.timeout);
    assertEquals(bean.count, back.count);
    assertEquals(bean.price, back.price);
  }

  // ---- JacksonNames ------------------------------------------------------------------------------------

  @Test
  void twoFieldsWithOneNameMakeTheClassUnusable() {
    JacksonNames.NoncompliantTwoFieldsOneName bean = new JacksonNames.NoncompliantTwoFieldsOneName();
    ObjectMapper mapper = new ObjectMapper();
    InvalidDefinitionException write = crash("write NoncompliantTwoFieldsOneName", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonNames.NoncompliantTwoFieldsOneName.class),
        () -> mapper.writeValueAsString(bean));
    assertTrue(write.getMessage().startsWith("Multiple fields representing property \"id\""), write.getMessage());
    InvalidDefinitionException read = crash("read NoncompliantTwoFieldsOneName", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonNames.NoncompliantTwoFieldsOneName.class),
        () -> mapper.readValue("{\"id\":1}", JacksonNames.NoncompliantTwoFieldsOneName.class));
    assertTrue(read.getMessage().startsWith("Multiple fields representing property \"id\""), read.getMessage());
    // Not a one-time failure: the next call fails the same way.
    crash("write NoncompliantTwoFieldsOneName again", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonNames.NoncompliantTwoFieldsOneName.class),
        () -> mapper.writeValueAsString(bean));

    JacksonNames.FixedTwoFieldsOneName fixed = new JacksonNames.FixedTwoFieldsOneName();
    fixed.id = 7;
    fixed.legacyId = "L7";
    String json = write(mapper, fixed);
    assertEquals("{\"id\":7,\"legacy_id\":\"L7\"}", json);
    assertEquals("L7", read(mapper, json, JacksonNames.FixedTwoFieldsOneName.class).legacyId());
  }

  @Test
  void recordComponentsWithOneNameMakeTheRecordUnusable() {
    ObjectMapper mapper = new ObjectMapper();
    JacksonNames.NoncompliantRecordComponents totals = new JacksonNames.NoncompliantRecordComponents(10, 2);
    InvalidDefinitionException write = crash("write NoncompliantRecordComponents", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonNames.NoncompliantRecordComponents.class),
        () -> mapper.writeValueAsString(totals));
    assertTrue(write.getMessage().contains("property \"total\""), write.getMessage());
    InvalidDefinitionException read = crash("read NoncompliantRecordComponents", InvalidDefinitionException.class,
        ranked(DEFINITION, JacksonNames.NoncompliantRecordComponents.class),
        () -> mapper.readValue("{\"total\":10}", JacksonNames.NoncompliantRecordComponents.class));
    assertTrue(read.getMessage().contains("\"total\""), read.getMessage());
  }

  @Test
  void nameWithACommaOrABlankIsKeptAndTheProperNameIsUnknown() {
    ObjectMapper mapper = new ObjectMapper();
    JacksonNames.NoncompliantTrailingComma comma = new JacksonNames.NoncompliantTrailingComma();
    comma.name = "Ann";
    assertEquals("{\"name,\":\"Ann\"}", write(mapper, comma), "the comma is part of the JSON name");
    UnrecognizedPropertyException unknown = crash("read {\"name\":\"x\"} into NoncompliantTrailingComma",
        UnrecognizedPropertyException.class, nothing(UNRECOGNIZED),
        () -> mapper.readValue("{\"name\":\"x\"}", JacksonNames.NoncompliantTrailingComma.class));
    assertTrue(unknown.getMessage().startsWith("Unrecognized field \"name\""), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("\"name,\""), "the known property is \"name,\": " + unknown.getMessage());

    UnrecognizedPropertyException blank = crash("read {\"email\":\"x\"} into NoncompliantLeadingSpace",
        UnrecognizedPropertyException.class, nothing(UNRECOGNIZED),
        () -> mapper.readValue("{\"email\":\"a@b.c\"}", JacksonNames.NoncompliantLeadingSpace.class));
    assertTrue(blank.getMessage().startsWith("Unrecognized field \"email\""), blank.getMessage());

    // A mapper that ignores unknown properties, as Spring's Jackson2ObjectMapperBuilder and Spring Boot
    // configure it: no exception, and the value is lost.
    ObjectMapper lenient = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertNull(read(lenient, "{\"name\":\"x\"}", JacksonNames.NoncompliantTrailingComma.class).name());
    assertNull(read(lenient, "{\"email\":\"a@b.c\"}", JacksonNames.NoncompliantLeadingSpace.class).email());

    assertEquals("x", read(mapper, "{\"name\":\"x\"}", JacksonNames.FixedTrailingComma.class).name());
    assertEquals("x", read(lenient, "{\"name\":\"x\"}", JacksonNames.FixedTrailingComma.class).name());
  }

  @Test
  void distinctIgnoredAndHiddenNamesRoundTrip() {
    ObjectMapper mapper = new ObjectMapper();
    JacksonNames.CompliantDistinctNames names = new JacksonNames.CompliantDistinctNames();
    names.id = 1;
    names.legacyId = "ignored";
    names.oldId = "old";
    names.firstName = "Ann";
    names.defaultName = "d";
    String json = write(mapper, names);
    System.out.println("CompliantDistinctNames: " + json);
    JacksonNames.CompliantDistinctNames back = read(mapper, json, JacksonNames.CompliantDistinctNames.class);
    assertEquals("old", back.oldId);
    assertEquals("Ann", back.firstName);
    assertEquals("d", back.defaultName);
    assertNull(back.legacyId);

    JacksonNames.CompliantSubclassRename sub = new JacksonNames.CompliantSubclassRename();
    sub.override = "sub";
    sub.value = "base";
    json = write(mapper, sub);
    assertEquals("{\"value\":\"sub\"}", json);
    assertEquals("sub", read(mapper, json, JacksonNames.CompliantSubclassRename.class).override);
  }

  /** The corpus' members are package-private, and the plain mapper finds them: they are annotated. */
  @Test
  void fieldsVisible() {
    JacksonFormats.FixedDurationPattern annotatedOnly = new JacksonFormats.FixedDurationPattern();
    annotatedOnly.timeout = Duration.ofMinutes(1);
    assertEquals("{\"timeout\":60}", write(mapper(), annotatedOnly));
    JacksonNames.FixedTrailingComma named = new JacksonNames.FixedTrailingComma();
    named.name = "n";
    assertEquals("{\"name\":\"n\"}", write(new ObjectMapper(), named));
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError("writing " + value.getClass().getSimpleName() + " failed", e);
    }
  }

  private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (Exception e) {
      throw new AssertionError("reading " + type.getSimpleName() + " from " + json + " failed", e);
    }
  }
}
