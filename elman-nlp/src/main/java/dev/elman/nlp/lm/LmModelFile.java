package dev.elman.nlp.lm;

import dev.elman.io.AtomicFiles;
import dev.elman.io.ModelFormatException;
import dev.elman.io.NetworkTensors;
import dev.elman.io.SafetensorsFile;
import dev.elman.io.SafetensorsReader;
import dev.elman.io.SafetensorsWriter;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A character language model as one safetensors file: the network's weights under PyTorch names (see
 * {@link NetworkTensors}), and in {@code __metadata__} the format {@value #FORMAT}, the architecture
 * ({@code rnn.*}), the vocabulary ({@code lm.vocab}: every character once, in id order) and the elman version.
 */
public final class LmModelFile {
    /** Identifies the file kind and layout version. */
    public static final String FORMAT = "elman-lm/1";
    /** The elman version written into model files. */
    public static final String ELMAN_VERSION = "0.1.0";
    static final String VOCAB_KEY = "lm.vocab";

    private LmModelFile() {
    }

    /** Writes the model atomically (a failure leaves any previous file intact). */
    public static void save(LmModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> SafetensorsWriter.write(out, NetworkTensors.toTensors(model.network()),
                metadata(model)));
    }

    /** The model file as bytes. */
    public static byte[] toBytes(LmModel model) {
        return SafetensorsWriter.toBytes(NetworkTensors.toTensors(model.network()), metadata(model));
    }

    /** Reads a model file. */
    public static LmModel load(Path file, Kernels<float[]> kernels) throws IOException {
        return fromFile(SafetensorsReader.read(file), kernels);
    }

    /** Reads a model from bytes. */
    public static LmModel load(byte[] bytes, Kernels<float[]> kernels) throws ModelFormatException {
        return fromFile(SafetensorsReader.read(bytes), kernels);
    }

    private static Map<String, String> metadata(LmModel model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("elman_version", ELMAN_VERSION);
        m.putAll(NetworkTensors.toMetadata(model.network().config()));
        m.put(VOCAB_KEY, model.vocabulary().asString());
        return m;
    }

    private static LmModel fromFile(SafetensorsFile f, Kernels<float[]> kernels) throws ModelFormatException {
        Map<String, String> m = f.metadata();
        String src = f.source();
        if (!FORMAT.equals(m.get("format"))) {
            throw new ModelFormatException(src, null, "not an elman character language model (format '"
                    + m.get("format") + "', expected '" + FORMAT + "')");
        }
        String chars = m.get(VOCAB_KEY);
        if (chars == null) {
            throw new ModelFormatException(src, null, "metadata lacks '" + VOCAB_KEY + "' (the vocabulary)");
        }
        CharVocabulary vocab;
        try {
            vocab = CharVocabulary.parse(chars);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(src, null, "metadata '" + VOCAB_KEY + "': " + e.getMessage(), e);
        }
        RnnConfig config = NetworkTensors.fromMetadata(m, src);
        try {
            LmModel.checkConfig(config, vocab.size());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(src, null, e.getMessage() + " (metadata '" + VOCAB_KEY + "' has "
                    + vocab.size() + " characters)", e);
        }
        ElmanNetwork<float[]> net = new ElmanNetwork<>(config, kernels);
        NetworkTensors.load(f, net);
        for (Param<float[]> p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new ModelFormatException(src, null, "parameter " + p.name() + " holds " + v[i]
                            + " at index " + i);
                }
            }
        }
        return LmModel.of(vocab, net);
    }
}
