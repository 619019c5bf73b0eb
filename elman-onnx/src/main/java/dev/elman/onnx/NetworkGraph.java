package dev.elman.onnx;

import dev.elman.math.Activation;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.RnnConfig;

import java.util.ArrayList;
import java.util.List;

import static dev.elman.onnx.OnnxWire.FLOAT;

/**
 * The part of the graph that every elman network shares: token input to x(t) (embedding or one-hot), one ONNX
 * {@code RNN} node per layer with the layers' outputs made [T, B, D·H] in between, and the output layer with its
 * softmax.
 */
final class NetworkGraph {
    /** Named dimensions of the graph's dynamic shapes. */
    static final OnnxGraph.Dim TIME = OnnxGraph.Dim.named("time");
    static final OnnxGraph.Dim BATCH = OnnxGraph.Dim.named("batch");
    /** The graph input holding h(0) when the state is exported. */
    static final String INITIAL_H = "initial_h";
    /** The graph output holding the final states when the state is exported. */
    static final String FINAL_H = "final_h";

    private NetworkGraph() {
    }

    /** x(t) [T, B, in] from token ids [T, B]: rows of the embedding table, or a one-hot vector for U. */
    static String tokenInput(OnnxGraph g, ElmanNetwork<float[]> net, String tokens) {
        RnnConfig c = net.config();
        if (c.embeddingSize() > 0) {
            g.floats("embedding.weight", net.param("embedding.weight").value(), c.vocabSize(), c.embeddingSize());
            g.node("embedding", "Gather", List.of("embedding.weight", tokens), List.of("x"));
        } else {
            g.longs("one_hot.depth", new long[]{c.vocabSize()});
            g.floats("one_hot.values", new float[]{0f, 1f}, 2);
            g.node("one_hot", "OneHot", List.of(tokens, "one_hot.depth", "one_hot.values"), List.of("x"),
                    Attribute.integer("axis", -1));
        }
        return "x";
    }

    /**
     * The layers over x [T, B, in] with lengths {@code sequenceLens} [B] (int32); returns the name of the top
     * layer's output [T, B, D·H], which is zero at steps past a sequence's length.
     */
    static String layers(OnnxGraph g, ElmanNetwork<float[]> net, String x, String sequenceLens) {
        return layers(g, net, x, sequenceLens, false);
    }

