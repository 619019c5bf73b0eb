package dev.elman.nlp.tagger;

import dev.elman.math.Kernels;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Init;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A part-of-speech tagger: feature embeddings of each word (form, affixes, shape) concatenated into x(t), a stack of
 * (bidirectional) Elman layers, and a softmax over the tag set at every token.
 *
 * <p>Holds parameters only and is never modified by tagging, so one model can serve many threads, each with its
 * own {@link TaggerSession}.
 */
public final class TaggerModel {
    private final TaggerConfig config;
    private final WordFeatures features;
    private final Vocabulary tags;
    private final List<Param<float[]>> tables;   // one per feature kind: rows are the embeddings
    private final ElmanNetwork<float[]> network;

    private TaggerModel(TaggerConfig config, WordFeatures features, Vocabulary tags, Kernels<float[]> kernels) {
        this.config = config;
        this.features = features;
        this.tags = tags;
        List<Param<float[]>> t = new ArrayList<>();
        for (int k = 0; k < WordFeatures.KINDS; k++) {
            t.add(Param.create(kernels, "features." + WordFeatures.KIND_NAMES.get(k) + ".weight",
                    features.vocabulary(k).size(), config.featureDim(k)).trackRows());
        }
        this.tables = List.copyOf(t);
        this.network = new ElmanNetwork<>(networkConfig(config, tags.size()), kernels);
    }

    /** A model of {@code source}'s configuration around the given tables and network. */
    private TaggerModel(TaggerModel source, List<Param<float[]>> tables, ElmanNetwork<float[]> network) {
        this.config = source.config;
        this.features = source.features;
        this.tags = source.tags;
        this.tables = List.copyOf(tables);
        this.network = network;
    }

    /**
     * A frozen copy for tagging (see {@link ElmanNetwork#freeze()}): the same tags, the network's weights laid out
     * once for every session and thread instead of checked at every batch. It cannot be trained.
     */
    public TaggerModel freeze() {
        Kernels<float[]> k = network.kernels();
        List<Param<float[]>> copies = new ArrayList<>();
        for (Param<float[]> p : tables) {
            Param<float[]> copy = Param.create(k, p.name(), p.shape());
            System.arraycopy(p.value(), 0, copy.value(), 0, p.size());
            copies.add(copy);
        }
        return new TaggerModel(this, copies, network.freeze());
    }

    /** A replica for data-parallel training: shared weights, separate gradients (see {@link ElmanNetwork#replica}). */
    public TaggerModel replica() {
        List<Param<float[]>> shared = new ArrayList<>();
        for (Param<float[]> p : tables) {
            shared.add(p.sharingValue(network.kernels()));
        }
        return new TaggerModel(this, shared, network.replica());
    }

    static RnnConfig networkConfig(TaggerConfig c, int tagCount) {
        return RnnConfig.builder().inputSize(c.inputWidth()).hiddenSize(c.hidden()).layers(c.layers())
                .bidirectional(c.bidirectional()).recurrent(c.recurrent()).activation(c.activation())
                .outputSize(tagCount).build();
    }

    /** A new model with seeded random weights (feature embeddings N(0, 0.1²), network as {@link Init}). */
    public static TaggerModel create(TaggerConfig config, WordFeatures features, Vocabulary tags,
                                     Kernels<float[]> kernels, long seed) {
        TaggerModel m = new TaggerModel(config, features, tags, kernels);
        Init.initialize(m.network, seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x7A66E55L);
        for (Param<float[]> p : m.tables) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.1 * gaussian(rng));
            }
        }
        return m;
    }

    /** A model with zero weights, to be filled by a loader. */
    public static TaggerModel empty(TaggerConfig config, WordFeatures features, Vocabulary tags,
                                    Kernels<float[]> kernels) {
        return new TaggerModel(config, features, tags, kernels);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    public TaggerConfig config() {
        return config;
    }

    public WordFeatures features() {
        return features;
    }

    /** The tag set. */
    public Vocabulary tags() {
        return tags;
    }

    public ElmanNetwork<float[]> network() {
        return network;
    }

    /** The feature embedding table of kind {@code k}. */
    Param<float[]> table(int k) {
        return tables.get(k);
    }

    /** Every parameter: the feature tables, then the network's. */
    public List<Param<float[]>> params() {
        List<Param<float[]>> all = new ArrayList<>(tables);
        all.addAll(network.params());
        return Collections.unmodifiableList(all);
    }

    /** A per-thread session for tagging and training with this model. */
    public TaggerSession newSession() {
        return new TaggerSession(this);
    }
}
