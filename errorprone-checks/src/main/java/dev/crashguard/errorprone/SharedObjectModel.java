package dev.crashguard.errorprone;

import com.google.common.collect.ImmutableSet;

/**
 * Library knowledge about objects that a framework shares between request threads: Spring singleton
 * beans and servlets. Their fields are written concurrently whenever a request-handling method writes
 * them.
 */
final class SharedObjectModel {

  /** Annotations that make a class a Spring bean, singleton unless {@link #SPRING_SCOPE} says otherwise. */
  static final ImmutableSet<String> SPRING_STEREOTYPES =
      ImmutableSet.of(
          "org.springframework.stereotype.Component",
          "org.springframework.stereotype.Service",
          "org.springframework.stereotype.Repository",
          "org.springframework.stereotype.Controller",
          "org.springframework.web.bind.annotation.RestController",
          "org.springframework.web.bind.annotation.ControllerAdvice",
          "org.springframework.web.bind.annotation.RestControllerAdvice",
          "org.springframework.context.annotation.Configuration");

  /**
   * Spring's root stereotype: a user's own annotation meta-annotated with it (directly or through
   * another stereotype) makes a bean too.
   */
  static final String SPRING_COMPONENT = "org.springframework.stereotype.Component";

  static final String SPRING_SCOPE = "org.springframework.context.annotation.Scope";

  /** Scope names under which one instance serves every thread. */
  static final ImmutableSet<String> SHARED_SCOPES = ImmutableSet.of("", "singleton");

  /** Methods that run once while the bean is created, before any request. */
  static final ImmutableSet<String> INITIALIZER_ANNOTATIONS =
      ImmutableSet.of(
          "jakarta.annotation.PostConstruct",
          "javax.annotation.PostConstruct",
          "jakarta.annotation.PreDestroy",
          "javax.annotation.PreDestroy",
          "org.springframework.context.annotation.Bean");

  static final ImmutableSet<String> LIFECYCLE_METHODS =
      ImmutableSet.of("afterPropertiesSet", "destroy", "init");

  static final ImmutableSet<String> SERVLET_TYPES =
      ImmutableSet.of(
          "jakarta.servlet.GenericServlet",
          "javax.servlet.GenericServlet",
          "jakarta.servlet.Servlet",
          "javax.servlet.Servlet");

  /** Servlet methods the container calls for each request, on the request's thread. */
  static final ImmutableSet<String> SERVLET_REQUEST_METHODS =
      ImmutableSet.of(
          "service", "doGet", "doPost", "doPut", "doDelete", "doHead", "doOptions", "doTrace", "doPatch");

  private SharedObjectModel() {}
}
