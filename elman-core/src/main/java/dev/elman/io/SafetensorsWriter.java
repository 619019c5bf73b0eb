package dev.elman.io;

import dev.elman.io.json.JsonArray;
import dev.elman.io.json.JsonNumber;
import dev.elman.io.json.JsonObject;
import dev.elman.io.json.JsonString;
import dev.elman.io.json.JsonValue;
import dev.elman.io.json.JsonWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes safetensors files laid out as the reference implementation does: tensors ordered by decreasing
 * {@link DType} (declaration order, i.e. alignment) then by name (Unicode code point order), packed without gaps;
 * compact JSON header with {@code __metadata__} first (omitted when empty; keys sorted), then each tensor as
 * {@code {"dtype":..,"shape":[..],"data_offsets":[begin,end]}}, padded with spaces to a multiple of 8 bytes.
 * Output is deterministic. Stateless and thread-safe.
 */
public final class SafetensorsWriter {

    private static final Comparator<String> CODE_POINT_ORDER = SafetensorsWriter::compareCodePoints;

    private SafetensorsWriter() {
    }

    /** The file as bytes, without metadata. */
    public static byte[] toBytes(Collection<Tensor> tensors) {
        return toBytes(tensors, Map.of());
    }

    /**
     * The file as bytes.
     *
     * @throws IllegalArgumentException on duplicate or reserved ({@value SafetensorsHeader#METADATA_KEY}) tensor
     *                                  names, strings that are not valid Unicode, or a file over 2 GB
     */
    public static byte[] toBytes(Collection<Tensor> tensors, Map<String, String> metadata) {
        Layout layout = layout(tensors, metadata);
        long total = SafetensorsReader.PREFIX_BYTES + layout.header.length + layout.dataBytes;
        if (total > Tensor.MAX_BYTES) {
            throw new IllegalArgumentException("file of " + total + " bytes does not fit a byte array; "
                    + "write it to a stream or path instead");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(layout.header.length).put(layout.header);
        for (Tensor t : layout.ordered) {
            out.put(t.rawData());
        }
        return out.array();
    }

    /** Writes the file to {@code out} (not closed), without metadata. */
    public static void write(OutputStream out, Collection<Tensor> tensors) throws IOException {
        write(out, tensors, Map.of());
    }

    /**
     * Writes the file to {@code out}; the stream is flushed, not closed.
     *
     * @throws IllegalArgumentException as {@link #toBytes(Collection, Map)} (before anything is written)
     */
    public static void write(OutputStream out, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        emit(out, layout(tensors, metadata));
        out.flush();
    }

    /** Writes the file at {@code file} atomically, without metadata. */
    public static void write(Path file, Collection<Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes the file at {@code file} atomically (see {@link AtomicFiles#write}): readers see the old file or the
     * complete new one, never a partial one.
     */
    public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Layout layout = layout(tensors, metadata); // validate before touching the file system
        AtomicFiles.write(file, out -> emit(out, layout));
    }

    private static void emit(OutputStream out, Layout layout) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(layout.header.length).array());
        out.write(layout.header);
        for (Tensor t : layout.ordered) {
            out.write(t.rawData());
        }
    }

    private static final class Layout {
        final byte[] header;
        final List<Tensor> ordered;
        final long dataBytes;

        Layout(byte[] header, List<Tensor> ordered, long dataBytes) {
            this.header = header;
            this.ordered = ordered;
            this.dataBytes = dataBytes;
        }
    }

    private static Layout layout(Collection<Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        List<Tensor> ordered = new ArrayList<>(tensors.size());
        Set<String> names = new HashSet<>();
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            requireUnicode("tensor name", t.name());
            if (t.name().equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name \"" + t.name() + "\" is reserved for metadata");
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name \"" + t.name() + "\"");
            }
            ordered.add(t);
        }
        ordered.sort(Comparator.comparing(Tensor::dtype, Comparator.reverseOrder())
                .thenComparing(Tensor::name, CODE_POINT_ORDER));

        Map<String, JsonValue> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, JsonValue> meta = new TreeMap<>(CODE_POINT_ORDER);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                requireUnicode("metadata key", Objects.requireNonNull(e.getKey(), "metadata key"));
                requireUnicode("metadata value of \"" + e.getKey() + "\"",
                        Objects.requireNonNull(e.getValue(), () -> "metadata value of \"" + e.getKey() + "\""));
                meta.put(e.getKey(), new JsonString(e.getValue()));
            }
            root.put(SafetensorsHeader.METADATA_KEY, new JsonObject(meta));
        }
        long offset = 0;
        for (Tensor t : ordered) {
            List<JsonValue> shape = new ArrayList<>(t.rank());
            for (int d : t.shape()) {
                shape.add(JsonNumber.of(d));
            }
            Map<String, JsonValue> entry = new LinkedHashMap<>();
            entry.put("dtype", new JsonString(t.dtype().name()));
            entry.put("shape", new JsonArray(shape));
            entry.put("data_offsets", new JsonArray(List.of(JsonNumber.of(offset),
                    JsonNumber.of(offset + t.byteSize()))));
            root.put(t.name(), new JsonObject(entry));
            offset += t.byteSize();
        }
        byte[] json = JsonWriter.write(new JsonObject(root)).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (padded > SafetensorsReader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header of " + padded + " bytes exceeds the limit of "
                    + SafetensorsReader.MAX_HEADER_BYTES);
        }
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        return new Layout(header, List.copyOf(ordered), offset);
    }

    /** Rejects unpaired surrogates, which UTF-8 cannot encode (they would silently become '?'). */
    private static void requireUnicode(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    /** Orders strings as their UTF-8 bytes compare (the reference sorts Rust strings, i.e. UTF-8 bytes). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
