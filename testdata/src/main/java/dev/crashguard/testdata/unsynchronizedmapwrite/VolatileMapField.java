package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * volatile makes the reference visible to other threads, which says the field is shared; it does
 * nothing for the map behind it. Mutating that map is an unsynchronized concurrent write.
 */
public class VolatileMapField {

  static class Noncompliant {
    private volatile Map<String, String> config = new HashMap<>();

    public void set(String key, String value) {
      config.put(key, value); // hazard: UnsynchronizedMapWrite
    }

    public String get(String key) {
      return config.get(key);
    }
  }

  /** Copy-on-write: the shared map is never mutated, only replaced by a new one. */
  static class CompliantCopyOnWrite {
    private volatile Map<String, String> config = Map.of();

    public synchronized void set(String key, String value) {
      Map<String, String> next = new HashMap<>(config);
      next.put(key, value);
      config = Map.copyOf(next);
    }

    public String get(String key) {
      return config.get(key);
    }
  }

  static class Fixed {
    private volatile Map<String, String> config = new ConcurrentHashMap<>();

    public void set(String key, String value) {
      config.put(key, value);
    }

    public String get(String key) {
      return config.get(key);
    }
  }
}
