package dev.crashguard.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void escapesWhatJsonRequiresAndWritesPureAscii() {
    assertEquals("\"a\\\"b\\\\c\"", Json.string("a\"b\\c"));
    assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\"", Json.string("\n\r\t\b\f\u0000\u001f"));
    assertEquals("\"caf\\u00e9 \\u2028 \\ud83d\\ude00 \\u007f\"", Json.string("caf\u00e9 \u2028 \uD83D\uDE00 \u007f"));
    assertEquals("\"</script> & 'x'\"", Json.string("</script> & 'x'"));
  }

  @Test
  void everyStringSurvivesARoundTripThroughAStrictParser() throws Exception {
    String nasty = "quote\" backslash\\ slash/ nul\u0000 bell\u0007 tab\t nl\n"
        + " \u00e9\u00df\u4e2d\u6587 emoji\uD83D\uDE00 rtl\u202e ls\u2028 C:\\dir\\file.java";
    String json = Json.write(Json.object().put(nasty, List.of(nasty, 1, 2L, true)).put("skipped", null));

    assertTrue(json.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), json);
    JsonNode node = MAPPER.readTree(json);
    assertEquals(1, node.size(), "null values are left out");
    JsonNode array = node.get(nasty);
    assertEquals(nasty, array.get(0).textValue());
    assertEquals(1, array.get(1).intValue());
    assertEquals(2L, array.get(2).longValue());
    assertTrue(array.get(3).booleanValue());
  }

  @Test
  void emptyContainersAndNesting() throws Exception {
    String json = Json.write(Json.object().put("a", List.of()).put("b", Json.object()).put("c",
        List.of(Json.object().put("d", List.of(List.of())))));
    assertEquals("{\"a\":[],\"b\":{},\"c\":[{\"d\":[[]]}]}", MAPPER.readTree(json).toString());
  }
}
