package dev.elman.nlp.tagger;

import dev.elman.io.AtomicFiles;
import dev.elman.io.ModelFormatException;
import dev.elman.io.NetworkTensors;
import dev.elman.io.SafetensorsFile;
import dev.elman.io.SafetensorsReader;
import dev.elman.io.SafetensorsWriter;
import dev.elman.io.Tensor;
import dev.elman.math.Activation;
import dev.elman.math.Kernels;
import dev.elman.nlp.conllu.TagColumn;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.Param;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tagger as one safetensors file: the network's weights under PyTorch names, the feature tables as
 * {@code features.<kind>.weight}, and in {@code __metadata__} the architecture, the tagger settings, every
 * vocabulary (entries joined by newlines), the tag set and the versions.
 */
public final class TaggerModelFile {
    /** Identifies the file kind and layout version. */
    public static final String FORMAT = "elman-tagger/1";
    /** The elman version written into model files. */
    public static final String ELMAN_VERSION = "0.1.0";

    private TaggerModelFile() {
    }

    /** Writes the model atomically (a failure leaves any previous file intact). */
    public static void save(TaggerModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> SafetensorsWriter.write(out, tensors(model), metadata(model)));
    }

    /** The model as bytes (for shipping to workers). */
    public static byte[] toBytes(TaggerModel model) {
        return SafetensorsWriter.toBytes(tensors(model), metadata(model));
    }

    /** Reads a model file. */
    public static TaggerModel load(Path file, Kernels<float[]> kernels) throws IOException {
        return fromFile(SafetensorsReader.read(file), kernels);
    }

    /** Reads a model from bytes. */
    public static TaggerModel load(byte[] bytes, Kernels<float[]> kernels) throws ModelFormatException {
        return fromFile(SafetensorsReader.read(bytes), kernels);
    }

    private static List<Tensor> tensors(TaggerModel model) {
        List<Tensor> t = new ArrayList<>();
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            Param<float[]> p = model.table(k);
            t.add(Tensor.f32(p.name(), p.shape(), p.value()));
        }
        t.addAll(NetworkTensors.toTensors(model.network()));
        return t;
    }

    private static Map<String, String> metadata(TaggerModel model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("elman_version", ELMAN_VERSION);
        m.putAll(NetworkTensors.toMetadata(model.network().config()));
        TaggerConfig c = model.config();
        m.put("tagger.column", c.column().name());
        m.put("tagger.dims", c.formDim() + "," + c.affixDim() + "," + c.shapeDim());
        m.put("tagger.min_counts", c.minFormCount() + "," + c.minAffixCount());
        m.put("tagger.dropout", c.wordDropout() + "," + c.inputDropout() + "," + c.hiddenDropout());
        m.put("tags", String.join("\n", model.tags().entries()));
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            m.put("vocab." + WordFeatures.KIND_NAMES.get(k), String.join("\n", model.features().vocabulary(k).entries()));
        }
        return m;
    }

    private static TaggerModel fromFile(SafetensorsFile f, Kernels<float[]> kernels) throws ModelFormatException {
        Map<String, String> m = f.metadata();
        String src = f.source();
        if (!FORMAT.equals(m.get("format"))) {
            throw new ModelFormatException(src, null, "not an elman tagger model (format '" + m.get("format")
                    + "', expected '" + FORMAT + "')");
        }
        var net = NetworkTensors.fromMetadata(m, src);
        TaggerConfig config;
        try {
            int[] dims = ints(require(m, "tagger.dims", src), 3, "tagger.dims", src);
            int[] counts = ints(require(m, "tagger.min_counts", src), 2, "tagger.min_counts", src);
            String[] drop = require(m, "tagger.dropout", src).split(",");
            config = TaggerConfig.builder().column(TagColumn.valueOf(require(m, "tagger.column", src)))
                    .formDim(dims[0]).affixDim(dims[1]).shapeDim(dims[2]).minFormCount(counts[0])
                    .minAffixCount(counts[1]).wordDropout(Double.parseDouble(drop[0]))
                    .inputDropout(Double.parseDouble(drop[1])).hiddenDropout(drop.length > 2 ? Double.parseDouble(drop[2]) : 0)
                    .hidden(net.hiddenSize()).layers(net.layers())
                    .bidirectional(net.bidirectional()).recurrent(net.recurrent())
                    .activation(net.activation() == null ? Activation.TANH : net.activation()).build();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new ModelFormatException(src, null, "invalid tagger settings: " + e.getMessage(), e);
        }
        Vocabulary tags = Vocabulary.closed(Arrays.asList(require(m, "tags", src).split("\n", -1)));
        List<Vocabulary> vocabs = new ArrayList<>();
        for (String kind : WordFeatures.KIND_NAMES) {
            vocabs.add(Vocabulary.withUnknown(Arrays.asList(require(m, "vocab." + kind, src).split("\n", -1))));
        }
        if (!TaggerModel.networkConfig(config, tags.size()).equals(net)) {
            throw new ModelFormatException(src, null, "the network configuration " + net
                    + " does not match the tagger settings and tag set (" + tags.size() + " tags)");
        }
        TaggerModel model = TaggerModel.empty(config, new WordFeatures(vocabs), tags, kernels);
        List<float[]> tables = new ArrayList<>();
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            Param<float[]> p = model.table(k);
            tables.add(f.floats(p.name(), p.shape()));
        }
        NetworkTensors.load(f, model.network());
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            System.arraycopy(tables.get(k), 0, model.table(k).value(), 0, model.table(k).size());
        }
        return model;
    }

    private static String require(Map<String, String> m, String key, String src) throws ModelFormatException {
        String v = m.get(key);
        if (v == null) {
            throw new ModelFormatException(src, null, "metadata lacks '" + key + "'");
        }
        return v;
    }

    private static int[] ints(String s, int n, String key, String src) throws ModelFormatException {
        String[] parts = s.split(",");
        if (parts.length != n) {
            throw new ModelFormatException(src, null, "metadata '" + key + "' should hold " + n + " numbers: " + s);
        }
        int[] out = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                out[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new ModelFormatException(src, null, "metadata '" + key + "' should hold numbers: " + s);
        }
        return out;
    }
}
