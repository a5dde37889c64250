package dev.crashguard.reports;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** What the JSON writers share: one Gson, pretty-printing, with HTML characters written as they are. */
final class Reports {

  /** Pretty-printed, no HTML escaping ({@code <}, {@code '} stay readable); Gson writes UTF-8 text. */
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private Reports() {}
}
