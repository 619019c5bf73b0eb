package dev.elman.onnx;

import dev.elman.io.AtomicFiles;
import dev.elman.io.NetworkTensors;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.elman.onnx.NetworkGraph.BATCH;
import static dev.elman.onnx.NetworkGraph.TIME;
import static dev.elman.onnx.OnnxWire.FLOAT;
import static dev.elman.onnx.OnnxWire.INT32;
import static dev.elman.onnx.OnnxWire.INT64;

/**
 * Exports elman models as ONNX models (opset {@value #OPSET}, IR version {@value #IR_VERSION}) built from standard
 * operators only: Gather / OneHot for the input, one {@code RNN} node per layer, MatMul + Add for the output layer
 * and Softmax. Time-major, as ONNX's RNN: inputs are [T, B, ...] with int32 {@code sequence_lens} [B].
 *
 * <p>At real positions (t &lt; sequence_lens[b]) the outputs equal elman's. Past a sequence's length the padded
 * input ids must still be valid ids (0 will do). The ONNX specification does not say what the RNN operator's Y holds
 * there; ONNX Runtime writes zeros, so the logits are the output bias c and the probabilities softmax(c): values to
 * be ignored, as PyTorch's padding is.
 */
public final class OnnxExport {
    /** The ONNX operator set the models use. */
    public static final int OPSET = 17;
    /** The ONNX IR version matching {@link #OPSET}. */
    public static final int IR_VERSION = 8;
    /** Metadata value of {@code format} in exported taggers. */
    public static final String TAGGER_FORMAT = "elman-tagger-onnx/1";
    /** Metadata value of {@code format} in exported networks. */
    public static final String NETWORK_FORMAT = "elman-network-onnx/1";
    /** Metadata value of {@code format} in exported character language models. */
    public static final String LM_FORMAT = "elman-lm-onnx/1";

    private OnnxExport() {
    }

    /**
     * A tagger as ONNX. Inputs: {@code ids} int64 [T, B, 9], the feature ids of each token (as
     * {@code EncodedBatch.encodeSentence} makes them: form, prefix1-3, suffix1-4, shape), and {@code sequence_lens}
     * int32 [B]. Outputs: {@code logits} and {@code probabilities} float [T, B, tags]. The metadata carries the tag
     * set and every feature vocabulary (entries joined by newlines), so that the file is usable on its own.
     */
    public static byte[] tagger(TaggerModel model) {
        OnnxGraph g = new OnnxGraph();
        g.input("ids", INT64, TIME, BATCH, OnnxGraph.Dim.of(WordFeatures.KINDS));
        g.input("sequence_lens", INT32, BATCH);
        List<Param<float[]>> tables = model.params().subList(0, WordFeatures.KINDS);   // feature tables come first
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            int dim = model.config().featureDim(k);
            if (dim == 0) {
                continue;   // a kind of width 0 adds nothing to x(t)
            }
            String kind = WordFeatures.KIND_NAMES.get(k);
            Param<float[]> table = tables.get(k);
            g.floats(table.name(), table.value(), table.shape()[0], dim);
            g.longs("features." + kind + ".column", new long[]{k});
            g.node("features." + kind + ".ids", "Gather", List.of("ids", "features." + kind + ".column"),
                    List.of("features." + kind + ".id"), Attribute.integer("axis", 2));
            g.node("features." + kind, "Gather", List.of(table.name(), "features." + kind + ".id"),
                    List.of("features." + kind + ".x"));
            parts.add("features." + kind + ".x");
        }
        g.node("features", "Concat", parts, List.of("x"), Attribute.integer("axis", 2));
        ElmanNetwork<float[]> net = model.network();
        NetworkGraph.head(g, net, NetworkGraph.layers(g, net, "x", "sequence_lens"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", TAGGER_FORMAT);
        meta.put("tags", String.join("\n", model.tags().entries()));
        meta.put("feature_kinds", String.join(",", WordFeatures.KIND_NAMES));
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            meta.put("vocab." + WordFeatures.KIND_NAMES.get(k),
                    String.join("\n", model.features().vocabulary(k).entries()));
        }
        meta.put("tagger.column", model.config().column().name());
        meta.putAll(NetworkTensors.toMetadata(net.config()));
        return g.toModel("elman_tagger", "elman part-of-speech tagger. Inputs: ids int64 [time, batch, "
                + WordFeatures.KINDS + "] (feature ids per token: " + String.join(", ", WordFeatures.KIND_NAMES)
                + "; padding: any valid id, e.g. 0), sequence_lens int32 [batch]. Outputs: logits and probabilities "
                + "[time, batch, tags]; tags in metadata 'tags'.", IR_VERSION, OPSET, "elman",
                TaggerModelFile.ELMAN_VERSION, meta);
    }

