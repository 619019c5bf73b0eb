package dev.elman.io;

import dev.elman.math.Activation;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ElmanNetwork}'s weights as tensors under PyTorch's names ({@code nn.Embedding} as {@code embedding},
 * {@code nn.RNN} as {@code rnn}, {@code nn.Linear} as {@code output}), and its configuration as metadata.
 *
 * <p>elman's single bias b is written as {@code bias_ih = b} and {@code bias_hh = 0}; reading sums the two. With the
 * recurrence off, {@code weight_hh} is written as zeros (so that nn.RNN loads the file) and must be zero on reading.
 */
public final class NetworkTensors {
    /** Metadata key prefix of the network configuration. */
    public static final String PREFIX = "rnn.";

    private NetworkTensors() {
    }

    /** The network's weights under PyTorch names, with {@code prefix} (e.g. "") before each name. */
    public static List<Tensor> toTensors(ElmanNetwork<float[]> net) {
        List<Tensor> out = new ArrayList<>();
        RnnConfig c = net.config();
        int hs = c.hiddenSize();
        for (Param<float[]> p : net.params()) {
            String name = p.name();
            if (name.startsWith("rnn.bias")) {
                String suffix = name.substring("rnn.bias".length());
                out.add(Tensor.f32("rnn.bias_ih" + suffix, p.shape(), p.value()));
                out.add(Tensor.f32("rnn.bias_hh" + suffix, p.shape(), new float[p.size()]));
            } else {
                out.add(Tensor.f32(name, p.shape(), p.value()));
            }
        }
        if (!c.recurrent()) {
            for (int l = 0; l < c.layers(); l++) {
                for (int d = 0; d < c.directions(); d++) {
                    out.add(Tensor.f32("rnn.weight_hh_l" + l + (d == 1 ? "_reverse" : ""), new int[]{hs, hs},
                            new float[hs * hs]));
                }
            }
        }
        return out;
    }

    /**
     * Copies weights from {@code file} into {@code net}, checking every name, dtype and shape first; the network is
     * unchanged if anything is missing or wrong.
     */
    public static void load(SafetensorsFile file, ElmanNetwork<float[]> net) throws ModelFormatException {
        RnnConfig c = net.config();
        Map<Param<float[]>, float[]> values = new LinkedHashMap<>();
        for (Param<float[]> p : net.params()) {
            String name = p.name();
            if (name.startsWith("rnn.bias")) {
                String suffix = name.substring("rnn.bias".length());
                float[] ih = file.floats("rnn.bias_ih" + suffix, p.shape());
                float[] hh = file.floats("rnn.bias_hh" + suffix, p.shape());
                float[] b = new float[ih.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = ih[i] + hh[i];
                }
                values.put(p, b);
            } else {
                values.put(p, file.floats(name, p.shape()));
            }
        }
        if (!c.recurrent()) {
            for (int l = 0; l < c.layers(); l++) {
                for (int d = 0; d < c.directions(); d++) {
                    String name = "rnn.weight_hh_l" + l + (d == 1 ? "_reverse" : "");
                    if (file.contains(name)) {
                        for (float v : file.floats(name, c.hiddenSize(), c.hiddenSize())) {
                            if (v != 0f) {
                                throw new ModelFormatException(file.source(), name,
                                        "the recurrence is off in this model, so W must be zero, but it holds " + v);
                            }
                        }
                    }
                }
            }
        }
        values.forEach((p, v) -> System.arraycopy(v, 0, p.value(), 0, p.size()));
    }

    /** The configuration as metadata entries under {@link #PREFIX}. */
    public static Map<String, String> toMetadata(RnnConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "vocab_size", Integer.toString(c.vocabSize()));
        m.put(PREFIX + "embedding_size", Integer.toString(c.embeddingSize()));
        m.put(PREFIX + "input_size", Integer.toString(c.inputSize()));
        m.put(PREFIX + "hidden_size", Integer.toString(c.hiddenSize()));
        m.put(PREFIX + "num_layers", Integer.toString(c.layers()));
        m.put(PREFIX + "bidirectional", Boolean.toString(c.bidirectional()));
        m.put(PREFIX + "nonlinearity", c.activation().name().toLowerCase(java.util.Locale.ROOT));
        m.put(PREFIX + "recurrent", Boolean.toString(c.recurrent()));
        m.put(PREFIX + "output_size", Integer.toString(c.outputSize()));
        return m;
    }

    /** Reads a configuration written by {@link #toMetadata}. */
    public static RnnConfig fromMetadata(Map<String, String> m, String source) throws ModelFormatException {
        try {
            return RnnConfig.builder()
                    .vocabSize(intOf(m, "vocab_size", source))
                    .embeddingSize(intOf(m, "embedding_size", source))
                    .inputSize(intOf(m, "input_size", source))
                    .hiddenSize(intOf(m, "hidden_size", source))
                    .layers(intOf(m, "num_layers", source))
                    .bidirectional(boolOf(m, "bidirectional", source))
                    .activation(Activation.parse(stringOf(m, "nonlinearity", source)))
                    .recurrent(boolOf(m, "recurrent", source))
                    .outputSize(intOf(m, "output_size", source))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, null, "invalid network configuration: " + e.getMessage(), e);
        }
    }

    static String stringOf(Map<String, String> m, String key, String source) throws ModelFormatException {
        String v = m.get(PREFIX + key);
        if (v == null) {
            throw new ModelFormatException(source, null, "metadata lacks '" + PREFIX + key + "'");
        }
        return v;
    }

    private static int intOf(Map<String, String> m, String key, String source) throws ModelFormatException {
        String v = stringOf(m, key, source);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source, null, "metadata '" + PREFIX + key + "' is not an integer: " + v);
        }
    }

    private static boolean boolOf(Map<String, String> m, String key, String source) throws ModelFormatException {
        String v = stringOf(m, key, source);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ModelFormatException(source, null, "metadata '" + PREFIX + key + "' is not true/false: " + v);
        }
        return Boolean.parseBoolean(v);
    }
}
