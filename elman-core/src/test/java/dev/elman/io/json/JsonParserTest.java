package dev.elman.io.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonParserTest {

    @Test
    void parsesNestedValuesKeepingMemberOrder() throws JsonException {
        JsonValue v = JsonParser.parse(" {\"b\": [1, -2.5e3, true, false, null], \"a\": {\"x\": \"y\"}, \"\": []}\r\n\t");
        JsonObject o = (JsonObject) v;
        assertEquals(List.of("b", "a", ""), List.copyOf(o.members().keySet()));
        JsonArray b = (JsonArray) o.get("b");
        assertEquals(new JsonNumber("1"), b.get(0));
        assertEquals(-2500.0, ((JsonNumber) b.get(1)).doubleValue());
        assertEquals(JsonBoolean.TRUE, b.get(2));
        assertEquals(JsonBoolean.FALSE, b.get(3));
        assertEquals(JsonNull.INSTANCE, b.get(4));
        assertEquals(new JsonString("y"), ((JsonObject) o.get("a")).get("x"));
        assertEquals(0, ((JsonArray) o.get("")).size());
    }

    @Test
    void topLevelScalarsAreValues() throws JsonException {
        assertEquals(new JsonString("s"), JsonParser.parse("\"s\""));
        assertEquals(new JsonNumber("0"), JsonParser.parse("0"));
        assertEquals(JsonNull.INSTANCE, JsonParser.parse(" null "));
    }

    @Test
    void decodesEveryEscapeIncludingSurrogatePairs() throws JsonException {
        JsonValue v = JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u00C9 \\ud83d\\ude00 raw\u00e9\ud83d\ude00\"");
        assertEquals("q\" b\\ s/ \b\f\n\r\t \u00e9\u00c9 \ud83d\ude00 raw\u00e9\ud83d\ude00",
                ((JsonString) v).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|unexpected end of input",
        "'   '|unexpected end of input",
        "{\"a\":1,\"a\":2}|duplicate key \"a\"",
        "{\"a\":{\"k\":1,\"k\":1}}|duplicate key \"k\"",
        "{} x|unexpected 'x' after the JSON value",
        "[1] [2]|after the JSON value",
        "{\"a\" 1}|expected ':'",
        "{\"a\":1,}|expected a string key",
        "{a:1}|expected a string key",
        "[1,]|expected a value",
        "[1 2]|expected ',' or ']'",
        "{\"a\":1 \"b\":2}|expected ',' or '}'",
        "[01]|expected ',' or ']'",
        "[1.]|expected a value",
        "[.5]|expected a value",
        "[+1]|expected a value",
        "[1e]|expected a value",
        "[-]|expected a value",
        "[NaN]|expected a value",
        "[tru]|expected a value",
        "[nul]|expected a value",
        "\"abc|unterminated string",
        "\"\\x\"|invalid escape \\x",
        "\"\\u12zz\"|invalid hex digit",
        "\"\\u12|truncated \\u escape",
        "\"\\ud800\"|unpaired high surrogate \\uD800",
        "\"\\ud800\\u0041\"|not a low surrogate",
        "\"\\udc00\"|unpaired low surrogate \\uDC00",
        "\"\\u00g0\"|invalid hex digit",
    })
    void rejectsInvalidText(String text, String expected) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().contains(expected), () -> "message: " + e.getMessage());
        assertTrue(e.getMessage().contains("at offset " + e.offset()), e.getMessage());
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("\"a\nb\""));
        assertTrue(e.getMessage().contains("control character U+000A"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 2 (line 1, column 3)"), e.getMessage());
    }

    @Test
    void reportsLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("{\n  \"a\": x\n}"));
        assertTrue(e.getMessage().contains("line 2, column 8"), e.getMessage());
    }

    @Test
    void enforcesTheNestingLimit() throws JsonException {
        assertEquals(1, ((JsonArray) JsonParser.parse("[[1]]", 2)).size());
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("[[1]]", 1));
        assertTrue(e.getMessage().contains("nesting deeper than 1"), e.getMessage());
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonException.class, () -> JsonParser.parse(deep)); // no StackOverflowError
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12", "-9223372036854775808", "9223372036854775807"})
    void integerLiteralsConvertToLong(String text) {
        assertEquals(OptionalLong.of(Long.parseLong(text)), new JsonNumber(text).asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e2", "1E2", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890"})
    void otherLiteralsAreNotLongs(String text) {
        assertEquals(OptionalLong.empty(), new JsonNumber(text).asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "1.", "+1", "1e", "0x10", " 1", "1 "})
    void numberRecordRejectsNonLiterals(String text) {
        assertThrows(IllegalArgumentException.class, () -> new JsonNumber(text));
    }

    @Test
    void writerEscapesLikeSerdeAndRoundTrips() throws JsonException {
        JsonObject o = new JsonObject(Map.of("k\"\\\u0001\n\u00e9\ud83d\ude00/", new JsonArray(List.of(
                JsonNumber.of(-3), new JsonNumber("2.5e-3"), JsonBoolean.TRUE, JsonNull.INSTANCE,
                new JsonString("\t\u001f\u007f")))));
        String text = JsonWriter.write(o);
        assertEquals("{\"k\\\"\\\\\\u0001\\n\u00e9\ud83d\ude00/\":[-3,2.5e-3,true,null,\"\\t\\u001f\u007f\"]}", text);
        assertEquals(o, JsonParser.parse(text));
    }
}
