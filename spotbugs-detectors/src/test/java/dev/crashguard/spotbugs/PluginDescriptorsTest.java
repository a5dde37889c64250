package dev.crashguard.spotbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crashguard.catalog.Hazard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * findbugs.xml, messages.xml and bugrank.txt are exactly what {@link PluginDescriptors} writes from the
 * catalog. Run with {@code -Dcrashguard.spotbugs.update=true} to rewrite them after adding a hazard's
 * detector or changing the catalog.
 */
class PluginDescriptorsTest {

  @Test
  void descriptorsAreWrittenFromTheCatalog() throws IOException {
    Map<String, Supplier<String>> files =
        Map.of(
            "findbugs.xml", PluginDescriptors::findbugsXml,
            "messages.xml", PluginDescriptors::messagesXml,
            "bugrank.txt", PluginDescriptors::bugrankTxt);
    for (Map.Entry<String, Supplier<String>> file : files.entrySet()) {
      Path path = PluginDescriptors.RESOURCES.resolve(file.getKey());
      String written = file.getValue().get();
      if (Boolean.getBoolean("crashguard.spotbugs.update")) {
        Files.writeString(path, written, StandardCharsets.UTF_8);
      }
      assertEquals(
          written,
          Files.readString(path, StandardCharsets.UTF_8),
          path + " is out of date: run ./mvnw -pl spotbugs-detectors test -Dcrashguard.spotbugs.update=true");
    }
  }

  @Test
  void everyImplementedHazardHasItsDetector() {
    for (Hazard hazard : Hazard.values()) {
      if (hazard.implemented()) {
        assertTrue(
            PluginDescriptors.hazards().contains(hazard),
            hazard + " is implemented but " + PluginDescriptors.detectorName(hazard) + " does not exist");
      }
    }
  }
}
