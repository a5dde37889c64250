package dev.crashguard.testdata.executorleak;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * A pool created in a request handler and not shut down there: a Spring {@code @GetMapping}/{@code
 * @RequestMapping} method, a servlet's {@code doGet}/{@code doPost}, a JAX-RS resource method. Every request
 * makes a pool and leaves its threads behind; the service dies under load with "OutOfMemoryError: unable to
 * create new native thread". Reported on the creation. Handing the pool to an object the handler made does
 * not save it: that object dies with the request, the threads do not.
 *
 * <p>Written from spring-projects/spring-boot#18263 (a controller that "will eventually start failing with
 * OOME: unable to create new native thread as it creates 3 threads each time it is called and the Executor
 * service is never shut down"), lightblue-platform/lightblue-core#632 (thread dumps full of {@code
 * pool-12567-thread-3} after bulk requests, fixed with {@code shutdown()} after use) and
 * javaee/metro-jax-ws#454 (a new executor per asynchronous invocation).
 *
 * <p>The compliant twins keep one pool per controller, servlet or resource (created once, shut down in
 * {@code @PreDestroy} or {@code destroy()}), or create one per request and close it on every path, the
 * structured idiom for virtual threads: that costs a thread start per request, and leaks nothing.
 */
public class CreatedPerRequest {

  static String price(String sku) {
    return sku + ":42";
  }

  /** spring-boot#18263: three threads per call, never shut down. */
  @RestController
  static class NoncompliantSpringGetMapping {
    @GetMapping("/prices/{sku}")
    String price(@PathVariable String sku) throws InterruptedException, ExecutionException {
      ExecutorService executor = Executors.newFixedThreadPool(3); // hazard: ExecutorLeak
      Future<String> p = executor.submit(() -> CreatedPerRequest.price(sku));
      return p.get();
    }
  }

  /** The same with @RequestMapping and a ThreadPoolExecutor. */
  @RestController
  @RequestMapping("/bulk")
  static class NoncompliantSpringRequestMapping {
    @RequestMapping(method = RequestMethod.POST)
    int bulk(List<String> skus) {
      ThreadPoolExecutor workers = new ThreadPoolExecutor(4, 4, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // hazard: ExecutorLeak
      for (String sku : skus) {
        workers.execute(() -> CreatedPerRequest.price(sku));
      }
      return skus.size();
    }
  }

  /** lightblue-core#632: a pool per bulk request in a servlet. */
  static class NoncompliantServletDoPost extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ExecutorService bulk = Executors.newCachedThreadPool(); // hazard: ExecutorLeak
      for (String sku : req.getParameterValues("sku")) {
        bulk.submit(() -> CreatedPerRequest.price(sku));
      }
      resp.setStatus(202);
    }
  }

  /** metro-jax-ws#454: a JAX-RS resource method with a pool per invocation. */
  @Path("/stock")
  public static class NoncompliantJaxRsResource {
    @GET
    @Path("{sku}")
    public String stock(@PathParam("sku") String sku) throws InterruptedException, ExecutionException {
      ExecutorService lookups = Executors.newSingleThreadExecutor(); // hazard: ExecutorLeak
      return lookups.submit(() -> CreatedPerRequest.price(sku)).get();
    }
  }

  /** One pool per controller, shut down when the context closes. */
  @RestController
  static class CompliantControllerPool {
    private final ExecutorService executor = Executors.newFixedThreadPool(3);

    @GetMapping("/prices/{sku}")
    String price(@PathVariable String sku) throws InterruptedException, ExecutionException {
      return executor.submit(() -> CreatedPerRequest.price(sku)).get();
    }

    @PreDestroy
    void stop() {
      executor.shutdown();
    }
  }

  /** A pool per request, closed on every path: a cost per request, not a leak. */
  @RestController
  static class CompliantClosedPerRequest {
    @PostMapping("/bulk")
    int bulk(@org.springframework.web.bind.annotation.RequestBody List<String> skus) throws InterruptedException {
      try (ExecutorService perRequest = Executors.newVirtualThreadPerTaskExecutor()) {
        for (String sku : skus) {
          perRequest.submit(() -> CreatedPerRequest.price(sku));
        }
      }
      ExecutorService platform = Executors.newFixedThreadPool(2);
      try {
        platform.submit(() -> CreatedPerRequest.price("x"));
      } finally {
        platform.shutdown();
      }
      return skus.size();
    }
  }

  /** The servlet's pool is made in init() and ended in destroy(), once per servlet. */
  static class CompliantServletLifecycle extends HttpServlet {
    private ExecutorService bulk;

    @Override
    public void init() {
      bulk = Executors.newFixedThreadPool(8);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      for (String sku : req.getParameterValues("sku")) {
        bulk.submit(() -> CreatedPerRequest.price(sku));
      }
      resp.setStatus(202);
    }

    @Override
    public void destroy() {
      bulk.shutdownNow();
    }
  }

  /** A resource with a virtual thread per task, closed by try-with-resources in the method. */
  @Path("/stock")
  public static class CompliantJaxRsClosed {
    @GET
    @Path("{sku}")
    public String stock(@PathParam("sku") String sku) throws InterruptedException, ExecutionException {
      try (ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor()) {
        return lookups.submit(() -> CreatedPerRequest.price(sku)).get();
      }
    }
  }

  /** spring-boot#18263's advice: a bean-scoped executor, injected. */
  @RestController
  static class FixedSpringGetMapping {
    private final ExecutorService executor;

    FixedSpringGetMapping(ExecutorService executor) {
      this.executor = executor;
    }

    @GetMapping("/prices/{sku}")
    String price(@PathVariable String sku) throws InterruptedException, ExecutionException {
      return executor.submit(() -> CreatedPerRequest.price(sku)).get();
    }
  }

  /** lightblue-core#632's fix: shutdown after use, in finally. */
  static class FixedServletDoPost extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ExecutorService bulk = Executors.newCachedThreadPool();
      try {
        for (String sku : req.getParameterValues("sku")) {
          bulk.submit(() -> CreatedPerRequest.price(sku));
        }
      } finally {
        bulk.shutdown();
      }
      resp.setStatus(202);
    }
  }

  @Path("/stock")
  public static class FixedJaxRsResource {
    @GET
    @Path("{sku}")
    public String stock(@PathParam("sku") String sku) throws InterruptedException, ExecutionException {
      ExecutorService lookups = Executors.newSingleThreadExecutor();
      try {
        return lookups.submit(() -> CreatedPerRequest.price(sku)).get();
      } finally {
        lookups.shutdown();
      }
    }
  }
}
