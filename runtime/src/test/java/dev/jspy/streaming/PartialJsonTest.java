package dev.jspy.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answers of jiter 0.17 ({@code from_json}, partial_mode "trailing-strings"), recorded by running it. */
class PartialJsonTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // text | top-level keys in partial mode ("ERR": jiter raises) | whole parse ok
      "{\"answer\": |  | false",
      "{\"answer\": \"x | answer | false",
      "{\"answer\": \"x\", \"jud | answer | false",
      "{\"answer\": \"x\", \"jud\": | answer | false",
      "{\"answer\": tr |  | false",
      "{\"answer\": [1, {\"a\": 2 | answer | false",
      "{\"a\":1,\"a\":2 | a | false",
      "{\"answer\": 12 | answer | false",
      "{\"answer\": \"x\"} x | answer | false",
      "{\"answer\": \"x\"]| answer | false",
      "{\"answer\": 1. |  | false",
      "{\"answer\": - |  | false",
      "{\"a\": \"x\" \"b\": 1} | a | false",
      "{\"a\": \"x\", 5} | ERR | false",
      "{\"a\": [1 x | a | false",
      "{\"a\":\"x\",\"b\":\"y | a,b | false",
      "{\"a\":\"x\",\"b\":[ | a,b | false",
      "{\"a\":\"x\",\"b\":{\"c | a,b | false",
      "{\"a\":\"x\",\"b\":NaN | a,b | false",
      "{\"a\":\"x\",\"b\":-Infinity} | a,b | true",
      "{\"a\":\"x\",\"b\":tru} | ERR | false",
      "{\"a\":\"x\",\"b\":[1,] | ERR | false",
      "{\"a\":\"x\",\"b\":\"\\u12 | a,b | false",
      "{\"a\":\"x\",\"b\":\"\\q\"} | ERR | false",
      "{\"a\":1}} | a | false",
      "`  {\"a\":1`| a | false",
      "{\"a\":1,} | ERR | false",
      "{\"a\":01} | ERR | false",
      "{\"a\":1.5e |  | false",
      "{\"a\":{\"b\":1,\"b\":2}, \"c\":1 | a,c | false",
      "`{\"a\": {\"b\": [1, 2.5e-3, true, null]}, \"c\": \"\\\"}\\u00e9\"}\n` | a,c | true",
  })
  void answersAsJiter(String text, String keys, boolean whole) {
    List<String> expected = keys == null ? List.of() : keys.equals("ERR") ? null : List.of(keys.split(","));
    assertEquals(expected, PartialJson.topLevelKeys(text), "partial keys of " + text);
    assertEquals(whole, PartialJson.parsesWhole(text), "whole parse of " + text);
  }
}
