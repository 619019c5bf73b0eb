package dev.elman.cli;

import dev.elman.io.json.JsonArray;
import dev.elman.io.json.JsonBoolean;
import dev.elman.io.json.JsonNull;
import dev.elman.io.json.JsonNumber;
import dev.elman.io.json.JsonObject;
import dev.elman.io.json.JsonString;
import dev.elman.io.json.JsonValue;
import dev.elman.io.json.JsonWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (maps, lists, arrays, numbers, strings) to JSON text, through elman-core's JSON writer. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        return JsonWriter.write(toJson(value));
    }

    private static JsonValue toJson(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            m.forEach((k, x) -> members.put(String.valueOf(k), toJson(x)));
            return new JsonObject(members);
        }
        if (v instanceof List<?> l) {
            List<JsonValue> items = new ArrayList<>();
            l.forEach(x -> items.add(toJson(x)));
            return new JsonArray(items);
        }
        if (v instanceof double[] a) {
            List<JsonValue> items = new ArrayList<>();
            for (double d : a) {
                items.add(toJson(d));
            }
            return new JsonArray(items);
        }
        if (v instanceof long[] a) {
            List<JsonValue> items = new ArrayList<>();
            for (long x : a) {
                items.add(JsonNumber.of(x));
            }
            return new JsonArray(items);
        }
        if (v instanceof Object[] a) {
            return toJson(List.of(a));
        }
        if (v instanceof Boolean b) {
            return b ? JsonBoolean.TRUE : JsonBoolean.FALSE;
        }
        if (v instanceof Integer || v instanceof Long) {
            return JsonNumber.of(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new JsonNumber(Double.toString(d)) : JsonNull.INSTANCE;
        }
        return new JsonString(v.toString());
    }
}
