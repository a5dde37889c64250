package samples;

import java.util.Optional;

/** The smallest code that makes NullEscapingOptional report: its message goes to the consistency test. */
class NullEscapingOptionalSample {
  Optional<String> find(boolean known) {
    return known ? Optional.of("ann") : null;
  }
}