    /**
     * A network as ONNX. Inputs: {@code tokens} int64 [T, B] (token input, embedding or one-hot) or {@code x} float
     * [T, B, inputSize] (dense input), and {@code sequence_lens} int32 [B]. Outputs: {@code logits} and
     * {@code probabilities} float [T, B, outputSize], or {@code hidden} [T, B, D·H] without an output layer.
     */
    public static byte[] network(ElmanNetwork<float[]> net) {
        return network(net, NETWORK_FORMAT, Map.of(), false, "elman_network", "elman recurrent network");
    }

    /**
     * A character language model as ONNX: its network as {@link #network} writes it ({@code tokens} are character
     * ids, {@code logits} score the next character), with the vocabulary in metadata 'vocab' (every character
     * once, in id order), so that the file is usable on its own, and with the recurrent state: input
     * {@code initial_h} and output {@code final_h}, float [layers, B, H] as PyTorch's h_0 and h_n, so that text can
     * be fed (or sampled) a piece at a time.
     */
    public static byte[] lm(LmModel model) {
        return network(model.network(), LM_FORMAT, Map.of("vocab", model.vocabulary().asString()), true, "elman_lm",
                "elman character language model (characters in id order in metadata 'vocab')");
    }

    private static byte[] network(ElmanNetwork<float[]> net, String format, Map<String, String> extra,
                                  boolean state, String name, String what) {
        RnnConfig c = net.config();
        OnnxGraph g = new OnnxGraph();
        String x;
        if (c.tokenInput()) {
            g.input("tokens", INT64, TIME, BATCH);
            g.input("sequence_lens", INT32, BATCH);
            x = NetworkGraph.tokenInput(g, net, "tokens");
        } else {
            g.input("x", FLOAT, TIME, BATCH, OnnxGraph.Dim.of(c.inputSize()));
            g.input("sequence_lens", INT32, BATCH);
            x = "x";
        }
        NetworkGraph.head(g, net, NetworkGraph.layers(g, net, x, "sequence_lens", state));
        if (state) {
            NetworkGraph.finalStateOutput(g, net);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", format);
        meta.putAll(extra);
        meta.putAll(NetworkTensors.toMetadata(c));
        String in = c.tokenInput() ? "tokens int64 [time, batch]" : "x float [time, batch, " + c.inputSize() + "]";
        String out = c.outputSize() > 0 ? "logits and probabilities [time, batch, " + c.outputSize() + "]"
                : "hidden [time, batch, " + c.layerOutputSize() + "]";
        String states = "[" + NetworkGraph.states(c) + ", batch, " + c.hiddenSize() + "]";
        return g.toModel(name, what + ". Inputs: " + in + ", sequence_lens int32 [batch]"
                + (state ? ", initial_h float " + states : "") + ". Outputs: " + out
                + (state ? ", final_h float " + states : "") + ".", IR_VERSION, OPSET, "elman",
                TaggerModelFile.ELMAN_VERSION, meta);
    }

    /** Writes an exported model atomically (a failure leaves any previous file intact). */
    public static void write(byte[] onnx, Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(onnx));
    }
}
