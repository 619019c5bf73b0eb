package dev.elman.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.elman.math.Activation;
import dev.elman.nlp.lm.CharVocabulary;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime runs the exported models on ragged batches and agrees with elman.
 *
 * <p>Tolerance, per value: |onnx − elman| ≤ 1e-5·|elman| + 1e-6 (relative 1e-5, absolute floor 1e-6), at every
 * real position. At padded positions (t ≥ sequence_lens[b]) ONNX Runtime's RNN outputs zeros, so the logits are the
 * output bias c, the probabilities softmax(c), and a network without an output layer gives 0; the test pins that
 * down too.
 */
class OnnxRuntimeParityTest {
    static final double REL = 1e-5;
    static final double ABS = 1e-6;
    private static final int[] LENGTHS = {5, 2, 7, 1, 4};

    private static OrtEnvironment env;

    @BeforeAll
    static void environment() {
        env = OrtEnvironment.getEnvironment();
    }

    static Stream<Arguments> networks() {
        RnnConfig.Builder base = RnnConfig.builder().hiddenSize(5).outputSize(4);
        return Stream.of(
                Arguments.of("embedding, 2 layers, bidirectional, tanh",
                        base.vocabSize(11).embeddingSize(3).layers(2).bidirectional(true).build()),
                Arguments.of("one-hot, 1 layer, forward, relu",
                        RnnConfig.builder().hiddenSize(6).outputSize(3).vocabSize(9).activation(Activation.RELU)
                                .build()),
                Arguments.of("dense, 2 layers, forward, tanh",
                        RnnConfig.builder().hiddenSize(4).outputSize(5).inputSize(3).layers(2).build()),
                Arguments.of("dense, bidirectional, recurrence off",
                        RnnConfig.builder().hiddenSize(4).outputSize(3).inputSize(2).bidirectional(true)
                                .recurrent(false).build()),
                Arguments.of("one-hot, bidirectional relu, no output layer",
                        RnnConfig.builder().hiddenSize(3).vocabSize(7).bidirectional(true)
                                .activation(Activation.RELU).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void networksMatchElman(String name, RnnConfig config) throws OrtException {
        ElmanNetwork<float[]> net = TestModels.network(config, 99);
        Inputs in = inputs(config);
        compare(OnnxExport.network(net), in.onnx(), TestModels.run(net, in.batch()), net, name);
    }

    @Test
    void languageModelMatchesElmanFromAGivenStateAndCarriesItsVocabulary() throws OrtException {
        CharVocabulary vocab = CharVocabulary.of("to be, or not\n");
        LmModel model = LmModel.create(vocab, 5, 2, TestModels.KERNELS, 11);
        ElmanNetwork<float[]> net = model.network();
        byte[] onnx = OnnxExport.lm(model);
        Inputs in = inputs(net.config());
        int b = LENGTHS.length;
        int states = net.config().layers() * net.config().directions();
        float[] h0 = new float[states * b * 5];
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < h0.length; i++) {
            h0[i] = (float) rng.nextDouble(-0.9, 0.9);
        }
        in.onnx().put("initial_h", OnnxTensor.createTensor(env, FloatBuffer.wrap(h0), new long[]{states, b, 5}));
        TestModels.Outputs elman = TestModels.run(net, in.batch(), h0);
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OrtSession.Result result = session.run(in.onnx())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(OnnxExport.LM_FORMAT, meta.get("format"));
            assertEquals(vocab, CharVocabulary.parse(meta.get("vocab")));
            float[][][] finalH = (float[][][]) result.get("final_h").orElseThrow().getValue();
            for (int l = 0; l < states; l++) {
                for (int s = 0; s < b; s++) {
                    for (int j = 0; j < 5; j++) {
                        double e = elman.finalStates()[(l * b + s) * 5 + j];
                        double a = finalH[l][s][j];
                        String where = "final_h[" + l + "][" + s + "][" + j + "]";
                        assertTrue(Math.abs(a - e) <= REL * Math.abs(e) + ABS, () -> where + ": " + a + " vs " + e);
                    }
                }
            }
        }
        compare(onnx, in.onnx(), elman, net, "language model");
    }

    /** The ONNX inputs of a ragged batch of {@link #LENGTHS} for a network of this configuration, and elman's. */
    private record Inputs(Map<String, OnnxTensor> onnx, SequenceBatch<float[]> batch) {
    }

    private static Inputs inputs(RnnConfig config) throws OrtException {
        SplittableRandom rng = new SplittableRandom(5);
        int t = max(LENGTHS);
        int b = LENGTHS.length;
        Map<String, OnnxTensor> inputs = new HashMap<>();
        SequenceBatch<float[]> batch;
        if (config.tokenInput()) {
            int[][] tokens = new int[b][];
            long[] padded = new long[t * b];   // time-major, padding id 0
            for (int s = 0; s < b; s++) {
                tokens[s] = rng.ints(LENGTHS[s], 0, config.vocabSize()).toArray();
                for (int i = 0; i < LENGTHS[s]; i++) {
                    padded[i * b + s] = tokens[s][i];
                }
            }
            batch = SequenceBatch.ofTokens(tokens, null);
            inputs.put("tokens", OnnxTensor.createTensor(env, LongBuffer.wrap(padded), new long[]{t, b}));
        } else {
            int width = config.inputSize();
            double[][][] x = new double[b][][];
            float[] padded = new float[t * b * width];
            for (int s = 0; s < b; s++) {
                x[s] = new double[LENGTHS[s]][width];
                for (int i = 0; i < LENGTHS[s]; i++) {
                    for (int j = 0; j < width; j++) {
                        x[s][i][j] = (float) rng.nextDouble(-1, 1);
                        padded[(i * b + s) * width + j] = (float) x[s][i][j];
                    }
                }
            }
            batch = SequenceBatch.ofDense(TestModels.KERNELS, x, null);
            inputs.put("x", OnnxTensor.createTensor(env, FloatBuffer.wrap(padded), new long[]{t, b, width}));
        }
        inputs.put("sequence_lens", OnnxTensor.createTensor(env, IntBuffer.wrap(LENGTHS), new long[]{b}));
        return new Inputs(inputs, batch);
    }

    @Test
    void taggerMatchesElman() throws OrtException {
        TaggerConfig config = TaggerConfig.builder().formDim(6).affixDim(3).shapeDim(2).hidden(5).layers(2)
                .bidirectional(true).minFormCount(1).minAffixCount(1).build();
        checkTagger(TestModels.tagger(config, 3), "tagger");
    }

    @Test
    void taggerWithoutAffixOrShapeFeaturesMatchesElman() throws OrtException {
        TaggerConfig config = TaggerConfig.builder().formDim(4).affixDim(0).shapeDim(0).hidden(4).layers(1)
                .bidirectional(false).activation(Activation.RELU).minFormCount(1).build();
        checkTagger(TestModels.tagger(config, 4), "tagger without affixes");
    }

    private void checkTagger(TaggerModel model, String what) throws OrtException {
        List<int[]> ids = TestModels.ids(model);
        int b = ids.size();
        int[] lengths = ids.stream().mapToInt(a -> a.length / WordFeatures.KINDS).toArray();
        int t = max(lengths);
        int k = WordFeatures.KINDS;
        long[] padded = new long[t * b * k];   // padding id 0 (the unknown entry) for every kind
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < ids.get(s).length; i++) {
                padded[((i / k) * b + s) * k + i % k] = ids.get(s)[i];
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("ids", OnnxTensor.createTensor(env, LongBuffer.wrap(padded), new long[]{t, b, k}));
        inputs.put("sequence_lens", OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[]{b}));
        compare(OnnxExport.tagger(model), inputs, TestModels.run(model.network(), TestModels.taggerInput(model, ids)),
                model.network(), what);
    }

