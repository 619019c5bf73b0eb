package dev.elman.io.json;

/** JSON {@code null}. */
public enum JsonNull implements JsonValue {
    /** The only null value. */
    INSTANCE;

    @Override
    public String kind() {
        return "null";
    }
}
