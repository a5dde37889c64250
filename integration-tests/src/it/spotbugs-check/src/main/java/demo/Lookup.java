package demo;

import java.util.Optional;

/** The second hazard: picked up by every engine and report with nothing hazard-specific in the build. */
public class Lookup {
  public Optional<String> owner(String key) {
    if (key.isEmpty()) {
      return null;
    }
    return Optional.of(key.toUpperCase());
  }
}
