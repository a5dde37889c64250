package dev.crashguard.errorprone.nullescapingoptional;

import dev.crashguard.errorprone.common.CrashguardChecker;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per behaviour, positive and negative cases side by side. */
final class NullEscapingOptionalTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(NullEscapingOptional.class, getClass())
          .setArgs("-XepOpt:" + CrashguardChecker.RETHROW_FLAG + "=true");

  @Nested
  final class ReturnsNull {
    @Test
    void directTernarySwitchArmYieldAndLambdas() {
      helper
          .addSourceLines(
              "Returns.java",
              """
              import java.util.Optional;
              import java.util.concurrent.Callable;
              import java.util.function.Function;
              import java.util.function.Supplier;

              class Returns {
                Optional<String> direct(boolean b) {
                  if (b) {
                    // BUG: Diagnostic contains: 'direct' returns null although its type is Optional
                    return null;
                  }
                  return Optional.empty();
                }

                Optional<String> ternary(boolean b) {
                  // BUG: Diagnostic contains: 'ternary' returns null
                  return b ? Optional.of("a") : (null);
                }

                Optional<String> arm(int code) {
                  return switch (code) {
                    case 1 -> Optional.of("low");
                    // BUG: Diagnostic contains: 'arm' returns null
                    default -> null;
                  };
                }

                Optional<String> yielded(int code) {
                  return switch (code) {
                    case 1 -> Optional.of("low");
                    default -> {
                      System.out.println(code);
                      // BUG: Diagnostic contains: 'yielded' returns null
                      yield null;
                    }
                  };
                }

                // BUG: Diagnostic contains: 'lambda (Supplier)' returns null
                final Supplier<Optional<String>> lookup = () -> null;

                final Function<String, Optional<Integer>> parse =
                    text -> {
                      if (text.isEmpty()) {
                        // BUG: Diagnostic contains: 'lambda (Function)' returns null
                        return null;
                      }
                      return Optional.of(text.length());
                    };

                Callable<Optional<String>> anonymous() {
                  return new Callable<Optional<String>>() {
                    @Override
                    public Optional<String> call() {
                      // BUG: Diagnostic contains: 'call' returns null
                      return null;
                    }
                  };
                }

                Optional<String> nestedLambdaInMethodReturningOptional() {
                  Supplier<String> inner = () -> null;
                  return Optional.ofNullable(inner.get());
                }
              }
              """)
          .doTest();
    }

    @Test
    void notOptionalGenericNullableOrMapRemovalStaysSilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.HashMap;
              import java.util.Map;
              import java.util.Optional;
              import java.util.function.Supplier;

              class Silent {
                String plain(boolean b) {
                  return b ? "a" : null;
                }

                final Supplier<String> lookup = () -> null;

                static class Box<T> {
                  T value;

                  T get() {
                    return value == null ? null : value;
                  }

                  T reset() {
                    return null;
                  }
                }

                Box<Optional<String>> box = new Box<>();

                @jakarta.annotation.Nullable
                Optional<String> declaredNullable() {
                  return null;
                }

                <T> T generic() {
                  return null;
                }

                void mapRemoval(Map<String, Optional<String>> cache, String key) {
                  cache.computeIfAbsent(key, k -> null);
                  cache.compute(key, (k, v) -> null);
                  cache.merge(key, Optional.empty(), (a, b) -> null);
                }

                String consumer(Supplier<Optional<String>> source) {
                  Optional<String> value = source.get();
                  if (value == null) {
                    return "none";
                  }
                  return value.orElse("");
                }

                Optional<String> inference() {
                  return Optional.ofNullable(pick(() -> null));
                }

                static <T> T pick(Supplier<T> supplier) {
                  return supplier.get();
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class StoresNull {
    @Test
    void localsParametersFieldsAndArrayElements() {
      helper
          .addSourceLines(
              "Stores.java",
              """
              import java.util.Optional;

              class Stores {
                // BUG: Diagnostic contains: 'owner' is set to null although its type is Optional
                private Optional<String> owner = null;
                private Optional<String> lastError = Optional.empty();
                @SuppressWarnings("unchecked")
                private final Optional<String>[] slots = new Optional[2];

                int local(boolean known) {
                  // BUG: Diagnostic contains: 'name' is set to null
                  Optional<String> name = null;
                  if (known) {
                    name = Optional.of("Ann");
                  }
                  // BUG: Diagnostic contains: 'viaVar' is set to null
                  var viaVar = known ? Optional.of("x") : null;
                  return name.map(String::length).orElse(0) + viaVar.hashCode();
                }

                void reset(Optional<String> parameter) {
                  // BUG: Diagnostic contains: 'parameter' is set to null
                  parameter = null;
                  // BUG: Diagnostic contains: 'lastError' is set to null
                  this.lastError = null;
                  // BUG: Diagnostic contains: 'slots[0]' is set to null
                  slots[0] = null;
                }
              }
              """)
          .doTest();
    }

    @Test
    void nonOptionalOrNullableTargetsStaySilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.Optional;

              class Silent {
                private String lastError = null;
                @jakarta.annotation.Nullable private Optional<String> tristate = null;
                private Object anything = null;

                void clear() {
                  String plain = null;
                  lastError = null;
                  tristate = null;
                  anything = null;
                  Object[] objects = new Object[1];
                  objects[0] = null;
                  System.out.println(plain == null);
                }

                boolean compare(Optional<String> value) {
                  return value == null;
                }

                /** null means "not loaded yet": the class checks for it. */
                private Optional<String> cached = null;

                Optional<String> cached() {
                  if (cached == null) {
                    cached = Optional.of("loaded");
                  }
                  return cached;
                }

                void invalidate() {
                  cached = null;
                }

                String local(boolean b) {
                  Optional<String> maybe = null;
                  if (b) {
                    maybe = Optional.of("x");
                  }
                  return maybe == null ? "unset" : maybe.orElse("");
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class PassesNull {
    @Test
    void methodsAndConstructors() {
      helper
          .addSourceLines(
              "Passes.java",
              """
              import java.util.Optional;

              class Passes {
                static String greet(Optional<String> name) {
                  return name.orElse("stranger");
                }

                record Person(String id, Optional<String> email) {}

                static class Base {
                  Base(Optional<String> label) {}
                }

                static class Derived extends Base {
                  Derived() {
                    // BUG: Diagnostic contains: 'Base' is passed null for a parameter whose type is Optional
                    super(null);
                  }
                }

                String call() {
                  // BUG: Diagnostic contains: 'greet' is passed null for a parameter whose type is Optional
                  return greet(null);
                }

                Person create(String id, boolean b) {
                  // BUG: Diagnostic contains: 'Person' is passed null
                  new Person(id, b ? Optional.of("x") : null);
                  // BUG: Diagnostic contains: 'Person' is passed null
                  return new Person(id, null);
                }
              }
              """)
          .doTest();
    }

    @Test
    void otherParametersGenericsVarargsNullableAndExpectedExceptionsStaySilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.HashMap;
              import java.util.List;
              import java.util.Map;
              import java.util.Optional;
              import java.util.function.Function;

              class Silent {
                static void log(String message) {}

                static void tolerant(@org.jspecify.annotations.Nullable Optional<String> maybe) {}

                static void varargs(Optional<?>... all) {}

                static <T> void assertThrows(Class<T> type, Runnable body) {}

                static void greet(Optional<String> name) {}

                static String defensive(Optional<String> name) {
                  return name == null ? "none" : name.orElse("");
                }

                record Person(String id, Optional<String> email) {}

                void all(Map<String, Optional<String>> map, Function<Optional<String>, String> f) {
                  log(null);
                  tolerant(null);
                  new Person(null, Optional.empty());
                  map.put("k", null);
                  f.apply(null);
                  List.of(Optional.empty()).contains(null);
                  assertThrows(NullPointerException.class, () -> greet(null));
                  new HashMap<String, Optional<String>>().put("a", null);
                  defensive(null);
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class UnassignedField {
    @Test
    void privateFieldsNothingSetsUp() {
      helper
          .addSourceLines(
              "Fields.java",
              """
              import java.util.Optional;

              class Fields {
                static class Never {
                  // BUG: Diagnostic contains: 'nickname' is never assigned by a constructor or initialiser
                  private Optional<String> nickname;

                  String display(String name) {
                    return nickname.orElse(name);
                  }
                }

                static class SetterOnly {
                  // BUG: Diagnostic contains: 'email' is never assigned
                  private Optional<String> email;

                  void setEmail(String email) {
                    this.email = Optional.ofNullable(email);
                  }

                  boolean reachable() {
                    return email.isPresent();
                  }
                }

                static class StaticNeverSet {
                  // BUG: Diagnostic contains: 'fallback' is never assigned
                  private static Optional<String> fallback;

                  static void configure(String value) {
                    fallback = Optional.of(value);
                  }

                  static String get() {
                    return fallback.orElse("");
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void assignedSomewhereSetUpReachesStaysSilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.Optional;

              class Silent {
                static class ByConstructor {
                  private Optional<String> nickname;
                  private final Optional<String> title;

                  ByConstructor(String nickname) {
                    this.nickname = Optional.ofNullable(nickname);
                    this.title = Optional.empty();
                  }

                  ByConstructor() {
                    this(null);
                  }

                  String show() {
                    return nickname.orElse("") + title.orElse("");
                  }
                }

                static class ByInitMethod {
                  private Optional<String> value;

                  ByInitMethod() {
                    init();
                  }

                  private void init() {
                    reset();
                  }

                  private void reset() {
                    value = Optional.empty();
                  }

                  String show() {
                    return value.orElse("");
                  }
                }

                static class ByInitialiserBlocks {
                  private Optional<String> instance;
                  private static Optional<String> shared;

                  {
                    instance = Optional.empty();
                  }

                  static {
                    shared = Optional.of("none");
                  }

                  String show() {
                    return instance.orElse(shared.orElse(""));
                  }
                }

                static class LazilyInitialised {
                  private Optional<String> cached;

                  Optional<String> get() {
                    if (cached == null) {
                      cached = Optional.of("computed");
                    }
                    return cached;
                  }
                }

                static class Built {
                  private Optional<String> name;

                  String show() {
                    return name.orElse("");
                  }

                  static Built of(String name) {
                    Built built = new Built();
                    built.name = Optional.ofNullable(name);
                    return built;
                  }
                }

                static class AssignedByNestedBuilder {
                  private Optional<String> name;

                  String show() {
                    return name.orElse("");
                  }

                  static class Builder {
                    AssignedByNestedBuilder build(AssignedByNestedBuilder target) {
                      target.name = Optional.empty();
                      return target;
                    }
                  }
                }

                abstract static class Template {
                  Template() {
                    setUp();
                  }

                  abstract void setUp();
                }

                static class ByOverride extends Template {
                  private Optional<String> configured;

                  @Override
                  void setUp() {
                    configured = Optional.of("x");
                  }

                  String show() {
                    return configured.orElse("");
                  }
                }

                static class Injected {
                  @Deprecated private Optional<String> annotated;

                  String show() {
                    return annotated.orElse("");
                  }
                }

                static class NotPrivateOrUnread {
                  Optional<String> visibleToPackage;
                  private Optional<String> neverRead;

                  String show() {
                    return visibleToPackage.orElse("");
                  }
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class OfNullableValue {
    @Test
    void annotatedJdkAndTestedEarlier() {
      helper
          .addSourceLines(
              "Of.java",
              """
              import java.io.File;
              import java.util.Deque;
              import java.util.Map;
              import java.util.Optional;
              import java.util.Properties;

              class Of {
                @org.jetbrains.annotations.Nullable private String alias;

                @javax.annotation.CheckForNull
                String find() {
                  return alias;
                }

                @org.checkerframework.checker.nullness.qual.Nullable
                String typeUse() {
                  return alias;
                }

                Optional<String> parameter(@jakarta.annotation.Nullable String name) {
                  // BUG: Diagnostic contains: 'name' may be null and is passed to Optional.of, which then throws
                  return Optional.of(name);
                }

                Optional<String> field() {
                  // BUG: Diagnostic contains: 'this.alias' may be null
                  return Optional.of(this.alias);
                }

                Optional<String> results() {
                  // BUG: Diagnostic contains: 'find()' may be null
                  Optional.of(find());
                  // BUG: Diagnostic contains: 'typeUse()' may be null
                  return Optional.of(typeUse());
                }

                Optional<?> jdk(Map<String, Integer> map, Properties p, File f, Deque<String> d, Throwable t) {
                  // BUG: Diagnostic contains: 'map.get("a")' may be null
                  Optional.of(map.get("a"));
                  // BUG: Diagnostic contains: 'p.getProperty("a")'
                  Optional.of(p.getProperty("a"));
                  // BUG: Diagnostic contains: 'f.getParentFile()'
                  Optional.of(f.getParentFile());
                  // BUG: Diagnostic contains: 'd.pollFirst()'
                  Optional.of(d.pollFirst());
                  // BUG: Diagnostic contains: 't.getCause()'
                  return Optional.of(t.getCause());
                }

                Optional<Integer> viaLocal(Map<String, Integer> map) {
                  Integer port = map.get("http");
                  // BUG: Diagnostic contains: 'port' may be null
                  return Optional.of(port);
                }

                Optional<String> testedEarlier(String name) {
                  if (name == null) {
                    System.err.println("no name");
                  }
                  // BUG: Diagnostic contains: 'name' may be null
                  return Optional.of(name);
                }

                Optional<String> insideNullBranch(String name) {
                  if (name == null) {
                    // BUG: Diagnostic contains: 'name' may be null
                    return Optional.of(name);
                  }
                  return Optional.empty();
                }
              }
              """)
          .doTest();
    }

    @Test
    void provenNonNullOrNothingSaysNullStaysSilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.Map;
              import java.util.Objects;
              import java.util.Optional;

              class Silent {
                @jakarta.annotation.Nullable private String alias;

                Optional<String> required(@jakarta.annotation.Nullable String name) {
                  Objects.requireNonNull(name, "name");
                  return Optional.of(name);
                }

                Optional<String> earlyReturn(@org.jspecify.annotations.Nullable String name, boolean other) {
                  if (other || name == null) {
                    return Optional.empty();
                  }
                  return Optional.of(name);
                }

                Optional<String> earlyThrow(@org.jspecify.annotations.Nullable String name) {
                  if (Objects.isNull(name)) {
                    throw new IllegalArgumentException();
                  }
                  return Optional.of(name);
                }

                Optional<String> inside(@jakarta.annotation.Nullable String name) {
                  if (name != null && !name.isEmpty()) {
                    return Optional.of(name);
                  }
                  return name != null ? Optional.of(name) : Optional.empty();
                }

                Optional<String> defaulted(@jakarta.annotation.Nullable String name) {
                  if (name == null) {
                    name = "anonymous";
                  }
                  return Optional.of(name);
                }

                Optional<Object> instanceOf(@jakarta.annotation.Nullable Object o) {
                  if (o instanceof String) {
                    return Optional.of(o);
                  }
                  return Optional.empty();
                }

                Optional<String> assertion(@jakarta.annotation.Nullable String name) {
                  assert name != null;
                  return Optional.of(name);
                }

                Optional<String> guardedField() {
                  if (alias == null) {
                    return Optional.empty();
                  }
                  return Optional.of(alias);
                }

                Optional<Integer> containsKey(Map<String, Integer> map, String key) {
                  if (!map.containsKey(key)) {
                    return Optional.empty();
                  }
                  Integer value = map.get(key);
                  return Optional.of(value);
                }

                Optional<Integer> containsKeyInline(Map<String, Integer> map, String key) {
                  return map.containsKey(key) ? Optional.of(map.get(key)) : Optional.empty();
                }

                Optional<String> jdkWithDefault() {
                  return Optional.of(System.getProperty("a", "b"));
                }

                Optional<String> plain(String name, Optional<String> other) {
                  if (other.isPresent()) {
                    return Optional.of(other.get());
                  }
                  return Optional.of(name).or(() -> Optional.of(new String("x")));
                }

                Optional<String> testedInAnotherBranch(String name, boolean b) {
                  if (b) {
                    if (name == null) {
                      System.out.println();
                    }
                  }
                  return Optional.of(name);
                }

                private String cache;

                Optional<String> lazyField() {
                  if (cache == null) {
                    load();
                  }
                  return Optional.of(cache);
                }

                void load() {
                  cache = "x";
                }

                Optional<Integer> reassignedLocal(Map<String, Integer> map) {
                  Integer v = map.get("a");
                  v = 3;
                  return Optional.of(v);
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class OrElseNull {
    @Test
    void dereferencedValues() {
      helper
          .addSourceLines(
              "Deref.java",
              """
              import java.util.List;
              import java.util.Optional;

              class Deref {
                static final class Point {
                  int x;
                }

                int call(Optional<String> name) {
                  String value = name.orElse(null);
                  // BUG: Diagnostic contains: 'value' is null when the Optional is empty (orElse(null))
                  return value.length();
                }

                int field(Optional<Point> point) {
                  Point p = point.orElse(null);
                  // BUG: Diagnostic contains: 'p' is null when the Optional is empty
                  return p.x;
                }

                int unboxing(Optional<Integer> count) {
                  // BUG: Diagnostic contains: 'count.orElse(null)' is null when the Optional is empty
                  int n = count.orElse(null);
                  Integer boxed = count.orElse(null);
                  // BUG: Diagnostic contains: 'boxed'
                  return n + boxed;
                }

                int forEach(Optional<List<String>> lines) {
                  int total = 0;
                  // BUG: Diagnostic contains: 'lines.orElse(null)'
                  for (String line : lines.orElse(null)) {
                    total += line.length();
                  }
                  return total;
                }

                int switchOn(Optional<String> command) {
                  String c = command.orElse(null);
                  // BUG: Diagnostic contains: 'c'
                  switch (c) {
                    case "stop":
                      return 0;
                    default:
                      return 1;
                  }
                }

                void lock(Optional<Object> monitor) {
                  Object m = monitor.orElseGet(() -> null);
                  // BUG: Diagnostic contains: 'm'
                  synchronized (m) {
                    m.notifyAll();
                  }
                }

                String inline(Optional<String> name) {
                  // BUG: Diagnostic contains: 'name.orElse(null)'
                  return name.orElse(null).toUpperCase();
                }

                Runnable methodRef(Optional<String> name) {
                  String v = name.orElseGet(() -> { return null; });
                  // BUG: Diagnostic contains: 'v'
                  return v::length;
                }

                int testedButNotLeft(Optional<String> name) {
                  String value = name.orElse(null);
                  if (value == null) {
                    System.out.println("missing");
                  }
                  // BUG: Diagnostic contains: 'value'
                  return value.length();
                }
              }
              """)
          .doTest();
    }

    @Test
    void checkedPassedOnOrReturnedStaysSilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.Objects;
              import java.util.Optional;

              class Silent {
                static void audit(@jakarta.annotation.Nullable String user) {}

                int checked(Optional<String> name) {
                  String value = name.orElse(null);
                  if (value == null) {
                    return 0;
                  }
                  return value.length();
                }

                int ternary(Optional<String> name) {
                  String value = name.orElse(null);
                  return value != null ? value.length() : -1;
                }

                int asserted(Optional<String> name) {
                  String value = name.orElse(null);
                  Objects.requireNonNull(value);
                  return value.length();
                }

                void passed(Optional<String> user) {
                  audit(user.orElse(null));
                  String kept = user.orElse(null);
                  audit(kept);
                  String text = "user " + user.orElse(null);
                }

                @jakarta.annotation.Nullable
                String returned(Optional<String> user) {
                  return user.orElse(null);
                }

                int defaulted(Optional<String> name) {
                  return name.orElse("").length() + name.orElseGet(() -> "x").length();
                }

                int reassigned(Optional<String> name) {
                  String value = name.orElse(null);
                  if (value == null) {
                    value = "";
                  }
                  return value.length();
                }

                int nullCase(Optional<String> name) {
                  return switch (name.orElse(null)) {
                    case null -> 0;
                    default -> 1;
                  };
                }

                boolean compared(Optional<Integer> count) {
                  return count.orElse(null) == null;
                }

                String staticAccess(Optional<Silent> self) {
                  return self.orElse(null).CONSTANT;
                }

                static final String CONSTANT = "c";

                static final class StringUtils {
                  static boolean isEmpty(CharSequence s) {
                    return s == null || s.length() == 0;
                  }
                }

                int utilityCheck(Optional<String> name) {
                  String value = name.orElse(null);
                  if (StringUtils.isEmpty(value)) {
                    return 0;
                  }
                  return value.length();
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class StreamPicking {
    @Test
    void picksAfterNullProducingSteps() {
      helper
          .addSourceLines(
              "Picks.java",
              """
              import java.lang.ref.Reference;
              import java.util.Comparator;
              import java.util.List;
              import java.util.Map;
              import java.util.Optional;
              import java.util.stream.Stream;

              class Picks {
                private final Map<String, String> owners = Map.of("a", "Ann");

                Optional<String> methodRef(List<String> keys) {
                  // BUG: Diagnostic contains: 'findFirst' throws instead of returning an Optional
                  return keys.stream().map(owners::get).findFirst();
                }

                Optional<String> lambda(List<String> keys) {
                  // BUG: Diagnostic contains: 'findAny'
                  return keys.stream().map(k -> k.isEmpty() ? null : k).sorted().findAny();
                }

                Optional<String> blockLambda(List<String> keys) {
                  return keys.stream()
                      .map(
                          k -> {
                            if (k.isEmpty()) {
                              return null;
                            }
                            return k;
                          })
                      // BUG: Diagnostic contains: 'findFirst'
                      .findFirst();
                }

                Optional<String> lambdaCall(List<String> keys) {
                  // BUG: Diagnostic contains: 'findFirst'
                  return keys.stream().map(k -> owners.get(k)).findFirst();
                }

                Optional<String> source() {
                  // BUG: Diagnostic contains: 'min'
                  return Stream.of("b", null, "a").min(Comparator.nullsFirst(Comparator.naturalOrder()));
                }

                Optional<Object> referents(List<Reference<Object>> refs) {
                  // BUG: Diagnostic contains: 'max'
                  return refs.stream().map(Reference::get).distinct().max((a, b) -> 0);
                }
              }
              """)
          .doTest();
    }

    @Test
    void filteredTransformedOrNullFreeStreamsStaySilent() {
      helper
          .addSourceLines(
              "Silent.java",
              """
              import java.util.Comparator;
              import java.util.List;
              import java.util.Map;
              import java.util.Objects;
              import java.util.Optional;
              import java.util.stream.Stream;

              class Silent {
                private final Map<String, String> owners = Map.of("a", "Ann");

                Optional<String> filtered(List<String> keys) {
                  return keys.stream().map(owners::get).filter(Objects::nonNull).findFirst();
                }

                Optional<String> transformedAfter(List<String> keys) {
                  return keys.stream().map(owners::get).map(String::valueOf).findFirst();
                }

                Optional<String> nullFree(List<String> keys) {
                  return keys.stream().map(String::trim).findFirst();
                }

                Optional<String> optionalMap(Optional<String> key) {
                  return key.map(k -> k.isEmpty() ? null : k);
                }

                Optional<String> literals() {
                  return Stream.of("b", "c").min(Comparator.naturalOrder());
                }

                Optional<String> flatMapped(List<Optional<String>> values) {
                  return values.stream().flatMap(Optional::stream).findFirst();
                }

                Optional<String> unknownSource(Stream<String> stream) {
                  return stream.findAny();
                }
              }
              """)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Nested
  final class Suppression {
    @Test
    void suppressHazardAndSuppressWarnings() {
      helper
          .addSourceLines(
              "Suppressed.java",
              """
              import dev.crashguard.annotations.SuppressHazard;
              import java.util.Optional;

              class Suppressed {
                @SuppressWarnings("NullEscapingOptional")
                Optional<String> byWarnings() {
                  return null;
                }

                @SuppressHazard(value = "NullEscapingOptional", because = "legacy")
                Optional<String> byHazard() {
                  return null;
                }

                @SuppressHazard("NullEscapingOptional")
                static class OnClass {
                  private Optional<String> never;

                  Optional<String> find() {
                    return Optional.of(never.orElse(null).trim());
                  }
                }

                static class OnField {
                  @SuppressHazard(value = "NullEscapingOptional", because = "reflection")
                  private Optional<String> injected;

                  String read() {
                    return injected.orElse("");
                  }
                }

                @SuppressHazard("UnsynchronizedMapWrite")
                Optional<String> otherHazard() {
                  // BUG: Diagnostic contains: 'otherHazard' returns null
                  return null;
                }
              }
              """)
          .doTest();
    }
  }
}
