package dev.crashguard.testdata.nullescapingoptional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.Explanation;
import dev.crashguard.catalog.crash.Ranking;
import dev.crashguard.testdata.CrashEvidence;
import dev.crashguard.testdata.CrashEvidence.Explained;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Crash proofs: the corpus' own noncompliant code, run on the real JDK, throws NullPointerException; the
 * fixed version of the same code does not. Where the hazard is that the exception comes far from the
 * cause, the proof also shows that the method at fault is not on the stack when it is thrown: the stack
 * trace points the reader at innocent code.
 */
class NullEscapingOptionalCrashProofTest {

  private static final String IS_NULL = "null-escaping-optional/optional-is-null";
  private static final String OF_NULL = "null-escaping-optional/optional-of-null";
  private static final String TAKEN_OUT = "null-escaping-optional/null-taken-out";

  /**
   * Why an NPE of the hazard has no signature: stored in a local first, the null that orElse(null) took out
   * is named by the local alone ("value", "<local3>"), as any null local is; a signature for it would match
   * every plain NPE.
   */
  private static final String NAMES_A_LOCAL =
      "the helpful NPE message names only the local that orElse(null) was stored in, as for any null local";

  private static final String LAMBDA_RETURNED =
      "the message names the functional interface's method, not the lambda that returned null,"
          + " which has returned";

  /**
   * Runs {@code crash}, expects an NPE, prints it with its top frame (the build log shows the proof), feeds
   * its stack trace to the crash signatures as {@code explained} says.
   */
  private static NullPointerException npe(String what, Explained explained, Executable crash) {
    NullPointerException e = assertThrows(NullPointerException.class, crash, what);
    StackTraceElement top = e.getStackTrace()[0];
    System.out.println(what + ": " + e + "  at " + top);
    explained.check(CrashEvidence.trace(e));
    return e;
  }

