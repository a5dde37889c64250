package odd;

import java.util.*;
import java.util.concurrent.*;

/** Names and calls that look like the hazard but are not one. */
class NotAMap {

  static class HashMap<K, V> {
    void put(K k, V v) {}
  }

  private final NotAMap.HashMap<String, Integer> fake = new NotAMap.HashMap<>();
  private final List<String> list = new ArrayList<>();
  private final Map<String, Integer> concurrent = new ConcurrentHashMap<>();
  private final Map<String, Integer> wrapped = Collections.synchronizedMap(new java.util.HashMap<>());
  private final Map<String, Integer> reassigned = new java.util.HashMap<>();

  NotAMap() {
    reassigned.put("init", 0);
  }

  void sharedButSafe(ExecutorService pool) {
    pool.execute(() -> fake.put("a", 1));
    pool.execute(() -> concurrent.put("a", 1));
    pool.execute(() -> wrapped.put("a", 1));
    pool.execute(() -> System.out.println(reassigned.get("init")));
  }

  Runnable notStarted() {
    Map<String, Integer> local = new java.util.HashMap<>();
    return () -> local.put("later", 1);
  }

  interface Marker {}

  @interface Config {
    String value() default "";
  }

  Object anonymousNothing() {
    return new Marker() {
      @Override
      public String toString() {
        return "marker";
      }
    };
  }
}
