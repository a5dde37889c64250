package dev.crashguard.testdata.nullescapingoptional;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Optional.of} of a JDK method documented to return null (a missing key, an unset property or
 * variable, a missing resource, an I/O error, a cleared reference) throws exactly when the absence the
 * Optional was meant to express happens.
 */
public class OfNullReturningJdkMethod {

  static class NoncompliantJdkResults {
    private final Map<String, Integer> ports = Map.of("http", 80);
    private final WeakReference<Object> cached = new WeakReference<>(new Object());

    Optional<Integer> port(String scheme) {
      return Optional.of(ports.get(scheme)); // hazard: NullEscapingOptional
    }

    Optional<Integer> portViaLocal(String scheme) {
      Integer port = ports.get(scheme);
      return Optional.of(port); // hazard: NullEscapingOptional
    }

    Optional<String> property() {
      return Optional.of(System.getProperty("app.home")); // hazard: NullEscapingOptional
    }

    Optional<String> variable() {
      return Optional.of(System.getenv("APP_HOME")); // hazard: NullEscapingOptional
    }

    Optional<URL> resource() {
      return Optional.of(getClass().getResource("missing.properties")); // hazard: NullEscapingOptional
    }

    Optional<File[]> children(File dir) {
      return Optional.of(dir.listFiles()); // hazard: NullEscapingOptional
    }

    Optional<Object> referent() {
      return Optional.of(cached.get()); // hazard: NullEscapingOptional
    }
  }

  static class CompliantJdkResults {
    private final Map<String, Integer> ports = Map.of("http", 80);

    Optional<Integer> port(String scheme) {
      return Optional.ofNullable(ports.get(scheme));
    }

    /**
     * {@code containsKey} is taken as proof that {@code get} finds a value. That holds for maps that
     * reject null values ({@code Map.of}, {@code ConcurrentHashMap}, most in practice); a {@code HashMap}
     * holding a null value would still crash here. The engines accept the shortcut rather than report
     * the common, nearly always safe, containsKey-then-get idiom.
     */
    Optional<Integer> portAfterContainsKey(String scheme) {
      if (ports.containsKey(scheme)) {
        return Optional.of(ports.get(scheme));
      }
      return Optional.empty();
    }

    Optional<Integer> portAfterEarlyReturn(String scheme) {
      if (!ports.containsKey(scheme)) {
        return Optional.empty();
      }
      return Optional.of(ports.get(scheme));
    }

    Optional<String> propertyWithDefault() {
      return Optional.of(System.getProperty("app.home", "/opt/app"));
    }

    Optional<Integer> size() {
      return Optional.of(ports.size());
    }
  }

  static class Fixed {
    private final Map<String, Integer> ports = Map.of("http", 80);

    Optional<Integer> port(String scheme) {
      return Optional.ofNullable(ports.get(scheme));
    }

    Optional<String> property() {
      return Optional.ofNullable(System.getProperty("app.home"));
    }

    Optional<File[]> children(File dir) {
      return Optional.ofNullable(dir.listFiles());
    }
  }
}
