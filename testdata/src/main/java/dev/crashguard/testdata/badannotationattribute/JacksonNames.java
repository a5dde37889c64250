package dev.crashguard.testdata.badannotationattribute;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code @JsonProperty} names Jackson cannot use as written. Two fields of one class renamed to one JSON
 * name make Jackson refuse the class on first use ({@code InvalidDefinitionException: Multiple fields
 * representing property "id"}); two record components renamed to one name, the same with "Conflicting getter
 * definitions for property" (FasterXML/jackson-annotations#209, ngageoint/elasticgeo#70). A name with a comma or white space at an end (the Go {@code json:"name,"} habit)
 * is kept as part of the name: the plain {@code ObjectMapper} then rejects JSON that spells the name
 * properly ({@code UnrecognizedPropertyException}), and Spring's, which ignores unknown properties, leaves
 * the field null.
 *
 * <p>The compliant twins rename to distinct names, ignore one of two clashing fields, and rename a field
 * in a subclass to the name of a superclass field (the subclass's wins).
 */
public class JacksonNames {

  /** Two fields, one name. */
  static class NoncompliantTwoFieldsOneName {
    @JsonProperty("id")
    long id;

    @JsonProperty("id") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String legacyId;

    String legacyId() {
      return legacyId; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Record components renamed onto one name. */
  record NoncompliantRecordComponents(
      @JsonProperty("total") long sum,
      @JsonProperty("total") long count) { // hazard: BadAnnotationAttribute (not: spotbugs — javac gives a record's fields, accessors and constructor only the line of the record's header, which every other finding of the record would share)
  }

  /** A trailing comma from the Go habit. */
  static class NoncompliantTrailingComma {
    @JsonProperty("name,") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String name;

    String name() {
      return name; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** A leading space. */
  static class NoncompliantLeadingSpace {
    @JsonProperty(" email") // hazard: BadAnnotationAttribute (not: spotbugs — a class file keeps no line for an annotation: SpotBugs reports it on the line of its own marker)
    String email;

    String email() {
      return email; // hazard: BadAnnotationAttribute (not: errorprone, pmd — reported on the annotation)
    }
  }

  /** Distinct names; an ignored field does not clash; a space inside a name is kept on purpose. */
  static class CompliantDistinctNames {
    @JsonProperty("id")
    long id;

    @JsonIgnore
    @JsonProperty("id")
    String legacyId;

    @JsonProperty("legacy_id")
    String oldId;

    @JsonProperty("first name")
    String firstName;

    @JsonProperty("")
    String defaultName;

    Object all() {
      return id + legacyId + oldId + firstName + defaultName;
    }
  }

  /** A superclass field and a subclass field with one name: the subclass's hides the other. */
  static class CompliantBase {
    @JsonProperty("value")
    String value;
  }

  static class CompliantSubclassRename extends CompliantBase {
    @JsonProperty("value")
    String override;

    String override() {
      return override + value;
    }
  }

  /** The second field renamed. */
  static class FixedTwoFieldsOneName {
    @JsonProperty("id")
    long id;

    @JsonProperty("legacy_id")
    String legacyId;

    String legacyId() {
      return legacyId;
    }
  }

  /** The comma dropped. */
  static class FixedTrailingComma {
    @JsonProperty("name")
    String name;

    String name() {
      return name;
    }
  }
}
