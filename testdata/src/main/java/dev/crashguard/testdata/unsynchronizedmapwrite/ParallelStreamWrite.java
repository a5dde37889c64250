package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lambdas and method references of a parallel stream run on the common fork/join pool, several at once:
 * forEach and peek actions, but also the functions reduce, collect and sorted call. A stream is parallel
 * when its last mode switch (parallel(), sequential(), StreamSupport's flag) says so, wherever that switch
 * stands in the pipeline; a lock the caller holds does not reach the pool's threads.
 */
public class ParallelStreamWrite {

  static class Noncompliant {
    private final Map<String, Integer> index = new HashMap<>();

    Map<String, Integer> indexAll(List<String> words) {
      words.parallelStream().forEach(w -> index.put(w, w.length())); // hazard: UnsynchronizedMapWrite
      return index;
    }

    Set<Integer> squares(int n) {
      Set<Integer> squares = new HashSet<>();
      IntStream.range(0, n).parallel().forEach(i -> squares.add(i * i)); // hazard: UnsynchronizedMapWrite
      return squares;
    }

    Set<Long> evens(long n) {
      Set<Long> evens = new LinkedHashSet<>();
      LongStream.rangeClosed(1, n).parallel().forEach(i -> evens.add(i * 2)); // hazard: UnsynchronizedMapWrite
      return evens;
    }

    int totalLength(List<String> words) {
      return words.parallelStream().reduce(0, (sum, w) -> sum + index.merge(w, 1, Integer::sum), Integer::sum); // hazard: UnsynchronizedMapWrite
    }

    List<String> upperWithSideEffect(List<String> words) {
      return words.stream()
          .parallel()
          .peek(w -> index.merge(w, 1, Integer::sum)) // hazard: UnsynchronizedMapWrite
          .map(String::toUpperCase)
          .collect(Collectors.toList());
    }
  }

  static class Compliant {
    Map<String, Integer> indexAll(List<String> words) {
      return words.parallelStream().distinct().collect(Collectors.toMap(Function.identity(), String::length));
    }

    ConcurrentMap<Integer, List<String>> byLength(List<String> words) {
      return words.parallelStream().collect(Collectors.groupingByConcurrent(String::length));
    }

    Map<String, Integer> sequential(List<String> words) {
      Map<String, Integer> index = new HashMap<>();
      words.stream().forEach(w -> index.put(w, w.length()));
      words.forEach(w -> index.merge(w, 1, Integer::sum));
      return index;
    }

    /** forEachOrdered: each action happens-before the next, so one element at a time touches the set. */
    Set<Long> evensOrdered(long n) {
      Set<Long> evens = new LinkedHashSet<>();
      LongStream.rangeClosed(1, n).parallel().filter(i -> i % 2 == 0).forEachOrdered(evens::add);
      return evens;
    }

    /** reduce on a parallel stream, but the lambdas touch no shared map. */
    int totalLength(List<String> words) {
      return words.parallelStream().reduce(0, (sum, w) -> sum + w.length(), Integer::sum);
    }

    Set<Integer> squaresSequential(int n) {
      Set<Integer> squares = new HashSet<>();
      IntStream.range(0, n).forEach(i -> squares.add(i * i));
      return squares;
    }
  }

  static class Fixed {
    private final Map<String, Integer> index = new ConcurrentHashMap<>();

    int totalLength(List<String> words) {
      return words.parallelStream().reduce(0, (sum, w) -> sum + index.merge(w, 1, Integer::sum), Integer::sum);
    }

    Map<String, Integer> indexAll(List<String> words) {
      words.parallelStream().forEach(w -> index.put(w, w.length()));
      return index;
    }

    Set<Integer> squares(int n) {
      Set<Integer> squares = ConcurrentHashMap.newKeySet();
      IntStream.range(0, n).parallel().forEach(i -> squares.add(i * i));
      return squares;
    }

    List<String> upperWithSideEffect(List<String> words) {
      return words.stream()
          .parallel()
          .peek(w -> index.merge(w, 1, Integer::sum))
          .map(String::toUpperCase)
          .collect(Collectors.toList());
    }
  }

  /**
   * A method reference as the action, a stream made parallel by StreamSupport's flag or by a parallel()
   * after the writing step (the whole pipeline runs in parallel), and the functions that reduce, a
   * three-argument collect and sorted call on several threads at once.
   */
  static class NoncompliantMoreParallelShapes {
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<Integer> numbers = new HashSet<>();

    Set<String> methodReference(List<String> words) {
      Set<String> sorted = new TreeSet<>();
      words.parallelStream().filter(w -> !w.isEmpty()).forEach(sorted::add); // hazard: UnsynchronizedMapWrite
      return sorted;
    }

    long parallelByFlag(List<String> words) {
      Set<String> seen = new HashSet<>();
      return StreamSupport.stream(words.spliterator(), true).filter(w -> seen.add(w)).count(); // hazard: UnsynchronizedMapWrite
    }

    List<Integer> parallelLater(List<String> words) {
      return words.stream().map(w -> index.remove(w)).parallel().collect(Collectors.toList()); // hazard: UnsynchronizedMapWrite
    }

    int reduceTwoArguments(List<Integer> xs) {
      return xs.parallelStream().reduce(0, (a, b) -> numbers.add(b) ? a + b : a); // hazard: UnsynchronizedMapWrite
    }

    void collectThreeArguments(List<Integer> xs) {
      xs.parallelStream().collect(ArrayList::new, (l, x) -> numbers.add(x), List::addAll); // hazard: UnsynchronizedMapWrite
    }

    List<Integer> sortedWithComparator(List<Integer> xs) {
      return xs.parallelStream()
          .sorted(
              (a, b) -> {
                numbers.add(a); // hazard: UnsynchronizedMapWrite
                return Integer.compare(a, b);
              })
          .collect(Collectors.toList());
    }
  }

  /** The caller's lock does not cover the stream's worker threads. */
  static class NoncompliantParallelUnderALock {
    private final Set<String> seen = new HashSet<>();

    void see(List<String> words) {
      synchronized (this) {
        words.parallelStream().forEach(seen::add); // hazard: UnsynchronizedMapWrite
      }
    }
  }

  /**
   * Not parallel after all: sequential() after parallelStream() (the last switch wins), StreamSupport with
   * the flag false, a stream of unknown mode that this class only ever makes sequential, and an onClose
   * action, which runs on the thread that closes the stream (here none does).
   */
  static class CompliantNotParallelAfterAll {
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<Integer> numbers = new HashSet<>();

    void all(List<String> words, List<Integer> xs) {
      words.parallelStream().sequential().forEach(w -> index.put(w, 1));
      StreamSupport.stream(words.spliterator(), false).forEach(w -> index.put(w, 2));
      indexAll(words.stream());
      xs.parallelStream().onClose(() -> numbers.add(0)).count();
    }

    private void indexAll(Stream<String> unknown) {
      unknown.forEach(w -> index.put(w, 3));
    }
  }

  static class FixedMoreParallelShapes {
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private final Set<Integer> numbers = ConcurrentHashMap.newKeySet();

    Set<String> methodReference(List<String> words) {
      Set<String> sorted = new ConcurrentSkipListSet<>();
      words.parallelStream().filter(w -> !w.isEmpty()).forEach(sorted::add);
      return sorted;
    }

    long parallelByFlag(List<String> words) {
      Set<String> seen = ConcurrentHashMap.newKeySet();
      return StreamSupport.stream(words.spliterator(), true).filter(w -> seen.add(w)).count();
    }

    List<Integer> parallelLater(List<String> words) {
      return words.stream().map(w -> index.remove(w)).parallel().collect(Collectors.toList());
    }

    int reduceTwoArguments(List<Integer> xs) {
      return xs.parallelStream().reduce(0, (a, b) -> numbers.add(b) ? a + b : a);
    }

    void collectThreeArguments(List<Integer> xs) {
      xs.parallelStream().collect(ArrayList::new, (l, x) -> numbers.add(x), List::addAll);
    }

    List<Integer> sortedWithComparator(List<Integer> xs) {
      return xs.parallelStream()
          .sorted(
              (a, b) -> {
                numbers.add(a);
                return Integer.compare(a, b);
              })
          .collect(Collectors.toList());
    }
  }

  static class FixedParallelUnderALock {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void see(List<String> words) {
      synchronized (this) {
        words.parallelStream().forEach(seen::add);
      }
    }
  }
}
