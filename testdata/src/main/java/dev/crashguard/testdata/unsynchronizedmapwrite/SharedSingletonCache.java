package dev.crashguard.testdata.unsynchronizedmapwrite;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * A Spring singleton bean, and a servlet, is one object serving every request; requests run on many
 * threads at once. A HashMap cache in such an object is written concurrently.
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
}
