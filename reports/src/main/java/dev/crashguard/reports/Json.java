package dev.crashguard.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the two writers: values are {@link String}, {@link Integer}/{@link Long},
 * {@link Boolean}, {@code List} and {@code Map} (kept in insertion order). Output is pretty-printed and pure
 * ASCII: quotes, backslashes and control characters are escaped as JSON requires, and every non-ASCII
 * character is written as {@code \\uXXXX}, so a reader that guesses the wrong charset still reads the right
 * text. Not a general library: no floats, no nulls (a field without a value is left out).
 */
final class Json {
  private Json() {}

  /** An ordered object builder: {@code Json.object().put("a", 1).put("b", "x")}. */
  static Obj object() {
    return new Obj();
  }

  static final class Obj {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Obj put(String key, Object value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    Map<String, Object> map() {
      return fields;
    }
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, int indent) {
    if (value instanceof Obj obj) {
      write(obj.map(), out, indent);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, out, indent);
    } else if (value instanceof List<?> list) {
      writeArray(list, out, indent);
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + (value == null ? "null" : value.getClass()));
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out, int indent) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String sep = "\n";
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(sep);
      indent(out, indent + 1);
      string((String) e.getKey(), out);
      out.append(": ");
      write(e.getValue(), out, indent + 1);
      sep = ",\n";
    }
    out.append('\n');
    indent(out, indent);
    out.append('}');
  }

  private static void writeArray(List<?> list, StringBuilder out, int indent) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String sep = "\n";
    for (Object item : list) {
      out.append(sep);
      indent(out, indent + 1);
      write(item, out, indent + 1);
      sep = ",\n";
    }
    out.append('\n');
    indent(out, indent);
    out.append(']');
  }

  private static void indent(StringBuilder out, int level) {
    out.append("  ".repeat(level));
  }

  /** A JSON string literal (RFC 8259 section 7), ASCII only. */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static String string(String s) {
    StringBuilder out = new StringBuilder();
    string(s, out);
    return out.toString();
  }
}
