package dev.crashguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Silences the named crashguard hazards on the annotated declaration, in every engine at once:
 * the Error Prone checks, the PMD rules and the SpotBugs detectors all honour it.
 *
 * <pre>{@code
 * @SuppressHazard(value = "UnsynchronizedMapWrite", because = "only ever called from the UI thread")
 * void remember(String key, Object value) { cache.put(key, value); }
 * }</pre>
 *
 * <p>{@code @SuppressWarnings} cannot do this: it is kept only in source, so a bytecode analyser such as
 * SpotBugs never sees it. This annotation is kept in the class file ({@link RetentionPolicy#CLASS}) and
 * costs nothing at run time. It is not allowed on local variables because local-variable annotations are
 * not written to class files: a suppression that one engine could not see would silence the hazard in
 * only two of three engines.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressHazard {

  /** Catalog names of the hazards to silence, for example {@code "UnsynchronizedMapWrite"}. */
  String[] value();

  /** Why the code is safe anyway; for the reader, not for the engines. */
  String because() default "";
}
