package dev.elman.nlp.lm;

import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Init;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.util.List;

/**
 * A character language model: character ids go straight into the first layer as one-hot vectors (they select
 * columns of U), through a stack of Elman layers, to a softmax over the next character.
 *
 * <p>One-hot input rather than an embedding: with a vocabulary of tens of characters, U·x(t) already is a learned
 * H-wide embedding of the character at no cost (a column lookup), whereas an embedding table would add a product
 * per step and a hyperparameter without adding capacity.
 *
 * <p>The model holds parameters only. Sampling, scoring and evaluation never modify it, so one model may be shared
 * by many threads, each with its own {@link LmSession} (training, which writes the parameters, must not run at the
 * same time).
 */
public final class LmModel {
    private final CharVocabulary vocabulary;
    private final ElmanNetwork<float[]> network;

    private LmModel(CharVocabulary vocabulary, ElmanNetwork<float[]> network) {
        checkConfig(network.config(), vocabulary.size());
        this.vocabulary = vocabulary;
        this.network = network;
    }

    /** The network architecture of a model: one-hot input, {@code layers} tanh layers of width {@code hidden}. */
    public static RnnConfig networkConfig(int vocabSize, int hidden, int layers) {
        return RnnConfig.builder().vocabSize(vocabSize).hiddenSize(hidden).layers(layers).outputSize(vocabSize)
                .build();
    }

    /** A new model with weights initialised by {@link Init} from {@code seed}. */
    public static LmModel create(CharVocabulary vocabulary, int hidden, int layers, Kernels<float[]> kernels,
                                 long seed) {
        return new LmModel(vocabulary,
                ElmanNetwork.create(networkConfig(vocabulary.size(), hidden, layers), kernels, seed));
    }

    /**
     * A model around an existing network (e.g. one read from a file).
     *
     * @throws IllegalArgumentException if the network cannot be a language model over this vocabulary
     */
    public static LmModel of(CharVocabulary vocabulary, ElmanNetwork<float[]> network) {
        return new LmModel(vocabulary, network);
    }

    /** Checks that a network configuration is a left-to-right next-character predictor over {@code vocabSize}. */
    static void checkConfig(RnnConfig c, int vocabSize) {
        if (!c.tokenInput() || c.vocabSize() != vocabSize || c.outputSize() != vocabSize) {
            throw new IllegalArgumentException("a language model over " + vocabSize + " characters needs token input "
                    + "and output of that size, but the network has vocabSize=" + c.vocabSize() + ", outputSize="
                    + c.outputSize() + (c.tokenInput() ? "" : " (dense input)"));
        }
        if (c.bidirectional()) {
            throw new IllegalArgumentException("a language model must read left to right, but the network is "
                    + "bidirectional");
        }
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The network (its parameters are live: training writes them). */
    public ElmanNetwork<float[]> network() {
        return network;
    }

    /** The parameters to train. */
    public List<Param<float[]>> params() {
        return network.params();
    }

    /** Number of stacked layers. */
    public int layers() {
        return network.config().layers();
    }

    /** Width H of each layer's state. */
    public int hiddenSize() {
        return network.config().hiddenSize();
    }

    /** The state before any character: every layer's h = 0. */
    public LmState initialState() {
        return new LmState(new float[stateSize()]);
    }

    /** Number of floats in a state: layers × H. */
    int stateSize() {
        return layers() * hiddenSize();
    }

    /**
     * A frozen copy for sampling and scoring (see {@link ElmanNetwork#freeze()}): same results, the weights laid out
     * once for every session and thread, and no check per step that they have not changed. It cannot be trained.
     */
    public LmModel freeze() {
        return new LmModel(vocabulary, network.freeze());
    }

    /** A new per-thread session for stepping, sampling and evaluating this model. */
    public LmSession newSession() {
        return new LmSession(this);
    }
}
