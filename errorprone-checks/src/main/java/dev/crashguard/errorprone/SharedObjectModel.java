package dev.crashguard.errorprone;

import com.google.common.collect.ImmutableSet;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;

/**
 * Library knowledge about objects that a framework shares between request threads: Spring singleton
 * beans and servlets. Their fields are written concurrently whenever a request-handling method writes
 * them. The sets are the catalog's {@link UnsynchronizedMapWriteKnowledge}, shared with the other engines.
 */
final class SharedObjectModel {

  /** Annotations that make a class a Spring bean, singleton unless {@link #SPRING_SCOPE} says otherwise. */
  static final ImmutableSet<String> SPRING_STEREOTYPES =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.SPRING_STEREOTYPES);

  /**
   * Spring's root stereotype: a user's own annotation meta-annotated with it (directly or through
   * another stereotype) makes a bean too.
   */
  static final String SPRING_COMPONENT = UnsynchronizedMapWriteKnowledge.SPRING_COMPONENT;

  static final String SPRING_SCOPE = UnsynchronizedMapWriteKnowledge.SPRING_SCOPE;

  /** Scope names under which one instance serves every thread. */
  static final ImmutableSet<String> SHARED_SCOPES =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.SPRING_SINGLETON_SCOPES);

  /** Methods that run once while the bean is created (or destroyed), before any request. */
  static final ImmutableSet<String> INITIALIZER_ANNOTATIONS =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.BEAN_SETUP_ANNOTATIONS);

  static final ImmutableSet<String> LIFECYCLE_METHODS =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.BEAN_LIFECYCLE_METHODS);

  static final ImmutableSet<String> SERVLET_TYPES =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.SERVLET_TYPES);

  /** Servlet methods the container calls for each request, on the request's thread. */
  static final ImmutableSet<String> SERVLET_REQUEST_METHODS =
      ImmutableSet.copyOf(UnsynchronizedMapWriteKnowledge.SERVLET_REQUEST_METHODS);

  private SharedObjectModel() {}
}
