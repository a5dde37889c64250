package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** Lambdas of a parallel stream run on the common fork/join pool, several at once. */
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
}
