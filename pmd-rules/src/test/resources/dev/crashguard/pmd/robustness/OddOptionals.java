package odd;

import java.util.*;
import java.util.function.*;
import java.util.stream.*;

/** Optionals, nulls and streams in shapes that stretch a rule: none of it lets a null escape. */
public class OddOptionals<T> {

  sealed interface Result permits Ok, Err {}
  record Ok(Optional<String> value) implements Result {
    Ok {
      value = Objects.requireNonNullElse(value, Optional.empty());
    }
  }
  record Err(String message) implements Result {}

  private static Optional<String> DEFAULT;
  private Optional<String> late;
  private T generic;

  static {
    DEFAULT = Optional.empty();
  }

  OddOptionals() {
    this.late = Optional.empty();
  }

  T reset() {
    generic = null;
    return null;
  }

  static String describe(Result r) {
    return switch (r) {
      case Ok(Optional<String> v) when v.isPresent() -> v.get();
      case Ok ok -> "empty";
      case Err(var m) -> m;
    };
  }

  Optional<String> patterns(Object o) {
    if (o instanceof String s && !s.isEmpty()) {
      return Optional.of(s);
    }
    return o instanceof Optional<?> opt ? opt.map(String::valueOf) : Optional.empty();
  }

  String nulls(Map<String, String> m, @jakarta.annotation.Nullable String maybe) {
    String plain = null;
    Object[] slots = new Object[2];
    slots[0] = null;
    Supplier<String> none = () -> null;
    Function<String, String> nothing = s -> {
      return null;
    };
    Optional<String> present = Optional.ofNullable(maybe);
    return plain + slots[0] + none.get() + nothing.apply("x") + present.orElse(null) + m.get("k");
  }

  Optional<String> guarded(@org.jspecify.annotations.Nullable String name, Deque<String> queue) {
    Objects.requireNonNull(name);
    if (queue.isEmpty()) {
      return Optional.of(name);
    }
    return Optional.of(queue.poll());
  }

  Optional<String> anonymous() {
    Supplier<Optional<String>> s =
        new Supplier<>() {
          @Override
          public Optional<String> get() {
            return Optional.empty();
          }
        };
    class Local {
      Optional<String> find() {
        return Optional.of("local");
      }
    }
    return s.get().or(() -> new Local().find());
  }

  Optional<Integer> streams(List<String> words) {
    Stream.of("a", "b").map(w -> w.isEmpty() ? null : w).filter(Objects::nonNull).findFirst();
    words.stream().map(Map.of("a", "b")::get).flatMap(Stream::ofNullable).findAny();
    IntStream.range(0, 3).boxed().map(i -> i).max(Comparator.naturalOrder());
    Optional.of("x").map(x -> (String) null).orElse("fallback");
    return words.stream().map(String::length).min(Integer::compare);
  }

  int orElseThenChecked(Optional<String> name, Optional<Integer> count) {
    String v = name.orElse(null);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    Integer boxed = count.orElseGet(() -> null);
    return v.length() + Objects.requireNonNullElse(boxed, 0);
  }

  void unresolvable(com.example.missing.Repo repo, com.example.missing.Cache cache) {
    repo.save(null);
    cache.put("k", null);
    com.example.missing.Util.of(repo.find(null)).findFirst();
    Optional<String> found = repo.lookup();
    String v = found.orElse(null);
    com.example.missing.Log.info(v);
  }

  Optional<String> yielded(int code) {
    return switch (code) {
      case 1 -> Optional.of("one");
      default -> {
        String s = String.valueOf(code);
        yield Optional.of(s);
      }
    };
  }

  String read() {
    return late.orElse("") + DEFAULT.orElse("") + generic;
  }
}
