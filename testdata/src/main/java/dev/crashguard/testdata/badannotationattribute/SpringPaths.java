package dev.crashguard.testdata.badannotationattribute;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Request-mapping paths Spring's {@code PathPatternParser} refuses while it registers the handlers (the
 * default parser of Spring MVC since 6.0 and Spring Boot since 2.6): "APPLICATION FAILED TO START ...
 * Invalid mapping pattern detected". An unclosed capture, a variable captured twice (also once by the
 * class and again by the method), a {@code /} inside a capture's regex, a {@code **} in the middle.
 *
 * <p>Written from odpi/egeria#6010 ("Not allowed to capture 'fileSystemGUID' twice in the same pattern"
 * after the Boot 2.6 upgrade), spring-projects/spring-boot#28791 and spring-projects/spring-framework#29643
 * ({@code **} in the middle), and spring-projects/spring-boot#38944 ({@code /{path:\\w+/\\w+}}). The
 * compliant twins hold regexes with braces, adjacent captures, wildcards inside a segment and placeholders.
 */
public class SpringPaths {

  /** A capture never closed. */
  static class NoncompliantUnclosedCapture {
    @GetMapping("/users/{id") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String user(@PathVariable String id) {
      return id; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** One variable, captured twice. */
  static class NoncompliantDoubleCapture {
    @GetMapping(path = "/file-systems/{guid}/folders/{guid}/attach") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String attach(@PathVariable String guid) {
      return guid; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A slash inside the capture's regex ends the segment first. */
  static class NoncompliantSlashInRegex {
    @RequestMapping("/{path:\\w+/\\w+}") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String page(@PathVariable String path) {
      return path; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** '**' in the middle of the pattern. */
  static class NoncompliantDoubleWildcardInTheMiddle {
    @GetMapping({"/assets/{name}", "/assets/**/swagger-ui/{name}"}) // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String asset(@PathVariable String name) {
      return name; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** The class and the method both capture 'id'. */
  @RequestMapping("/accounts/{id}")
  static class NoncompliantCapturedByClassAndMethod {
    @PostMapping("/owners/{id}") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String owner(@PathVariable String id) {
      return id; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Braces inside a regex, adjacent captures, a wildcard inside a segment, a placeholder, '**' at the end. */
  @RequestMapping("/api")
  static class CompliantPatterns {
    @GetMapping("/codes/{code:\\d{3}}")
    String code(@PathVariable String code) {
      return code;
    }

    @GetMapping("/files/{name}.{ext}")
    String file(@PathVariable String name, @PathVariable String ext) {
      return name + ext;
    }

    @GetMapping({"/static/**", "/img/*.png", "/{first}{second}"})
    String any() {
      return "";
    }

    @GetMapping("${app.base-path}/{id}")
    String configured(@PathVariable String id) {
      return id;
    }
  }

  /** The capture closed. */
  static class FixedUnclosedCapture {
    @GetMapping("/users/{id}")
    String user(@PathVariable String id) {
      return id;
    }
  }

  /** Two names. */
  static class FixedDoubleCapture {
    @GetMapping(path = "/file-systems/{guid}/folders/{folderGuid}/attach")
    String attach(@PathVariable String guid, @PathVariable String folderGuid) {
      return guid + folderGuid;
    }
  }

  /** The method's variable renamed. */
  @RequestMapping("/accounts/{id}")
  static class FixedCapturedByClassAndMethod {
    @PostMapping("/owners/{ownerId}")
    String owner(@PathVariable String id, @PathVariable String ownerId) {
      return id + ownerId;
    }
  }
}
