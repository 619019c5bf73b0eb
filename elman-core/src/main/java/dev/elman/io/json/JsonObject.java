package dev.elman.io.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object; members keep their insertion (or document) order and cannot be modified.
 *
 * @param members the members by key (copied)
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public JsonObject {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members.size() * 2);
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "JSON object key"),
                    Objects.requireNonNull(e.getValue(), () -> "JSON value of key " + e.getKey()));
        }
        members = Collections.unmodifiableMap(copy);
    }

    /** The member named {@code key}, or {@code null} if absent. */
    public JsonValue get(String key) {
        return members.get(key);
    }

    @Override
    public String kind() {
        return "object";
    }
}
