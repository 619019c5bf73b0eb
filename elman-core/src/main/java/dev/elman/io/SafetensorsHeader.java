package dev.elman.io;

import dev.elman.io.json.JsonArray;
import dev.elman.io.json.JsonException;
import dev.elman.io.json.JsonNumber;
import dev.elman.io.json.JsonObject;
import dev.elman.io.json.JsonParser;
import dev.elman.io.json.JsonString;
import dev.elman.io.json.JsonValue;
import dev.elman.io.json.JsonWriter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The parsed and fully validated JSON header of a safetensors file (package-private). */
final class SafetensorsHeader {
    static final String METADATA_KEY = "__metadata__";
    /** The header holds at most three levels (root, tensor entry, shape); deeper input is rejected early. */
    private static final int MAX_JSON_DEPTH = 8;
    private static final int SHOWN_CHARS = 80;

    /** One tensor's header entry; offsets are relative to the data buffer. */
    record Entry(String name, DType dtype, int[] shape, int size, long begin, long end) {
        int byteSize() {
            return (int) (end - begin);
        }
    }

    private final Map<String, String> metadata;
    private final List<Entry> entries;

    private SafetensorsHeader(Map<String, String> metadata, List<Entry> entries) {
        this.metadata = metadata;
        this.entries = entries;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** Entries sorted by data offset; together they cover the data buffer exactly. */
    List<Entry> entries() {
        return entries;
    }

    /**
     * Parses {@code header} (the N header bytes) and checks every entry against a data buffer of
     * {@code bufferLength} bytes.
     */
    static SafetensorsHeader parse(String source, byte[] header, long bufferLength) throws ModelFormatException {
        CharSequence text = decodeUtf8(source, header);
        if (text.length() == 0 || text.charAt(0) != '{') {
            throw new ModelFormatException(source, null, "header must start with '{', found "
                    + (text.length() == 0 ? "nothing" : String.format("byte 0x%02X", header[0] & 0xff)));
        }
        JsonValue root;
        try {
            root = JsonParser.parse(text, MAX_JSON_DEPTH);
        } catch (JsonException e) {
            throw new ModelFormatException(source, null, "header is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonValue> m : ((JsonObject) root).members().entrySet()) {
            if (m.getKey().equals(METADATA_KEY)) {
                readMetadata(source, m.getValue(), metadata);
            } else {
                entries.add(entry(source, m.getKey(), m.getValue(), bufferLength));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkLayout(source, entries, bufferLength);
        return new SafetensorsHeader(metadata, List.copyOf(entries));
    }

    private static CharSequence decodeUtf8(String source, byte[] header) throws ModelFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(header.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new ModelFormatException(source, null, "header is not valid UTF-8 at header byte "
                    + in.position());
        }
        return out.flip();
    }

    private static void readMetadata(String source, JsonValue value, Map<String, String> into)
            throws ModelFormatException {
        if (!(value instanceof JsonObject)) {
            throw new ModelFormatException(source, null, METADATA_KEY + " must be an object of strings, found "
                    + value.kind());
        }
        for (Map.Entry<String, JsonValue> e : ((JsonObject) value).members().entrySet()) {
            if (!(e.getValue() instanceof JsonString)) {
                throw new ModelFormatException(source, null, METADATA_KEY + " value of \"" + e.getKey()
                        + "\" must be a string, found " + e.getValue().kind() + " " + show(e.getValue()));
            }
            into.put(e.getKey(), ((JsonString) e.getValue()).value());
        }
    }

    private static Entry entry(String source, String name, JsonValue value, long bufferLength)
            throws ModelFormatException {
        if (!(value instanceof JsonObject)) {
            throw new ModelFormatException(source, name, "entry must be an object with dtype, shape and "
                    + "data_offsets, found " + value.kind());
        }
        JsonObject obj = (JsonObject) value;
        for (String key : obj.members().keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new ModelFormatException(source, name, "unknown field \"" + key
                        + "\" (expected dtype, shape, data_offsets)");
            }
        }
        DType dtype = dtype(source, name, field(source, name, obj, "dtype"));
        JsonArray shapeJson = array(source, name, obj, "shape");
        int[] shape = new int[shapeJson.size()];
        long elements = 1;
        long bytes = dtype.byteSize();
        for (int i = 0; i < shape.length; i++) {
            long d = nonNegative(source, name, "shape[" + i + "]", shapeJson.get(i));
            if (d > Integer.MAX_VALUE) {
                throw new ModelFormatException(source, name, "shape " + show(shapeJson) + ": dimension " + d
                        + " exceeds " + Integer.MAX_VALUE);
            }
            shape[i] = (int) d;
            elements = multiplyOrMinus(elements, d);
            bytes = multiplyOrMinus(bytes, d);
            if (elements < 0 || bytes < 0) {
                throw new ModelFormatException(source, name, "shape " + show(shapeJson) + " of " + dtype
                        + ": byte size overflows 64 bits");
            }
        }
        JsonArray offsets = array(source, name, obj, "data_offsets");
        if (offsets.size() != 2) {
            throw new ModelFormatException(source, name, "data_offsets must be [begin, end], found "
                    + show(offsets));
        }
        long begin = nonNegative(source, name, "data_offsets[0]", offsets.get(0));
        long end = nonNegative(source, name, "data_offsets[1]", offsets.get(1));
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (begin > end) {
            throw new ModelFormatException(source, name, range + ": begin is after end");
        }
        if (end > bufferLength) {
            throw new ModelFormatException(source, name, range + " exceed the data buffer of " + bufferLength
                    + " bytes");
        }
        if (end - begin != bytes) {
            throw new ModelFormatException(source, name, range + " span " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        }
        if (bytes > Tensor.MAX_BYTES) {
            throw new ModelFormatException(source, name, "tensor of " + bytes + " bytes exceeds the "
                    + Tensor.MAX_BYTES + " this reader can hold");
        }
        return new Entry(name, dtype, shape, (int) elements, begin, end);
    }

    /** Offsets must tile the data buffer: sorted, starting at 0, no overlap, no hole, ending at its end. */
    private static void checkLayout(String source, List<Entry> sorted, long bufferLength)
            throws ModelFormatException {
        long expected = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            String range = "data_offsets [" + e.begin() + ", " + e.end() + "]";
            if (e.begin() > expected) {
                throw new ModelFormatException(source, e.name(), range + " leave a hole: data bytes ["
                        + expected + ", " + e.begin() + ") belong to no tensor");
            }
            if (e.begin() < expected) {
                throw new ModelFormatException(source, e.name(), range + " overlap tensor \"" + previous.name()
                        + "\" at [" + previous.begin() + ", " + previous.end() + "]");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != bufferLength) {
            throw new ModelFormatException(source, null, "data buffer has " + bufferLength
                    + " bytes but the tensors cover only the first " + expected + " (trailing bytes)");
        }
    }

    private static JsonValue field(String source, String name, JsonObject obj, String key)
            throws ModelFormatException {
        JsonValue v = obj.get(key);
        if (v == null) {
            throw new ModelFormatException(source, name, "missing field \"" + key + "\"");
        }
        return v;
    }

    private static JsonArray array(String source, String name, JsonObject obj, String key)
            throws ModelFormatException {
        JsonValue v = field(source, name, obj, key);
        if (!(v instanceof JsonArray)) {
            throw new ModelFormatException(source, name, key + " must be an array, found " + v.kind() + " "
                    + show(v));
        }
        return (JsonArray) v;
    }

    private static DType dtype(String source, String name, JsonValue v) throws ModelFormatException {
        if (!(v instanceof JsonString)) {
            throw new ModelFormatException(source, name, "dtype must be a string, found " + v.kind() + " "
                    + show(v));
        }
        String s = ((JsonString) v).value();
        return DType.fromName(s).orElseThrow(() -> new ModelFormatException(source, name, "unknown dtype "
                + show(v) + " (known: " + Arrays.toString(DType.values()) + ")"));
    }

    private static long nonNegative(String source, String name, String what, JsonValue v)
            throws ModelFormatException {
        if (v instanceof JsonNumber) {
            OptionalLong n = ((JsonNumber) v).asLong();
            if (n.isPresent() && n.getAsLong() >= 0 && !((JsonNumber) v).text().startsWith("-")) {
                return n.getAsLong();
            }
        }
        throw new ModelFormatException(source, name, what + " must be a non-negative integer below 2^63, found "
                + show(v));
    }

    /** {@code a * b} for non-negative operands, or -1 on overflow. */
    private static long multiplyOrMinus(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? -1 : lo;
    }

    /** JSON text of {@code v}, shortened for messages. */
    private static String show(JsonValue v) {
        String s = JsonWriter.write(v);
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "...";
    }
}
