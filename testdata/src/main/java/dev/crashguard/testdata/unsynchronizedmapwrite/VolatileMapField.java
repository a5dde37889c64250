package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * volatile makes the reference visible to other threads, which says the field is shared when the class
 * also speaks of threads (a lock, a task, a thread); it does nothing for the map behind it. Mutating that
 * map is an unsynchronized concurrent write, also through a helper that one caller reaches without the
 * lock. Writes in the constructor, or in a helper that every caller calls under the lock, are not; nor is
 * a lazily created map of a value object that nothing else marks as shared.
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

    public synchronized void replaceAll(Map<String, String> next) {
      config = new HashMap<>(next);
    }
  }

  /**
   * tomcat's jakarta.servlet.http.Cookie: a value object whose map is created lazily behind a volatile
   * field, and nothing else in the class speaks of threads (no lock, no task, no thread). volatile alone
   * publishes the reference; it is no evidence that several threads mutate the map. clone() writes the new
   * object's map, which no other thread can see yet.
   */
  static class CompliantValueObject implements Cloneable {
    private volatile Map<String, String> attributes;

    public void setAttribute(String name, String value) {
      if (attributes == null) {
        attributes = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      }
      attributes.put(name, value);
    }

    @Override
    public CompliantValueObject clone() {
      try {
        CompliantValueObject copy = (CompliantValueObject) super.clone();
        if (attributes != null) {
          copy.attributes = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          copy.attributes.putAll(attributes);
        }
        return copy;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
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
