package dev.elman.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated content of a safetensors file: its {@code __metadata__} strings and its tensors, in data order.
 * Immutable; obtained from {@link SafetensorsReader}.
 */
public final class SafetensorsFile {
    private static final int NAMES_IN_MESSAGES = 20;

    private final String source;
    private final Map<String, String> metadata;
    private final Map<String, Tensor> tensors;

    SafetensorsFile(String source, Map<String, String> metadata, List<Tensor> tensorsInDataOrder) {
        this.source = source;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        LinkedHashMap<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : tensorsInDataOrder) {
            byName.put(t.name(), t);
        }
        this.tensors = Collections.unmodifiableMap(byName);
    }

    /** Where the content came from: a file path, {@code "bytes"}, or the name the caller gave. */
    public String source() {
        return source;
    }

    /** The {@code __metadata__} map in header order (empty if the file has none); unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names in data (file offset) order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** All tensors in data (file offset) order. */
    public List<Tensor> tensors() {
        return List.copyOf(tensors.values());
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** Whether a tensor named {@code name} exists. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor named {@code name}, if present. */
    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * The tensor named {@code name}.
     *
     * @throws ModelFormatException if there is none (the message lists the names present)
     */
    public Tensor tensor(String name) throws ModelFormatException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException(source, name, "no such tensor; present: " + describeNames());
        }
        return t;
    }

    /** The shape of the tensor named {@code name}; throws as {@link #tensor(String)} if absent. */
    public int[] shape(String name) throws ModelFormatException {
        return tensor(name).shape();
    }

    /**
     * The data of an {@link DType#F32} tensor of exactly the expected shape.
     *
     * @throws ModelFormatException if absent, of another type, or of another shape (expected versus actual)
     */
    public float[] floats(String name, int... expectedShape) throws ModelFormatException {
        return require(name, DType.F32, expectedShape).toFloatArray();
    }

    /** As {@link #floats(String, int...)} for an {@link DType#F64} tensor. */
    public double[] doubles(String name, int... expectedShape) throws ModelFormatException {
        return require(name, DType.F64, expectedShape).toDoubleArray();
    }

    private Tensor require(String name, DType dtype, int[] expectedShape) throws ModelFormatException {
        Tensor t = tensor(name);
        if (t.dtype() != dtype || !Arrays.equals(t.shape(), expectedShape)) {
            throw new ModelFormatException(source, name, "expected " + dtype + " of shape "
                    + Arrays.toString(expectedShape) + ", found " + t.dtype() + " of shape "
                    + Arrays.toString(t.shape()));
        }
        return t;
    }

    private String describeNames() {
        if (tensors.isEmpty()) {
            return "none";
        }
        List<String> names = new ArrayList<>(tensors.keySet());
        if (names.size() <= NAMES_IN_MESSAGES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_IN_MESSAGES)) + ", ... ("
                + (names.size() - NAMES_IN_MESSAGES) + " more)";
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + source + ", " + tensors.size() + " tensors, " + metadata.size()
                + " metadata entries]";
    }
}
