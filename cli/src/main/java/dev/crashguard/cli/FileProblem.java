package dev.crashguard.cli;

import dev.crashguard.catalog.Engine;

/**
 * A file an engine did not analyse, or (with no file) a module it could not look at; the run went on
 * without it, and ends with exit status 2 because the scan is incomplete.
 *
 * @param file relative to the project root, or null
 */
record FileProblem(Engine engine, String file, String why) {
  @Override
  public String toString() {
    return engine.id() + ": " + (file == null ? "" : file + ": ") + why;
  }
}
