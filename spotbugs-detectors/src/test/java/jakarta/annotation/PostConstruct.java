package jakarta.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of Jakarta Annotations' {@code @PostConstruct} for the test fixtures (the way find-sec-bugs ships
 * stubs): only its descriptor in the class file matters to the detector.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PostConstruct {}
