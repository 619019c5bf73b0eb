package dev.elman.io.json;

/**
 * A JSON {@code true} or {@code false}.
 *
 * @param value the truth value
 */
public record JsonBoolean(boolean value) implements JsonValue {

    /** JSON {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    /** JSON {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    @Override
    public String kind() {
        return "boolean";
    }
}
