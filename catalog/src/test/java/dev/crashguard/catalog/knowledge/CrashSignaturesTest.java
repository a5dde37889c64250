package dev.crashguard.catalog.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.crash.CrashSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The signatures' own rules. Their matching is proven where the failures are produced: each crash proof in
 * testdata feeds what it really produced to them (CrashEvidence), and this test holds that every signature
 * is named by at least one such proof.
 */
class CrashSignaturesTest {

  private static final Path ROOT = Path.of(System.getProperty("crashguard.root", "..")).toAbsolutePath().normalize();

  static String kebab(Hazard h) {
    return h.catalogName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  @Test
  void idsAreUniqueAndNamedAfterTheirHazard() {
    Set<String> ids = new HashSet<>();
    for (CrashSignature s : CrashSignatures.all()) {
      assertTrue(ids.add(s.id()), "two signatures named " + s.id());
      assertTrue(s.id().startsWith(kebab(s.hazard()) + "/"), s.id() + " is not under " + kebab(s.hazard()) + "/");
      assertTrue(s.id().substring(s.id().indexOf('/') + 1).matches("[a-z0-9]+(-[a-z0-9]+)*"), s.id());
      assertTrue(s.meaning().endsWith("."), "meaning is a sentence: " + s.id());
      assertTrue(!s.title().endsWith("."), "title is a phrase: " + s.id());
    }
  }

  @Test
  void everyImplementedHazardHasASignature() {
    for (Hazard h : Hazard.values()) {
      if (h.implemented()) {
        assertTrue(!CrashSignatures.of(h).isEmpty(), h.catalogName() + " has no crash signature");
      }
    }
  }

  /**
   * "Signatures are proven, not guessed": every id is asserted by a crash-proof test in testdata (which
   * fails when the real failure does not match it).
   */
  @Test
  void everySignatureIsAssertedByACrashProof() throws IOException {
    Path proofs = ROOT.resolve("testdata/src/test/java");
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(proofs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(f));
      }
    }
    List<String> unproven = new ArrayList<>();
    for (CrashSignature s : CrashSignatures.all()) {
      if (!all.toString().contains("\"" + s.id() + "\"")) {
        unproven.add(s.id());
      }
    }
    assertEquals(List.of(), unproven, "signatures no crash proof in testdata/src/test asserts");
  }
}
