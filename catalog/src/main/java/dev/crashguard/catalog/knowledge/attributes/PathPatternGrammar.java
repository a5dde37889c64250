package dev.crashguard.catalog.knowledge.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The request-mapping patterns Spring's {@code PathPatternParser} rejects (the default of Spring MVC since
 * 6.0 and of Spring Boot since 2.6, always of WebFlux), read segment by segment between {@code /}:
 *
 * <ul>
 *   <li>captures: a {@code {} inside a capture, a {@code }} with no {@code {}, a capture still open at the
 *       end of its segment (also a {@code /} inside a capture's regex: it ends the segment), an empty regex
 *       {@code {id:}}, a regex that does not compile, a name that does not start like a Java identifier or
 *       holds a character other than a Java identifier part or {@code -}, a name captured twice;
 *   <li>multi-segment elements ({@code **} between separators, {@code {*rest}}): more than one, one anywhere
 *       but at the very start or the very end, a {@code {*rest}} that shares its segment with anything.
 * </ul>
 *
 * <p>Only what every Spring release since 6.0 rejects: {@code /**}{@code /index.html} (a multi-segment element
 * at the start) is accepted since 6.2.13 and is not reported. Spring MVC prefixes a pattern that does not
 * start with {@code /} with one before it parses it; so does {@link #problem}.
 */
public final class PathPatternGrammar {

  /** The captures of a segment that mixes literals, wildcards and captures, as Spring reads them. */
  private static final Pattern CAPTURE = Pattern.compile("\\{((?:\\{[^/]+?\\}|[^/{}]|\\\\[{}])+?)\\}");

  private PathPatternGrammar() {}

  /** Why Spring rejects {@code pattern} as a request mapping, or empty when it parses. */
  public static Optional<String> problem(String pattern) {
    String path = pattern.isEmpty() || pattern.startsWith("/") ? pattern : "/" + pattern;
    try {
      new Reader(path).read();
      return Optional.empty();
    } catch (Rejected e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The names {@code pattern} captures, in order; empty when it does not parse. */
  public static java.util.Set<String> captureNames(String pattern) {
    String path = pattern.isEmpty() || pattern.startsWith("/") ? pattern : "/" + pattern;
    Reader reader = new Reader(path);
    try {
      reader.read();
    } catch (Rejected e) {
      return java.util.Set.of();
    }
    return new java.util.LinkedHashSet<>(reader.names);
  }

  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  /** One pass over the pattern, like Spring's parser: the state of the segment being read. */
  private static final class Reader {
    private final String path;
    private final List<String> names = new ArrayList<>();
    private int pos;
    private int segmentStart = -1;
    private boolean inCapture;
    private int captureStart = -1;
    private int captures;
    private boolean captureAll;
    private boolean multiSegment;

    Reader(String path) {
      this.path = path;
    }

    void read() {
      for (pos = 0; pos < path.length(); pos++) {
        char ch = path.charAt(pos);
        if (ch == '/') {
          endSegment();
          continue;
        }
        if (segmentStart == -1) {
          segmentStart = pos;
        }
        if (ch == '{') {
          if (inCapture) {
            throw new Rejected("a capture is nested inside another at " + pos);
          }
          inCapture = true;
          captureStart = pos;
        } else if (ch == '}') {
          if (!inCapture) {
            throw new Rejected("'}' at " + pos + " closes no capture");
          }
          inCapture = false;
          captures++;
        } else if (ch == ':') {
          if (inCapture && !captureAll) {
            skipRegex();
            inCapture = false;
            captures++;
          }
        } else if (doubleWildcard()) {
          multiSegment(pos, pos + 1);
          pos++;
        } else if (ch == '*' && inCapture && captureStart == pos - 1) {
          captureAll = true;
        }
        if (inCapture) {
          int nameStart = captureStart + 1 + (captureAll ? 1 : 0);
          if (pos == nameStart && !Character.isJavaIdentifierStart(ch)) {
            throw new Rejected("a capture's name cannot start with '" + ch + "'");
          }
          if (pos > nameStart && !Character.isJavaIdentifierPart(ch) && ch != '-') {
            throw new Rejected("a capture's name cannot hold '" + ch + "'");
          }
        }
      }
      endSegment();
    }

    private void skipRegex() {
      pos++;
      int start = pos;
      int depth = 0;
      boolean escaped = false;
      for (; pos < path.length(); pos++) {
        char ch = path.charAt(pos);
        if (ch == '\\' && !escaped) {
          escaped = true;
          continue;
        }
        if (ch == '{' && !escaped) {
          depth++;
        } else if (ch == '}' && !escaped) {
          if (depth == 0) {
            if (start == pos) {
              throw new Rejected("a capture's regex is empty");
            }
            return;
          }
          depth--;
        }
        if (ch == '/' && !escaped) {
          throw new Rejected("a capture's regex holds '/', which ends the path segment before the capture closes");
        }
        escaped = false;
      }
      throw new Rejected("a capture is not closed");
    }

    private boolean doubleWildcard() {
      return pos + 1 < path.length()
          && path.charAt(pos) == '*'
          && path.charAt(pos + 1) == '*'
          && (pos == 0 || path.charAt(pos - 1) == '/')
          && (pos + 2 >= path.length() || path.charAt(pos + 2) == '/');
    }

    private void multiSegment(int start, int end) {
      if (multiSegment) {
        throw new Rejected("more than one '**' or '{*...}' element");
      }
      if (start > 1 && end != path.length() - 1) {
        throw new Rejected("a '**' or '{*...}' element stands neither at the start nor at the end");
      }
      multiSegment = true;
    }

    private void endSegment() {
      if (segmentStart != -1) {
        if (inCapture) {
          throw new Rejected("a capture is not closed");
        }
        String text = path.substring(segmentStart, pos);
        if (captures == 1 && segmentStart == captureStart && path.charAt(pos - 1) == '}') {
          if (captureAll) {
            multiSegment(segmentStart, pos - 1);
          } else {
            fullCapture(text);
          }
        } else if (captures > 0) {
          if (captureAll) {
            throw new Rejected("'{*...}' must be the whole path segment");
          }
          mixedCaptures(text);
        }
      }
      segmentStart = -1;
      inCapture = false;
      captureStart = -1;
      captures = 0;
      captureAll = false;
    }

    private void fullCapture(String text) {
      String body = text.substring(1, text.length() - 1);
      int colon = body.indexOf(':');
      if (colon != -1) {
        compile(body.substring(colon + 1));
        record(body.substring(0, colon));
      } else {
        record(body);
      }
    }

    private void mixedCaptures(String text) {
      Matcher m = CAPTURE.matcher(text);
      while (m.find()) {
        String body = m.group(1);
        int colon = body.indexOf(':');
        if (colon != -1) {
          compile("(" + body.substring(colon + 1) + ")");
          record(body.substring(0, colon));
        } else {
          record(body);
        }
      }
    }

    private static void compile(String regex) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new Rejected("a capture's regex does not compile: " + e.getDescription());
      }
    }

    private void record(String name) {
      if (names.contains(name)) {
        throw new Rejected("'" + name + "' is captured twice");
      }
      names.add(name);
    }
  }
}
