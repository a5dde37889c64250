package dev.crashguard.reports;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the writers share: one Gson, and crashguard's version. */
public final class Reports {

  /** Pretty-printed, no HTML escaping ({@code <}, {@code '} stay readable); Gson writes UTF-8 text. */
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** crashguard's version ({@code 0.1.0-SNAPSHOT}), written into this jar by the build. */
  public static final String VERSION = version();

  private Reports() {}

  private static String version() {
    Properties properties = new Properties();
    try (InputStream in = Reports.class.getResourceAsStream("crashguard.properties")) {
      if (in == null) {
        throw new IllegalStateException("crashguard.properties is missing from the crashguard-reports jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "");
    if (version.isBlank() || version.contains("${")) {
      throw new IllegalStateException("crashguard.properties was not filtered by the build: version=" + version);
    }
    return version;
  }
}
