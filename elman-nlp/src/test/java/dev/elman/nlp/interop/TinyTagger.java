package dev.elman.nlp.interop;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import dev.elman.nlp.tagger.EncodedBatch;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerSession;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Packing;
import dev.elman.nn.Param;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A tagger trained for a few steps on a handful of made-up sentences, and its logits computed by elman. */
final class TinyTagger {
    static final Kernels<float[]> KERNELS = FloatReferenceKernels.INSTANCE;

    private static final List<String> TRAIN = List.of(
            "The old dog slept under a wooden table ./DET ADJ NOUN VERB ADP DET ADJ NOUN PUNCT",
            "Birds sing early ./NOUN VERB ADV PUNCT",
            "She paid 42 dollars in 2019 ./PRON VERB NUM NOUN ADP NUM PUNCT",
            "O'Neill visited Oslo twice !/PROPN VERB PROPN ADV PUNCT",
            "we quickly read the long letters/PRON ADV VERB DET ADJ NOUN");

    /** A ragged batch with unknown words, a one-word sentence and the longest sentence not first. */
    static final List<List<String>> BATCH = List.of(
            words("the dog read 7 letters ."), words("Zebras"),
            words("She visited the wooden Xylophone museum twice !"), words("Birds paid early"));

    private TinyTagger() {
    }

    static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }

    /** Trains {@code steps} full-batch SGD steps from a seeded initialisation. */
    static TaggerModel train(TaggerConfig config, long seed, int steps) {
        List<List<String>> sentences = new ArrayList<>();
        List<List<String>> tagLists = new ArrayList<>();
        List<String> tagSet = new ArrayList<>();
        for (String line : TRAIN) {
            String[] parts = line.split("/");
            sentences.add(words(parts[0]));
            List<String> tags = words(parts[1]);
            tagLists.add(tags);
            for (String t : tags) {
                if (!tagSet.contains(t)) {
                    tagSet.add(t);
                }
            }
        }
        Vocabulary tags = Vocabulary.closed(tagSet);
        WordFeatures features = WordFeatures.build(sentences, config.minFormCount(), config.minAffixCount());
        TaggerModel model = TaggerModel.create(config, features, tags, KERNELS, seed);
        List<int[]> tagIds = new ArrayList<>();
        for (List<String> t : tagLists) {
            tagIds.add(t.stream().mapToInt(tags::id).toArray());
        }
        EncodedBatch batch = EncodedBatch.encode(features, sentences, tagIds);
        TaggerSession session = model.newSession();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int step = 0; step < steps; step++) {
            for (Param<float[]> p : model.params()) {
                p.zeroGrad(KERNELS);
            }
            session.lossAndGradient(batch, LossSpec.MEAN, rng, null);
            for (Param<float[]> p : model.params()) {
                float[] v = p.value();
                float[] g = p.grad();
                for (int i = 0; i < v.length; i++) {
                    v[i] -= 0.5f * g[i];
                }
            }
        }
        return model;
    }

    /** The feature ids of each sentence, {@link WordFeatures#KINDS} per word. */
    static List<int[]> ids(TaggerModel model, List<List<String>> sentences) {
        List<int[]> out = new ArrayList<>();
        for (List<String> s : sentences) {
            out.add(EncodedBatch.encodeSentence(model.features(), s));
        }
        return out;
    }

    /** elman's logits o(t): [sentence][token][tag]. */
    static double[][][] logits(TaggerModel model, List<int[]> ids) {
        int kinds = WordFeatures.KINDS;
        int[] lengths = ids.stream().mapToInt(a -> a.length / kinds).toArray();
        Packing p = Packing.of(lengths);
        int width = model.config().inputWidth();
        float[] x = new float[p.totalRows() * width];
        List<Param<float[]>> tables = model.params().subList(0, kinds);   // the feature tables come first
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                int col = p.row(s, t) * width;
                for (int k = 0; k < kinds; k++) {
                    int dim = model.config().featureDim(k);
                    System.arraycopy(tables.get(k).value(), ids.get(s)[t * kinds + k] * dim, x, col, dim);
                    col += dim;
                }
            }
        }
        ElmanNetwork<float[]> net = model.network();
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(SequenceBatch.packed(p, null, x, width, null), ws);
        double[][][] out = new double[lengths.length][][];
        for (int s = 0; s < lengths.length; s++) {
            out[s] = new double[lengths[s]][];
            for (int t = 0; t < lengths[s]; t++) {
                out[s][t] = ws.logits(s, t);
            }
        }
        return out;
    }
}