    /**
     * As {@link #layers(OnnxGraph, ElmanNetwork, String, String)}; with {@code state}, the graph also takes h(0) as
     * input {@value #INITIAL_H} and makes the final states as value {@value #FINAL_H} (declared an output by
     * {@link #finalStateOutput}), both [layers·D, batch, H] as PyTorch's h_0 and h_n (each layer's slice is its RNN
     * operator's initial_h and Y_h), so that a caller can carry the state from one call to the next.
     */
    static String layers(OnnxGraph g, ElmanNetwork<float[]> net, String x, String sequenceLens, boolean state) {
        RnnConfig c = net.config();
        int hs = c.hiddenSize();
        int dirs = c.directions();
        String activation = c.activation() == Activation.RELU ? "Relu" : "Tanh";
        String[] activations = dirs == 2 ? new String[]{activation, activation} : new String[]{activation};
        g.longs("layer_shape", new long[]{0, 0, (long) dirs * hs}, 3);   // Reshape: keep T and B, join D and H
        if (state) {
            g.input(INITIAL_H, FLOAT, OnnxGraph.Dim.of(states(c)), BATCH, OnnxGraph.Dim.of(hs));
            g.longs("state.axes", new long[]{0}, 1);
        }
        List<String> finals = new ArrayList<>();
        String in = x;
        for (int l = 0; l < c.layers(); l++) {
            int width = l == 0 ? c.firstLayerInputSize() : c.layerOutputSize();
            float[] w = new float[dirs * hs * width];
            float[] r = new float[dirs * hs * hs];
            float[] b = new float[dirs * 2 * hs];   // [Wb ‖ Rb] per direction: elman's b, then zeros
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                System.arraycopy(net.param("rnn.weight_ih" + suffix).value(), 0, w, d * hs * width, hs * width);
                if (c.recurrent()) {
                    System.arraycopy(net.param("rnn.weight_hh" + suffix).value(), 0, r, d * hs * hs, hs * hs);
                }
                System.arraycopy(net.param("rnn.bias" + suffix).value(), 0, b, d * 2 * hs, hs);
            }
            String p = "rnn.l" + l;
            g.floats(p + ".W", w, dirs, hs, width);
            g.floats(p + ".R", r, dirs, hs, hs);
            g.floats(p + ".B", b, dirs, 2L * hs);
            List<String> inputs = new ArrayList<>(List.of(in, p + ".W", p + ".R", p + ".B", sequenceLens));
            List<String> outputs = new ArrayList<>(List.of(p + ".Y"));
            if (state) {
                g.longs(p + ".state_start", new long[]{(long) l * dirs}, 1);
                g.longs(p + ".state_end", new long[]{(long) (l + 1) * dirs}, 1);
                g.node(p + ".initial_h", "Slice", List.of(INITIAL_H, p + ".state_start", p + ".state_end",
                        "state.axes"), List.of(p + ".h0"));
                inputs.add(p + ".h0");
                outputs.add(p + ".Y_h");
                finals.add(p + ".Y_h");
            }
            g.node(p, "RNN", inputs, outputs,
                    Attribute.integer("hidden_size", hs),
                    Attribute.string("direction", dirs == 2 ? "bidirectional" : "forward"),
                    Attribute.strings("activations", activations));
            // Y is [T, D, B, H]; the next layer and the output layer read [T, B, D·H] (forward half first)
            g.node(p + ".transpose", "Transpose", List.of(p + ".Y"), List.of(p + ".Y_tbdh"),
                    Attribute.integers("perm", 0, 2, 1, 3));
            g.node(p + ".reshape", "Reshape", List.of(p + ".Y_tbdh", "layer_shape"), List.of(p + ".h"));
            in = p + ".h";
        }
        if (state) {
            g.node(FINAL_H, "Concat", finals, List.of(FINAL_H), Attribute.integer("axis", 0));
        }
        return in;
    }

    /** Declares output {@value #FINAL_H} made by {@code layers(..., true)}: after the others, so it comes last. */
    static void finalStateOutput(OnnxGraph g, ElmanNetwork<float[]> net) {
        RnnConfig c = net.config();
        g.output(FINAL_H, FLOAT, OnnxGraph.Dim.of(states(c)), BATCH, OnnxGraph.Dim.of(c.hiddenSize()));
    }

    /** The first dimension of {@value #INITIAL_H} and {@value #FINAL_H}: one state per layer and direction. */
    static long states(RnnConfig c) {
        return (long) c.layers() * c.directions();
    }

    /**
     * The graph's outputs from the top layer's output {@code h}: "logits" o(t) = c + V h(t) and "probabilities"
     * softmax(o(t)), both [T, B, C]; or, for a network without an output layer, "hidden" [T, B, D·H].
     */
    static void head(OnnxGraph g, ElmanNetwork<float[]> net, String h) {
        RnnConfig c = net.config();
        int width = c.layerOutputSize();
        int classes = c.outputSize();
        if (classes == 0) {
            g.node("hidden", "Identity", List.of(h), List.of("hidden"));
            g.output("hidden", FLOAT, TIME, BATCH, OnnxGraph.Dim.of(width));
            return;
        }
        float[] v = net.param("output.weight").value();   // C × D·H; MatMul wants V transposed
        float[] vt = new float[v.length];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < width; j++) {
                vt[j * classes + i] = v[i * width + j];
            }
        }
        g.floats("output.weight_t", vt, width, classes);
        g.floats("output.bias", net.param("output.bias").value(), classes);
        g.node("output.matmul", "MatMul", List.of(h, "output.weight_t"), List.of("output.Vh"));
        g.node("output.add", "Add", List.of("output.Vh", "output.bias"), List.of("logits"));
        g.node("softmax", "Softmax", List.of("logits"), List.of("probabilities"), Attribute.integer("axis", -1));
        g.output("logits", FLOAT, TIME, BATCH, OnnxGraph.Dim.of(classes));
        g.output("probabilities", FLOAT, TIME, BATCH, OnnxGraph.Dim.of(classes));
    }
}
