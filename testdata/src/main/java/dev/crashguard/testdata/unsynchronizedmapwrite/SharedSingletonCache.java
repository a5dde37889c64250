package dev.crashguard.testdata.unsynchronizedmapwrite;

import jakarta.annotation.PostConstruct;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * A Spring singleton bean, and a servlet, is one object serving every request; requests run on many
 * threads at once. A HashMap cache in such an object is written concurrently: a bean of any stereotype,
 * also one meta-annotated (an application's own annotation), or a @Configuration class. Code the container
 * runs once while it sets the bean up (constructor, @PostConstruct, @Autowired setters,
 * afterPropertiesSet(), init(), @Bean methods, a servlet's init()) does not race, and non-public methods
 * are no request entry points.
 */
public class SharedSingletonCache {

  @Service
  static class NoncompliantService {
    private final Map<String, String> cache = new HashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase); // hazard: UnsynchronizedMapWrite
    }
  }

  @Component
  static class NoncompliantStaticCache {
    private static final Map<Long, String> NAMES = new HashMap<>();

    public void remember(long id, String name) {
      NAMES.putIfAbsent(id, name); // hazard: UnsynchronizedMapWrite
    }
  }

  @Controller
  static class NoncompliantController {
    private final Map<String, Integer> hits = new HashMap<>();

    public String page(String path) {
      hits.merge(path, 1, Integer::sum); // hazard: UnsynchronizedMapWrite
      return "page";
    }
  }

  @Repository
  static class NoncompliantRepository {
    private final Map<Long, String> rows = new HashMap<>();

    public void save(long id, String row) {
      rows.put(id, row); // hazard: UnsynchronizedMapWrite
    }
  }

  static class NoncompliantServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> hits = new HashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      hits.merge(req.getRequestURI(), 1, Integer::sum); // hazard: UnsynchronizedMapWrite
    }
  }

  /** A prototype bean is created for each injection point: not shared. */
  @Service
  @Scope("prototype")
  static class CompliantPrototype {
    private final Map<String, String> cache = new HashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  @Service
  static class CompliantConcurrent {
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  @Service
  static class CompliantSynchronized {
    private final Map<String, String> cache = new HashMap<>();

    public synchronized String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  /** Filled once in the constructor, read-only afterwards. */
  @Component
  static class CompliantReadOnly {
    private final Map<String, String> names = new HashMap<>();

    CompliantReadOnly() {
      names.put("a", "A");
    }

    public String name(String key) {
      return names.get(key);
    }
  }

  /** A plain class: nothing says it is shared between threads. */
  static class CompliantPlainClass {
    private final Map<String, String> cache = new HashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  @Service
  static class FixedService {
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  static class FixedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      hits.merge(req.getRequestURI(), 1, Integer::sum);
    }
  }

  /** The application's own stereotype, meta-annotated with @Service. */
  @Retention(RetentionPolicy.RUNTIME)
  @Service
  @interface DomainService {}

  /** A bean of a custom stereotype is a singleton all the same. */
  @DomainService
  static class NoncompliantMetaAnnotated {
    private final Set<String> seen = new HashSet<>();

    public void see(String name) {
      seen.add(name); // hazard: UnsynchronizedMapWrite
    }
  }

  /**
   * A @Configuration class is a singleton too. Its @Bean method runs once, while the context starts; its
   * public lookup() serves requests.
   */
  @Configuration
  static class NoncompliantConfiguration {
    private final Map<String, String> cache = new HashMap<>();

    @Bean
    public Map<String, String> seeded() {
      cache.put("a", "A");
      return Map.copyOf(cache);
    }

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::trim); // hazard: UnsynchronizedMapWrite
    }
  }

  /** init() runs once per servlet, before any request; only the request methods race. */
  static class NoncompliantServletWithInit extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> hits = new HashMap<>();

    @Override
    public void init() {
      hits.put("started", 1);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
      hits.merge(req.getRequestURI(), 1, Integer::sum); // hazard: UnsynchronizedMapWrite
    }
  }

  /** Prototype scope named by the constant, in the named attribute. */
  @Component
  @Scope(scopeName = ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  static class CompliantPrototypeByConstant {
    private final Map<String, String> cache = new HashMap<>();

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::toUpperCase);
    }
  }

  /**
   * Written only while the container sets the bean up, once and on one thread, before any request: in
   * a {@code @PostConstruct} method, an {@code @Autowired} setter, afterPropertiesSet(), init() (by its
   * name). A package-private method is no request entry point either.
   */
  @Component
  static class CompliantStartupWrites implements InitializingBean {
    private final Map<String, String> names = new HashMap<>();

    @PostConstruct
    public void load() {
      names.put("b", "B");
    }

    @Autowired
    public void setNames(List<String> all) {
      all.forEach(n -> names.put(n, n));
    }

    @Override
    public void afterPropertiesSet() {
      names.put("c", "C");
    }

    public void init() {
      names.put("d", "D");
    }

    void packagePrivate(String key) {
      names.remove(key);
    }

    public String name(String key) {
      return names.get(key);
    }
  }

  /** An unlocked start-up write does not make the synchronized request writer inconsistent. */
  @Component
  static class CompliantStartupThenLocked {
    private final Map<String, String> names = new HashMap<>();

    @PostConstruct
    public void load() {
      names.put("b", "B");
    }

    public synchronized void add(String key) {
      names.put(key, key);
    }
  }

  @DomainService
  static class FixedMetaAnnotated {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public void see(String name) {
      seen.add(name);
    }
  }

  @Configuration
  static class FixedConfiguration {
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    @Bean
    public Map<String, String> seeded() {
      cache.put("a", "A");
      return Map.copyOf(cache);
    }

    public String lookup(String key) {
      return cache.computeIfAbsent(key, String::trim);
    }
  }
}
