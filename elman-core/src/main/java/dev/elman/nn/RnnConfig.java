package dev.elman.nn;

import dev.elman.math.Activation;

/**
 * The architecture of an {@link ElmanNetwork}; immutable, validated by {@link Builder#build()}.
 *
 * <p>Input is either token ids ({@code vocabSize > 0}) or dense vectors ({@code inputSize > 0}). Token ids go
 * through an embedding table when {@code embeddingSize > 0}; otherwise they index the columns of the first layer's
 * U directly (a one-hot input, never materialised).
 *
 * @param vocabSize       number of token ids, or 0 for dense input
 * @param embeddingSize   width of the embedding table for token input, or 0 for none
 * @param inputSize       width of dense input vectors, or 0 for token input
 * @param hiddenSize      width H of h(t) per direction
 * @param layers          number of stacked Elman layers
 * @param bidirectional   whether each layer also runs in reverse time (outputs concatenated, forward first)
 * @param activation      the nonlinearity f in h(t) = f(a(t))
 * @param recurrent       false holds W at 0: the per-token feed-forward network the seed compares against
 * @param outputSize      number of classes (width of o(t)), or 0 for a network without an output layer
 * @param recurrentInit   how W is initialised
 * @param recurrentScale  the scale for {@link RecurrentInit#IDENTITY} (W = scale·I) and {@link RecurrentInit#ORTHOGONAL}
 */
public record RnnConfig(int vocabSize, int embeddingSize, int inputSize, int hiddenSize, int layers,
                        boolean bidirectional, Activation activation, boolean recurrent, int outputSize,
                        RecurrentInit recurrentInit, double recurrentScale) {

    /** Initialisation of the recurrent matrix W. */
    public enum RecurrentInit {
        /** A random orthogonal matrix (QR of a Gaussian), times the scale. */
        ORTHOGONAL,
        /** The identity matrix times the scale (as in IRNN for relu networks). */
        IDENTITY
    }

    /** Validates the fields; use {@link #builder()} rather than calling this directly. */
    public RnnConfig {
        require(vocabSize >= 0 && inputSize >= 0 && embeddingSize >= 0, "sizes must be non-negative");
        require((vocabSize > 0) != (inputSize > 0),
                "exactly one of vocabSize (token input) and inputSize (dense input) must be positive, got vocabSize="
                        + vocabSize + ", inputSize=" + inputSize);
        require(embeddingSize == 0 || vocabSize > 0, "embeddingSize needs token input (vocabSize > 0)");
        require(hiddenSize > 0, "hiddenSize must be positive, got " + hiddenSize);
        require(layers > 0, "layers must be positive, got " + layers);
        require(outputSize >= 0, "outputSize must be non-negative, got " + outputSize);
        require(activation != null, "activation must be set");
        require(recurrentInit != null, "recurrentInit must be set");
        require(Double.isFinite(recurrentScale), "recurrentScale must be finite");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("RnnConfig: " + message);
        }
    }

    /** Number of directions per layer: 2 if bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Width of each layer's output: H times the number of directions. */
    public int layerOutputSize() {
        return hiddenSize * directions();
    }

    /** Whether the input is token ids. */
    public boolean tokenInput() {
        return vocabSize > 0;
    }

    /** Width of the first layer's input x(t): the embedding size, the vocabulary (one-hot) or the dense size. */
    public int firstLayerInputSize() {
        if (vocabSize > 0) {
            return embeddingSize > 0 ? embeddingSize : vocabSize;
        }
        return inputSize;
    }

    /** A builder with the defaults: 1 layer, unidirectional, tanh, recurrent, orthogonal W at scale 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.vocabSize = vocabSize;
        b.embeddingSize = embeddingSize;
        b.inputSize = inputSize;
        b.hiddenSize = hiddenSize;
        b.layers = layers;
        b.bidirectional = bidirectional;
        b.activation = activation;
        b.recurrent = recurrent;
        b.outputSize = outputSize;
        b.recurrentInit = recurrentInit;
        b.recurrentScale = recurrentScale;
        return b;
    }

    /** Builds an {@link RnnConfig}; the one place where the defaults live. */
    public static final class Builder {
        private int vocabSize;
        private int embeddingSize;
        private int inputSize;
        private int hiddenSize;
        private int layers = 1;
        private boolean bidirectional;
        private Activation activation = Activation.TANH;
        private boolean recurrent = true;
        private int outputSize;
        private RecurrentInit recurrentInit = RecurrentInit.ORTHOGONAL;
        private double recurrentScale = 1.0;

        private Builder() {
        }

        /** Token input with {@code n} ids. */
        public Builder vocabSize(int n) {
            this.vocabSize = n;
            return this;
        }

        /** An embedding table of width {@code n} in front of the first layer (token input only). */
        public Builder embeddingSize(int n) {
            this.embeddingSize = n;
            return this;
        }

        /** Dense input vectors of width {@code n}. */
        public Builder inputSize(int n) {
            this.inputSize = n;
            return this;
        }

        public Builder hiddenSize(int n) {
            this.hiddenSize = n;
            return this;
        }

        public Builder layers(int n) {
            this.layers = n;
            return this;
        }

        public Builder bidirectional(boolean b) {
            this.bidirectional = b;
            return this;
        }

        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** False holds W at 0 (no recurrence). */
        public Builder recurrent(boolean r) {
            this.recurrent = r;
            return this;
        }

        public Builder outputSize(int n) {
            this.outputSize = n;
            return this;
        }

        public Builder recurrentInit(RecurrentInit init, double scale) {
            this.recurrentInit = init;
            this.recurrentScale = scale;
            return this;
        }

        /** Validates and builds. */
        public RnnConfig build() {
            return new RnnConfig(vocabSize, embeddingSize, inputSize, hiddenSize, layers, bidirectional, activation,
                    recurrent, outputSize, recurrentInit, recurrentScale);
        }
    }
}
