package dev.elman.io.json;

/** A JSON value: object, array, string, number, boolean or null. */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** The JSON kind in words ("object", "array", "string", "number", "boolean", "null"), for error messages. */
    String kind();
}
