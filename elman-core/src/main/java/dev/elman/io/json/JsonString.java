package dev.elman.io.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the unescaped text
 */
public record JsonString(String value) implements JsonValue {

    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
        return "string";
    }
}
