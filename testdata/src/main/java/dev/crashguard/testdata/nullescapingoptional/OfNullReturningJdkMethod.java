package dev.crashguard.testdata.nullescapingoptional;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code Optional.of} of a JDK method documented to return null (a missing key, an unset property or
 * variable, a missing resource, an I/O error, a cleared reference) throws exactly when the absence the
 * Optional was meant to express happens. A containsKey, an emptiness test or a null test of the same call
 * on the way proves the value present.
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

  /** More JDK methods that return null: an unset property, a root's parent, an empty deque, no cause. */
  static class NoncompliantMoreJdkResults {
    Optional<String> property(Properties settings) {
      return Optional.of(settings.getProperty("app.home")); // hazard: NullEscapingOptional
    }

    Optional<File> parent(File file) {
      return Optional.of(file.getParentFile()); // hazard: NullEscapingOptional
    }

    Optional<String> first(Deque<String> queue) {
      return Optional.of(queue.pollFirst()); // hazard: NullEscapingOptional
    }

    Optional<Throwable> cause(Throwable t) {
      return Optional.of(t.getCause()); // hazard: NullEscapingOptional
    }
  }

  /**
   * Other proofs that the call finds a value: containsKey before a get kept in a local, containsKey in a
   * ternary, an emptiness test before poll() (ArrayDeque holds no nulls), a null test of the same call.
   */
  static class CompliantOtherProofs {
    private final Map<String, Integer> ports = Map.of("http", 80);
    private final Deque<String> queue = new ArrayDeque<>();

    Optional<Integer> viaLocal(String scheme) {
      if (!ports.containsKey(scheme)) {
        return Optional.empty();
      }
      Integer port = ports.get(scheme);
      return Optional.of(port);
    }

    Optional<Integer> inline(String scheme) {
      return ports.containsKey(scheme) ? Optional.of(ports.get(scheme)) : Optional.empty();
    }

    Optional<String> head() {
      return queue.isEmpty() ? Optional.empty() : Optional.of(queue.poll());
    }

    Optional<Integer> testedCall(String scheme) {
      return ports.get(scheme) != null ? Optional.of(ports.get(scheme)) : Optional.empty();
    }
  }

  static class FixedMoreJdkResults {
    Optional<String> property(Properties settings) {
      return Optional.ofNullable(settings.getProperty("app.home"));
    }

    Optional<File> parent(File file) {
      return Optional.ofNullable(file.getParentFile());
    }

    Optional<String> first(Deque<String> queue) {
      return Optional.ofNullable(queue.pollFirst());
    }

    Optional<Throwable> cause(Throwable t) {
      return Optional.ofNullable(t.getCause());
    }
  }

  /** lettuce's ConversionService: the key comes from the map's own keys; a cast does not hide the lookup. */
  static class CompliantKeyFromTheMapItself {
    private final Map<String, Object> converters = Map.of("a", "A");

    Optional<Object> find(String prefix) {
      for (String key : converters.keySet()) {
        if (key.startsWith(prefix)) {
          return Optional.of((Object) converters.get(key));
        }
      }
      return Optional.empty();
    }
  }

  /** A key from another map's keys, behind a cast: the lookup may miss. */
  static class NoncompliantKeyFromAnotherMap {
    private final Map<String, Object> converters = Map.of("a", "A");
    private final Map<String, Object> aliases = Map.of("b", "B");

    Optional<Object> find(String prefix) {
      for (String key : aliases.keySet()) {
        if (key.startsWith(prefix)) {
          return Optional.of((Object) converters.get(key)); // hazard: NullEscapingOptional
        }
      }
      return Optional.empty();
    }
  }

  static class FixedKeyFromAnotherMap {
    private final Map<String, Object> converters = Map.of("a", "A");
    private final Map<String, Object> aliases = Map.of("b", "B");

    Optional<Object> find(String prefix) {
      for (String key : aliases.keySet()) {
        if (key.startsWith(prefix)) {
          return Optional.ofNullable(converters.get(key));
        }
      }
      return Optional.empty();
    }
  }
}
