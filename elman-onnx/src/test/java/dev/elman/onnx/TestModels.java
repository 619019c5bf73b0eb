package dev.elman.onnx;

import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import dev.elman.nlp.tagger.EncodedBatch;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Packing;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded models with every weight (biases included) non-zero, and elman's outputs for them. */
final class TestModels {
    static final Kernels<float[]> KERNELS = FloatReferenceKernels.INSTANCE;

    private static final List<String> SENTENCES = List.of("The old dog slept under a wooden table .",
            "Birds sing early", "She paid 42 dollars in 2019 .", "O'Neill visited Oslo twice !");
    private static final List<String> TAGS = List.of("DET", "ADJ", "NOUN", "VERB", "ADP", "PUNCT", "PROPN", "NUM");

    /** A ragged batch for the tagger, with unknown words; the longest sentence is not first. */
    static final List<List<String>> BATCH = List.of(words("the dog paid 7 Dollars ."), words("Zebras"),
            words("She visited the wooden Xylophone museum twice !"), words("Birds sang early"));

    private TestModels() {
    }

    static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }

    static TaggerModel tagger(TaggerConfig config, long seed) {
        List<List<String>> sentences = SENTENCES.stream().map(TestModels::words).toList();
        WordFeatures features = WordFeatures.build(sentences, config.minFormCount(), config.minAffixCount());
        TaggerModel model = TaggerModel.create(config, features, Vocabulary.closed(TAGS), KERNELS, seed);
        randomize(model.params(), seed);
        return model;
    }

    static ElmanNetwork<float[]> network(RnnConfig config, long seed) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, KERNELS, seed);
        randomize(net.params(), seed);
        return net;
    }

    /** Replaces every value by a uniform draw from [-0.6, 0.6), so that biases and padding rows matter too. */
    private static void randomize(List<Param<float[]>> params, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Param<float[]> p : params) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rng.nextDouble(-0.6, 0.6));
            }
        }
    }

    /** The feature ids of each sentence of {@link #BATCH}. */
    static List<int[]> ids(TaggerModel model) {
        List<int[]> out = new ArrayList<>();
        for (List<String> s : BATCH) {
            out.add(EncodedBatch.encodeSentence(model.features(), s));
        }
        return out;
    }

    /** x(t) of the tagger: the feature rows concatenated, packed. */
    static SequenceBatch<float[]> taggerInput(TaggerModel model, List<int[]> ids) {
        int kinds = WordFeatures.KINDS;
        Packing p = Packing.of(ids.stream().mapToInt(a -> a.length / kinds).toArray());
        int width = model.config().inputWidth();
        float[] x = new float[p.totalRows() * width];
        List<Param<float[]>> tables = model.params().subList(0, kinds);
        for (int s = 0; s < ids.size(); s++) {
            for (int t = 0; t < p.length(s); t++) {
                int col = p.row(s, t) * width;
                for (int k = 0; k < kinds; k++) {
                    int dim = model.config().featureDim(k);
                    System.arraycopy(tables.get(k).value(), ids.get(s)[t * kinds + k] * dim, x, col, dim);
                    col += dim;
                }
            }
        }
        return SequenceBatch.packed(p, null, x, width, null);
    }

    /**
     * elman's outputs for a batch: logits, elman's softmax of them, or the top layer's output; and the final states
     * [layers·D][batch][H].
     */
    record Outputs(double[][][] logits, double[][][] probabilities, double[][][] hidden, float[] finalStates) {
    }

    static Outputs run(ElmanNetwork<float[]> net, SequenceBatch<float[]> batch) {
        return run(net, batch, null);
    }

    /** {@link #run(ElmanNetwork, SequenceBatch)} from the initial states {@code h0} (null: zeros). */
    static Outputs run(ElmanNetwork<float[]> net, SequenceBatch<float[]> batch, float[] h0) {
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(batch, h0, ws);
        float[] finals = new float[net.stateSize(batch.packing().batchSize())];
        net.finalStatesInto(ws, finals);
        Packing p = batch.packing();
        int classes = net.config().outputSize();
        int b = p.batchSize();
        double[][][] logits = new double[b][][];
        double[][][] probs = new double[b][][];
        double[][][] hidden = new double[b][][];
        float[] soft = new float[p.totalRows() * Math.max(classes, 1)];
        if (classes > 0) {
            KERNELS.softmax(ws.logitsPacked(), 0, p.totalRows(), classes, soft, 0);
        }
        for (int s = 0; s < b; s++) {
            logits[s] = new double[p.length(s)][];
            probs[s] = new double[p.length(s)][];
            hidden[s] = new double[p.length(s)][];
            for (int t = 0; t < p.length(s); t++) {
                hidden[s][t] = ws.output(s, t);
                if (classes > 0) {
                    logits[s][t] = ws.logits(s, t);
                    probs[s][t] = new double[classes];
                    for (int j = 0; j < classes; j++) {
                        probs[s][t][j] = soft[p.row(s, t) * classes + j];
                    }
                }
            }
        }
        return new Outputs(logits, probs, hidden, finals);
    }
}
