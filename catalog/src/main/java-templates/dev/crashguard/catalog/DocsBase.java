package dev.crashguard.catalog;

/**
 * Written by the build from this template (catalog/pom.xml filters it): the one place the docs base URL is
 * set is the root pom's {@code crashguard.docs.base.url} property. A compile-time constant, so the engines
 * can use it in annotations ({@code @BugPattern(link = ...)}).
 */
final class DocsBase {
  static final String URL = "${crashguard.docs.base.url}";

  private DocsBase() {}
}
