package dev.elman.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One fixture written by {@code tools/make_rnn_fixtures.py}: {@code @key value} configuration lines and
 * {@code name d1,d2,... v1 v2 ...} row-major tensors; {@code #} starts a comment line.
 */
final class TorchFixture {
    private final String name;
    private final Map<String, String> settings;
    private final Map<String, Tensor> tensors;

    /** A named tensor: its shape and its values (exactly the printed float32 or integer values). */
    record Tensor(String name, int[] shape, double[] values) {
        double at(int... index) {
            if (index.length != shape.length) {
                throw new IllegalArgumentException(name + ": index " + Arrays.toString(index) + " for shape "
                        + Arrays.toString(shape));
            }
            int flat = 0;
            for (int i = 0; i < index.length; i++) {
                if (index[i] < 0 || index[i] >= shape[i]) {
                    throw new IllegalArgumentException(name + ": index " + Arrays.toString(index)
                            + " outside shape " + Arrays.toString(shape));
                }
                flat = flat * shape[i] + index[i];
            }
            return values[flat];
        }

        int intAt(int... index) {
            return (int) at(index);
        }
    }

    private TorchFixture(String name, Map<String, String> settings, Map<String, Tensor> tensors) {
        this.name = name;
        this.settings = settings;
        this.tensors = tensors;
    }

    static TorchFixture read(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String where = file.getFileName() + ":" + number;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (line.startsWith("@")) {
                    if (f.length != 2) {
                        throw new IOException(where + ": expected '@key value', got '" + line + "'");
                    }
                    settings.put(f[0].substring(1), f[1]);
                } else {
                    Tensor t = parseTensor(f, where);
                    if (tensors.put(t.name(), t) != null) {
                        throw new IOException(where + ": tensor " + t.name() + " appears twice");
                    }
                }
            }
        }
        String fileName = file.getFileName().toString();
        return new TorchFixture(fileName.replaceFirst("\\.txt$", ""), settings, tensors);
    }

    private static Tensor parseTensor(String[] f, String where) throws IOException {
        if (f.length < 2) {
            throw new IOException(where + ": expected 'name d1,d2,... values', got " + f.length + " fields");
        }
        String[] dims = f[1].split(",");
        int[] shape = new int[dims.length];
        int size = 1;
        try {
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Integer.parseInt(dims[i]);
                size = Math.multiplyExact(size, shape[i]);
            }
            if (f.length - 2 != size) {
                throw new IOException(where + ": tensor " + f[0] + " of shape " + f[1] + " needs " + size
                        + " values, got " + (f.length - 2));
            }
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                // parse as float: the values are float32, printed with enough digits to round-trip
                values[i] = Float.parseFloat(f[i + 2]);
            }
            return new Tensor(f[0], shape, values);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": tensor " + f[0] + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    boolean has(String tensor) {
        return tensors.containsKey(tensor);
    }

    Tensor tensor(String tensor) {
        Tensor t = tensors.get(tensor);
        if (t == null) {
            throw new IllegalArgumentException(name + ": no tensor '" + tensor + "'; has " + tensors.keySet());
        }
        return t;
    }

    Set<String> tensorNames() {
        return tensors.keySet();
    }

    String setting(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + ": no setting '@" + key + "'; has " + settings.keySet());
        }
        return v;
    }

    int intSetting(String key) {
        return Integer.parseInt(setting(key));
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(setting(key));
    }

    @Override
    public String toString() {
        return name;
    }
}