  /** True when the method named appears anywhere on the exception's stack. */
  private static boolean onStack(Throwable e, String methodName) {
    return Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals(methodName));
  }

  // ---- ReturnsNull -------------------------------------------------------------------------------------

  @Test
  void optionalReturnedAsNullThrowsInTheCallerNotInTheMethodAtFault() {
    ReturnsNull.NoncompliantDirect directory = new ReturnsNull.NoncompliantDirect();
    NullPointerException e = npe("isPresent() on findUser(\"zed\")",
        Explained.ranked(IS_NULL, ReturnsNull.NoncompliantDirect.class),
        () -> directory.findUser("zed").isPresent());
    assertFalse(onStack(e, "findUser"), "the producer is already gone when the NPE is thrown");
    assertTrue(String.valueOf(e.getMessage()).contains("findUser"), e.getMessage());

    npe("ternary",
        Explained.ranked(IS_NULL, ReturnsNull.NoncompliantTernary.class),
        () -> new ReturnsNull.NoncompliantTernary().nickname("Ann", false).isPresent());
    npe("switch arm",
        Explained.ranked(IS_NULL, ReturnsNull.NoncompliantSwitchArm.class),
        () -> new ReturnsNull.NoncompliantSwitchArm().level(3).orElse("none"));
    npe("supplier lambda",
        Explained.unranked(IS_NULL, LAMBDA_RETURNED),
        () -> new ReturnsNull.NoncompliantLambda().lookup.get().isEmpty());
    npe("function lambda",
        Explained.unranked(IS_NULL, LAMBDA_RETURNED),
        () -> new ReturnsNull.NoncompliantLambda().parse.apply("").orElse(0));
    npe("callable",
        Explained.ranked(IS_NULL, ReturnsNull.NoncompliantCallable.class),
        () -> new ReturnsNull.NoncompliantCallable().call().isPresent());

    ReturnsNull.FixedDirect fixed = new ReturnsNull.FixedDirect();
    assertFalse(fixed.findUser("zed").isPresent());
    assertFalse(fixed.nickname("Ann", false).isPresent());
    assertEquals("none", fixed.level(3).orElse("none"));
    assertTrue(fixed.lookup.get().isEmpty());
  }

  // ---- NullStoredInOptional ----------------------------------------------------------------------------

  @Test
  void nullStoredInAnOptionalThrowsAtTheNextReader() {
    npe("local initialised to null",
        Explained.ranked(IS_NULL, NullStoredInOptional.NoncompliantLocal.class),
        () -> new NullStoredInOptional.NoncompliantLocal().length(false));
    npe("parameter set to null",
        Explained.ranked(IS_NULL, NullStoredInOptional.NoncompliantLocal.class),
        () -> new NullStoredInOptional.NoncompliantLocal().reset(Optional.of("x")));

    NullStoredInOptional.NoncompliantField field = new NullStoredInOptional.NoncompliantField();
    field.clear();
    NullPointerException e = npe("field cleared to null",
        Explained.ranked(IS_NULL, NullStoredInOptional.NoncompliantField.class),
        field::hasError);
    assertFalse(onStack(e, "clear"));

    NullStoredInOptional.NoncompliantArrayElement array = new NullStoredInOptional.NoncompliantArrayElement();
    array.free(0);
    npe("array element freed to null",
        Explained.ranked(IS_NULL, NullStoredInOptional.NoncompliantArrayElement.class),
        () -> array.used(0));

    NullStoredInOptional.FixedLocal fixed = new NullStoredInOptional.FixedLocal();
    assertEquals(0, fixed.length(false));
    fixed.clear();
    assertFalse(fixed.hasError());
  }

  // ---- NullPassedForOptional ---------------------------------------------------------------------------

  @Test
  void nullPassedForAnOptionalParameterThrowsInTheCallee() {
    NullPointerException e = npe("greet(null)",
        Explained.ranked(IS_NULL, NullPassedForOptional.NoncompliantArgument.class),
        () -> new NullPassedForOptional.NoncompliantArgument().anonymous());
    assertEquals("greet", e.getStackTrace()[0].getMethodName(), "thrown inside the callee, which trusted its type");

    NullPassedForOptional.Person person = new NullPassedForOptional.NoncompliantArgument().withoutEmail("7");
    npe("record component read later",
        Explained.unranked(IS_NULL, "the message names the record's accessor; the constructor call that stored null"
            + " has returned"),
        () -> person.email().isPresent());

    NullPassedForOptional.Fixed fixed = new NullPassedForOptional.Fixed();
    assertEquals("Hello stranger", fixed.anonymous());
    assertFalse(fixed.withoutEmail("7").email().isPresent());
  }

  // ---- UnassignedOptionalField -------------------------------------------------------------------------

  @Test
  void optionalFieldNoConstructorAssignsIsNull() {
    npe("never assigned",
        Explained.ranked(IS_NULL, UnassignedOptionalField.NoncompliantNeverAssigned.class),
        () -> new UnassignedOptionalField.NoncompliantNeverAssigned().display("Ann"));
    npe("read before the setter ran",
        Explained.ranked(IS_NULL, UnassignedOptionalField.NoncompliantOnlyASetterAssigns.class),
        () -> new UnassignedOptionalField.NoncompliantOnlyASetterAssigns().reachable());

    UnassignedOptionalField.Fixed fixed = new UnassignedOptionalField.Fixed();
    assertEquals("Ann", fixed.display("Ann"));
  }

  // ---- OfNullableValue ---------------------------------------------------------------------------------

  @Test
  void optionalOfANullableValueThrowsExactlyWhenTheValueIsAbsent() {
    OfNullableValue.NoncompliantAnnotated annotated = new OfNullableValue.NoncompliantAnnotated();
    npe("@Nullable parameter",
        Explained.ranked(OF_NULL, OfNullableValue.NoncompliantAnnotated.class),
        () -> annotated.jakartaParameter(null));
    npe("@Nullable field",
        Explained.ranked(OF_NULL, OfNullableValue.NoncompliantAnnotated.class),
        annotated::jetbrainsField);
    npe("@Nullable result",
        Explained.ranked(OF_NULL, OfNullableValue.NoncompliantAnnotated.class),
        annotated::jsr305Result);
    npe("value checked for null, then wrapped",
        Explained.ranked(OF_NULL, OfNullableValue.NoncompliantCheckedEarlier.class),
        () -> new OfNullableValue.NoncompliantCheckedEarlier().describe(null));

    OfNullableValue.Fixed fixed = new OfNullableValue.Fixed();
    assertFalse(fixed.jakartaParameter(null).isPresent());
    assertFalse(fixed.describe(null).isPresent());
    assertEquals(Optional.of("Ann"), fixed.describe("Ann"));
  }

  // ---- OfNullReturningJdkMethod ------------------------------------------------------------------------

  @Test
  void optionalOfAJdkResultThatIsNullThrows() {
    OfNullReturningJdkMethod.NoncompliantJdkResults jdk = new OfNullReturningJdkMethod.NoncompliantJdkResults();
    npe("Map.get of a missing key",
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
        () -> jdk.port("ftp"));
    npe("Map.get via a local",
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
        () -> jdk.portViaLocal("ftp"));
    assertEquals(null, System.getProperty("app.home"), "the proof needs app.home unset");
    npe("System.getProperty of an unset property",
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
        jdk::property);
    if (System.getenv("APP_HOME") == null) {
      npe("System.getenv of an unset variable",
          Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
          jdk::variable);
    }
    npe("Class.getResource of a missing resource",
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
        jdk::resource);
    npe("File.listFiles of a missing directory",
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class),
        () -> jdk.children(new File("/no/such/directory")));

    OfNullReturningJdkMethod.Fixed fixed = new OfNullReturningJdkMethod.Fixed();
    assertFalse(fixed.port("ftp").isPresent());
    assertEquals(Optional.of(80), fixed.port("http"));
    assertFalse(fixed.property().isPresent());
    assertFalse(fixed.children(new File("/no/such/directory")).isPresent());
  }

  @Test
  void optionalOfAClearedReferenceThrowsOnceTheCollectorRan() {
    OfNullReturningJdkMethod.NoncompliantJdkResults jdk = new OfNullReturningJdkMethod.NoncompliantJdkResults();
    // The referent is reachable only weakly; a collection clears it. Bounded: a JVM that never collects
    // it in 50 requests proves nothing either way, and the test says so instead of passing.
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        jdk.referent();
      } catch (NullPointerException e) {
        System.out.println("Reference.get after GC (attempt " + attempt + "): " + e);
        Explained.ranked(OF_NULL, OfNullReturningJdkMethod.NoncompliantJdkResults.class).check(CrashEvidence.trace(e));
        return;
      }
      System.gc();
    }
    throw new AssertionError("the weak referent survived 50 collections; the proof did not run");
  }

  // ---- OrElseNullDereferenced --------------------------------------------------------------------------

  @Test
  void nullTakenOutWithOrElseNullThrowsWhereItIsUsed() {
    OrElseNullDereferenced.NoncompliantDereference code = new OrElseNullDereferenced.NoncompliantDereference();
    NullPointerException e = npe("method call",
        Explained.onTheStack(OrElseNullDereferenced.NoncompliantDereference.class, NAMES_A_LOCAL),
        () -> code.nameLength(Optional.empty()));
    assertTrue(String.valueOf(e.getMessage()).contains("\"value\" is null"), e.getMessage());
    npe("field access", Explained.onTheStack(OrElseNullDereferenced.NoncompliantDereference.class, NAMES_A_LOCAL), () -> code.fieldAccess(Optional.empty()));
    npe("unboxing",
        Explained.ranked(TAKEN_OUT, OrElseNullDereferenced.NoncompliantDereference.class),
        () -> code.unboxing(Optional.empty()));
    npe("for-each",
        Explained.ranked(TAKEN_OUT, OrElseNullDereferenced.NoncompliantDereference.class),
        () -> code.forEach(Optional.empty()));
    npe("switch", Explained.onTheStack(OrElseNullDereferenced.NoncompliantDereference.class, NAMES_A_LOCAL), () -> code.switchOn(Optional.empty()));
    npe("synchronized (orElseGet(() -> null))", Explained.onTheStack(OrElseNullDereferenced.NoncompliantDereference.class, NAMES_A_LOCAL), () -> code.lock(Optional.empty()));
    npe("chained call",
        Explained.ranked(TAKEN_OUT, OrElseNullDereferenced.NoncompliantDereference.class),
        () -> code.upper(Optional.empty()));

    OrElseNullDereferenced.Fixed fixed = new OrElseNullDereferenced.Fixed();
    assertEquals(0, fixed.nameLength(Optional.empty()));
    assertEquals(1, fixed.unboxing(Optional.empty()));
    assertEquals(0, fixed.forEach(Optional.empty()));
    fixed.lock(Optional.empty());
    OrElseNullDereferenced.CompliantChecked checked = new OrElseNullDereferenced.CompliantChecked();
    assertEquals(0, checked.nameLength(Optional.empty()));
    checked.passedToNullable(Optional.empty());
  }

  // ---- StreamPickingNullElement ------------------------------------------------------------------------

  @Test
  void pickingANullElementThrowsInsteadOfReturningEmpty() {
    StreamPickingNullElement.NoncompliantPicks picks = new StreamPickingNullElement.NoncompliantPicks();
    NullPointerException e = npe("findFirst after map(owners::get)",
        Explained.ranked(OF_NULL, StreamPickingNullElement.NoncompliantPicks.class),
        () -> picks.firstOwner(List.of("zed")));
    assertTrue(onStack(e, "findFirst"), "thrown by findFirst itself, not by our code");
    npe("findAny after a mapper returning null",
        Explained.ranked(OF_NULL, StreamPickingNullElement.NoncompliantPicks.class),
        () -> picks.anyMapped(List.of("")));
    npe("min over a null literal",
        Explained.ranked(OF_NULL, StreamPickingNullElement.NoncompliantPicks.class),
        picks::smallest);
    npe("max after map to null",
        Explained.ranked(OF_NULL, StreamPickingNullElement.NoncompliantPicks.class),
        () -> picks.largest(List.of("a")));

    StreamPickingNullElement.Fixed fixed = new StreamPickingNullElement.Fixed();
    assertEquals(Optional.empty(), fixed.firstOwner(List.of("zed")));
    assertEquals(Optional.of("Ann"), fixed.firstOwner(List.of("zed", "a")));
    assertEquals(Optional.empty(), fixed.anyMapped(List.of("")));
  }

  /** The compliant twins really are safe on the inputs that crash the noncompliant code. */
  @Test
  void compliantTwinsHoldOnTheSameInputs() {
    assertEquals(Optional.empty(), new OfNullReturningJdkMethod.CompliantJdkResults().portAfterContainsKey("ftp"));
    assertEquals(Optional.empty(), new OfNullableValue.CompliantProvenNonNull().earlyReturn(null));
    NullPointerException failFast =
        assertThrows(NullPointerException.class, () -> new OfNullableValue.CompliantProvenNonNull().required(null),
            "requireNonNull fails fast, at the cause, with the name: that is the point");
    Explained.nothing("Objects.requireNonNull failing fast at the cause is no hazard").check(CrashEvidence.trace(failFast));
    assertEquals(Optional.empty(), new StreamPickingNullElement.CompliantPicks().mappedOptional(Optional.of("")));
    Function<Optional<String>, String> consumer =
        o -> new ReturnsNull.CompliantConsumerChecksForNull().describe(new ReturnsNull.NoncompliantDirect(), "zed");
    assertEquals("unknown", consumer.apply(Optional.empty()));
    assertNotNull(new UnassignedOptionalField.CompliantAssigned().display("Ann"));
  }
}