    private void compare(byte[] onnx, Map<String, OnnxTensor> inputs, TestModels.Outputs elman,
                         ElmanNetwork<float[]> net, String what) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options);
                 OrtSession.Result result = session.run(inputs)) {
                int classes = net.config().outputSize();
                if (classes == 0) {
                    float[][][] hidden = (float[][][]) result.get("hidden").orElseThrow().getValue();
                    check(elman.hidden(), hidden, new double[net.config().layerOutputSize()], what + " hidden");
                    return;
                }
                double[] c = new double[classes];
                float[] bias = net.param("output.bias").value();
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    c[j] = bias[j];
                    max = Math.max(max, c[j]);
                }
                double sum = 0;
                double[] softC = new double[classes];
                for (int j = 0; j < classes; j++) {
                    softC[j] = Math.exp(c[j] - max);
                    sum += softC[j];
                }
                for (int j = 0; j < classes; j++) {
                    softC[j] /= sum;
                }
                check(elman.logits(), (float[][][]) result.get("logits").orElseThrow().getValue(), c,
                        what + " logits");
                check(elman.probabilities(), (float[][][]) result.get("probabilities").orElseThrow().getValue(),
                        softC, what + " probabilities");
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Real positions against elman; padded positions (ONNX output [T][B][C]) against {@code padding}. */
    private static void check(double[][][] expected, float[][][] actual, double[] padding, String what) {
        for (int t = 0; t < actual.length; t++) {
            for (int s = 0; s < actual[t].length; s++) {
                boolean real = t < expected[s].length;
                double[] want = real ? expected[s][t] : padding;
                assertEquals(want.length, actual[t][s].length, what + ": width");
                for (int j = 0; j < want.length; j++) {
                    double e = want[j];
                    double a = actual[t][s][j];
                    String where = what + (real ? "" : " (padding)") + " at t=" + t + ", b=" + s + ", j=" + j;
                    assertTrue(Math.abs(a - e) <= REL * Math.abs(e) + ABS, () -> where + ": onnx " + a + " vs " + e);
                }
            }
        }
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
