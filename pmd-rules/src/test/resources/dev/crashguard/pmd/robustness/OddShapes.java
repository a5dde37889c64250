package odd;

import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.stream.*;

/** Java that stretches a parser and a rule: none of it races on a map, so nothing may be reported. */
public class OddShapes<K extends Comparable<? super K>, V> {

  sealed interface Shape permits Circle, Square, Group {}
  record Circle(double r) implements Shape {}
  record Square(double side) implements Shape {}
  record Group(List<Shape> parts, Map<String, Shape> byName) implements Shape {
    Group {
      byName = Map.copyOf(byName);
    }
  }

  enum Mode {
    FAST { @Override int cost() { return 1; } },
    SLOW { @Override int cost() { return 2; } };
    private final Map<String, Integer> perMode = new EnumMap<>(Map.of());
    abstract int cost();
  }

  /** Lambdas and method references in field initialisers; constructors as method references. */
  private final Supplier<Map<K, V>> factory = HashMap::new;
  private final Function<Integer, Set<K>> sized = HashSet::new;
  private final Map<K, V> mine = new TreeMap<>();
  private final Runnable clearLater = () -> System.out.println("no map here");
  private static final ThreadLocal<Map<String, Integer>> PER_THREAD = ThreadLocal.withInitial(HashMap::new);
  private volatile Map<String, String> replaced = Map.of();

  static double area(Shape s) {
    return switch (s) {
      case Circle c when c.r() > 10 -> Math.PI * c.r() * c.r();
      case Circle(double r) -> Math.PI * r * r;
      case Square sq -> sq.side() * sq.side();
      case Group(List<Shape> parts, var byName) -> parts.stream().mapToDouble(OddShapes::area).sum();
    };
  }

  <T extends Map<K, V>> T fill(T target, K key, V value) {
    target.put(key, value);
    return target;
  }

  void shadowing(ExecutorService pool, Map<String, Integer> mine) {
    // `mine` is the parameter here (origin unknown), not the TreeMap field.
    pool.execute(() -> mine.put("a", 1));
    Object o = new HashMap<String, Integer>();
    if (o instanceof HashMap<?, ?> hm) {
      pool.execute(() -> hm.clear());
    }
  }

  void localClasses(ExecutorService pool) {
    class Local {
      private final Map<String, Integer> own = new HashMap<>();
      void touch() { own.put("x", 1); }
    }
    new Local().touch();
    pool.submit(() -> {
      Map<String, Integer> inside = new HashMap<>();
      inside.merge("k", 1, Integer::sum);
      return new Object() {
        final Set<String> seen = new HashSet<>();
        boolean add(String s) { return seen.add(s); }
      }.add("z");
    });
  }

  void unresolvable(com.example.missing.Executor exec, com.example.missing.Cache cache) {
    Map<String, Integer> counts = new HashMap<>();
    exec.run(() -> cache.put("k", 1));
    com.example.missing.Util.each(counts, (k, v) -> counts.size());
    counts.put("after", 1);
  }

  void genericsAndVar(List<? extends K> keys) {
    var copy = new TreeMap<K, V>();
    for (K key : keys) {
      copy.putIfAbsent(key, null);
    }
    Map<K, List<V>> grouped = keys.stream().collect(Collectors.groupingBy(k -> k));
    int[] counter = {0};
    keys.forEach(k -> counter[0]++);
  }

  void copyOnWrite(String key, String value) {
    Map<String, String> next = new HashMap<>(replaced);
    next.put(key, value);
    replaced = Map.copyOf(next);
  }

  void perThread(ExecutorService pool) {
    pool.execute(() -> PER_THREAD.get().put("n", 1));
  }

  void parallelWithoutSideEffects(List<String> words) {
    Map<Integer, Long> byLength =
        words.parallelStream().collect(Collectors.groupingBy(String::length, Collectors.counting()));
    Set<String> sorted = new TreeSet<>();
    words.parallelStream().sequential().forEach(sorted::add);
    words.parallelStream().forEachOrdered(sorted::add);
    IntStream.range(0, 3).boxed().forEach(i -> byLength.size());
  }

  void lockedEverywhere(ExecutorService pool) {
    Map<String, Integer> guarded = new HashMap<>();
    pool.execute(() -> {
      synchronized (guarded) {
        guarded.put("a", 1);
      }
    });
    synchronized (guarded) {
      guarded.put("b", 2);
    }
  }
}
