package dev.elman.io.json;

import java.util.List;

/**
 * A JSON array (unmodifiable).
 *
 * @param elements the elements in order (copied)
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    public JsonArray {
        elements = List.copyOf(elements);
    }

    /** Number of elements. */
    public int size() {
        return elements.size();
    }

    /** The element at {@code index}. */
    public JsonValue get(int index) {
        return elements.get(index);
    }

    @Override
    public String kind() {
        return "array";
    }
}
