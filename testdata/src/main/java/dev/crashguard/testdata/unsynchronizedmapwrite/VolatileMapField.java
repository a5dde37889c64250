package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * volatile makes the reference visible to other threads, which says the field is shared; it does
 * nothing for the map behind it. Mutating that map is an unsynchronized concurrent write, also through a
 * helper that one caller reaches without the lock. Writes in the constructor, or in a helper that every
 * caller calls under the lock, are not.
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

  /** One caller of the helper holds no lock: the map behind the volatile field is written unlocked. */
  static class NoncompliantHelperWithUnlockedCaller {
    private volatile Map<String, Integer> config = new HashMap<>();

    public synchronized void set(String key) {
      store(key);
    }

    public void setFast(String key) {
      store(key);
    }

    void store(String key) {
      config.put(key, 1); // hazard: UnsynchronizedMapWrite
    }
  }

  /** Every caller of the helper holds the monitor. */
  static class CompliantWrittenUnderCallersLock {
    private volatile Map<String, Integer> config = new HashMap<>();

    public synchronized void set(String key) {
      store(key);
    }

    void store(String key) {
      config.put(key, 1);
    }
  }

  /** Filled in the constructor, before the object can be shared, and only read afterwards. */
  static class CompliantFilledInConstructor {
    private volatile Map<String, String> seeded = new HashMap<>();

    CompliantFilledInConstructor() {
      seeded.put("created", "now");
    }

    public String get(String key) {
      return seeded.get(key);
    }
  }

  static class FixedHelperWithUnlockedCaller {
    private volatile Map<String, Integer> config = new ConcurrentHashMap<>();

    public synchronized void set(String key) {
      store(key);
    }

    public void setFast(String key) {
      store(key);
    }

    void store(String key) {
      config.put(key, 1);
    }
  }
}
