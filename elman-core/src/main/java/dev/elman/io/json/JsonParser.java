package dev.elman.io.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 JSON parser.
 *
 * <p>Rejects duplicate object keys, anything but whitespace after the value, raw control characters in strings,
 * escapes that encode unpaired UTF-16 surrogates, and nesting deeper than a limit (so hostile input cannot
 * overflow the stack). Parsing is single-threaded and keeps no global state.
 */
public final class JsonParser {

    /** Default nesting limit of {@link #parse(CharSequence)}. */
    public static final int DEFAULT_MAX_DEPTH = 128;

    private final CharSequence text;
    private final int maxDepth;
    private int pos;

    private JsonParser(CharSequence text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses a complete JSON text with the {@linkplain #DEFAULT_MAX_DEPTH default} nesting limit. */
    public static JsonValue parse(CharSequence text) throws JsonException {
        return parse(text, DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses a complete JSON text.
     *
     * @param maxDepth the deepest nesting of arrays and objects allowed (1 allows {@code [1,2]} but not
     *                 {@code [[1]]})
     * @throws JsonException if the text is not one valid JSON value surrounded by optional whitespace
     */
    public static JsonValue parse(CharSequence text, int maxDepth) throws JsonException {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth);
        }
        JsonParser p = new JsonParser(text, maxDepth);
        p.skipWhitespace();
        JsonValue value = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the JSON value");
        }
        return value;
    }

    private JsonValue value(int depth) throws JsonException {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return new JsonString(string());
            case 't':
                literal("true");
                return JsonBoolean.TRUE;
            case 'f':
                literal("false");
                return JsonBoolean.FALSE;
            case 'n':
                literal("null");
                return JsonNull.INSTANCE;
            default:
                return number();
        }
    }

    private JsonObject object(int depth) throws JsonException {
        checkDepth(depth);
        int start = pos;
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key in the object starting at offset " + start + ", found "
                        + describeHere());
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value(depth);
            if (members.putIfAbsent(key, v) != null) {
                throw new JsonException("duplicate key \"" + key + "\"" + where(keyAt), keyAt);
            }
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return new JsonObject(members);
            } else {
                throw error("expected ',' or '}' in the object starting at offset " + start + ", found "
                        + describeHere());
            }
        }
    }

    private JsonArray array(int depth) throws JsonException {
        checkDepth(depth);
        int start = pos;
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return new JsonArray(elements);
            } else {
                throw error("expected ',' or ']' in the array starting at offset " + start + ", found "
                        + describeHere());
            }
        }
    }

    private String string() throws JsonException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("unterminated string" + where(start), start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.subSequence(runStart, pos).toString()
                        : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error(String.format("control character U+%04X must be escaped in a string", (int) c));
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                escape(sb);
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    /** Decodes one escape at {@code pos} (the backslash) into {@code sb}. */
    private void escape(StringBuilder sb) throws JsonException {
        int at = pos;
        if (pos + 1 >= text.length()) {
            throw new JsonException("unterminated escape" + where(at), at);
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '"': sb.append('"'); return;
            case '\\': sb.append('\\'); return;
            case '/': sb.append('/'); return;
            case 'b': sb.append('\b'); return;
            case 'f': sb.append('\f'); return;
            case 'n': sb.append('\n'); return;
            case 'r': sb.append('\r'); return;
            case 't': sb.append('\t'); return;
            case 'u': break;
            default:
                throw new JsonException("invalid escape \\" + printable(e) + where(at), at);
        }
        char u = hex4(at);
        if (Character.isLowSurrogate(u)) {
            throw new JsonException("unpaired low surrogate \\u" + hex(u) + where(at), at);
        }
        if (Character.isHighSurrogate(u)) {
            if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                int lowAt = pos;
                pos += 2;
                char low = hex4(lowAt);
                if (!Character.isLowSurrogate(low)) {
                    throw new JsonException("high surrogate \\u" + hex(u) + " followed by \\u" + hex(low)
                            + ", not a low surrogate" + where(at), at);
                }
                sb.append(u).append(low);
                return;
            }
            throw new JsonException("unpaired high surrogate \\u" + hex(u) + where(at), at);
        }
        sb.append(u);
    }

    private char hex4(int escapeAt) throws JsonException {
        if (pos + 4 > text.length()) {
            throw new JsonException("truncated \\u escape" + where(escapeAt), escapeAt);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') {
                throw new JsonException("invalid hex digit in \\u escape" + where(escapeAt), escapeAt);
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private JsonNumber number() throws JsonException {
        int end = JsonNumber.end(text, pos);
        if (end < 0) {
            throw error("unexpected " + describeHere() + ", expected a value");
        }
        JsonNumber n = new JsonNumber(text.subSequence(pos, end).toString());
        pos = end;
        return n;
    }

    private void literal(String word) throws JsonException {
        int n = word.length();
        if (pos + n > text.length() || !text.subSequence(pos, pos + n).toString().equals(word)) {
            throw error("unexpected " + describeHere() + ", expected a value");
        }
        pos += n;
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describeHere());
        }
        pos++;
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    /** The current character, or NUL at the end (NUL never matches what callers look for). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeHere() {
        return pos >= text.length() ? "end of input" : "'" + printable(text.charAt(pos)) + "'";
    }

    private JsonException error(String message) {
        return new JsonException(message + where(pos), pos);
    }

    private String where(int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " at offset " + offset + " (line " + line + ", column " + column + ")";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? "\\u" + hex(c) : String.valueOf(c);
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
