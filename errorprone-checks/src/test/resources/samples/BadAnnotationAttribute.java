package samples;

import jakarta.validation.constraints.Pattern;

/** The smallest code that makes BadAnnotationAttribute report: its message goes to the consistency test. */
class BadAnnotationAttributeSample {
  @Pattern(regexp = "[a-z")
  String code;
}
