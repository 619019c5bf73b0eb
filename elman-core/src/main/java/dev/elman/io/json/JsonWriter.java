package dev.elman.io.json;

import java.util.Map;

/**
 * Writes JSON values compactly (no whitespace), members in their stored order.
 *
 * <p>Strings escape only what JSON requires: {@code "}, {@code \}, and control characters below U+0020
 * ({@code \b \f \n \r \t} by name, others as lower-case {@code \}{@code u00xx}); everything else, including
 * non-ASCII text, is written as is. This matches what serde_json (used by the safetensors reference
 * implementation) emits.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** The compact JSON text of {@code value}. */
    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    /** Appends the compact JSON text of {@code value} to {@code sb}. */
    public static void append(StringBuilder sb, JsonValue value) {
        if (value instanceof JsonObject) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : ((JsonObject) value).members().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendString(sb, e.getKey());
                sb.append(':');
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof JsonArray) {
            sb.append('[');
            boolean first = true;
            for (JsonValue v : ((JsonArray) value).elements()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                append(sb, v);
            }
            sb.append(']');
        } else if (value instanceof JsonString) {
            appendString(sb, ((JsonString) value).value());
        } else if (value instanceof JsonNumber) {
            sb.append(((JsonNumber) value).text());
        } else if (value instanceof JsonBoolean) {
            sb.append(((JsonBoolean) value).value());
        } else {
            sb.append("null");
        }
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escapeOf(c);
            if (esc != null) {
                sb.append(s, run, i).append(esc);
                run = i + 1;
            }
        }
        sb.append(s, run, s.length()).append('"');
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\b': return "\\b";
            case '\f': return "\\f";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            default:
                return c < 0x20 ? String.format("\\u%04x", (int) c) : null;
        }
    }
}
