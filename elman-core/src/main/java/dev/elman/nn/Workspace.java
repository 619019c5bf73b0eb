package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The activations and scratch buffers of one forward/backward pass of an {@link ElmanNetwork}.
 *
 * <p>One workspace per thread: the network's parameters are only read during forward, so many threads may share
 * one network, each with its own workspace. Buffers grow to the largest batch seen and are then reused, so a
 * steady-state loop allocates nothing. A {@linkplain ElmanNetwork#freeze() frozen} network's workspaces are for
 * inference: they hold no gradients and no backward buffers.
 *
 * @param <A> the array type
 */
public final class Workspace<A> {
    final Kernels<A> kernels;
    final RnnConfig config;
    final boolean inference;   // a frozen network's: forward buffers only
    private int rowCapacity = -1;
    private int batchCapacity = -1;

    // per layer and direction, index layer * directions + direction
    final List<A> h = new ArrayList<>();      // h(t), N×H
    final List<A> prev = new ArrayList<>();   // h(t-1) as seen by each row, N×H
    final List<A> dh = new ArrayList<>();     // dL/dh(t), then dL/da(t), N×H (empty for inference)
    // per layer: concatenated output and its gradient (bidirectional only; aliases h/dh otherwise)
    final List<A> layerOut = new ArrayList<>();
    final List<A> dLayerOut = new ArrayList<>();
    A x0;          // embedded input, N×E (embedding configs only)
    A dx0;         // dL/dx for the first layer's dense input, N×In (null for inference, as the other backward ones)
    A logits;      // o(t), N×C
    A dLogits;     // dL/do(t), N×C
    A h0Ranked;    // initial states, [L·D][B][H] in rank order
    A hFinalRanked;
    A dh0Ranked;
    A dhFinalRanked;
    A scratch;     // B×H
    final SplitRecurrence<A> splitter = new SplitRecurrence<>();   // a few rows' time loop over the kernels' threads
    final OutputRows<A> outputRows = new OutputRows<>();   // o = c + V h, a few rows over the kernels' threads
    final A packedW;  // W laid out for the backward step products, shared by the cells in turn (null: no W)
    final List<ElmanCell.Layouts<A>> layouts = new ArrayList<>();  // per cell: U and W laid out for forward
    final PackedWeights<A> outLayout = new PackedWeights<>();         // V laid out for the output layer

    // dropout on every layer's output, for training
    double dropout;
    java.util.SplittableRandom dropoutRng;
    final List<A> masks = new ArrayList<>();     // per layer, N×D: 0 or 1/(1-p)
    final List<A> dropped = new ArrayList<>();   // per layer, N×D: output times mask
    boolean droppedLast;                          // whether the last forward pass applied dropout

    // the state of the last pass
    SequenceBatch<A> batch;
    boolean hasInitialState;
    boolean lossComputed;
    boolean tailLeft;     // the last backward pass left its tail jobs to ElmanNetwork.runTailJob
    double lastLoss;
    int lastLabelled;

    Workspace(Kernels<A> kernels, RnnConfig config, boolean inference) {
        this.kernels = kernels;
        this.config = config;
        this.inference = inference;
        this.packedW = config.recurrent() && !inference
                ? kernels.alloc(kernels.packedRightSize(config.hiddenSize(), config.hiddenSize())) : null;
        for (int c = 0; c < config.layers() * config.directions(); c++) {
            layouts.add(new ElmanCell.Layouts<>(false));
        }
    }

    void ensure(Packing p) {
        int n = p.totalRows();
        int b = p.batchSize();
        if (n <= rowCapacity && b <= batchCapacity) {
            return;
        }
        n = Math.max(n, rowCapacity);
        b = Math.max(b, batchCapacity);
        int hs = config.hiddenSize();
        int dirs = config.directions();
        int cells = config.layers() * dirs;
        h.clear();
        prev.clear();
        masks.clear();
        dropped.clear();
        dh.clear();
        layerOut.clear();
        dLayerOut.clear();
        for (int c = 0; c < cells; c++) {
            h.add(kernels.alloc(n * hs));
            prev.add(kernels.alloc(n * hs));   // a frozen network's forward may read h(t-1) from here too
            if (!inference) {
                dh.add(kernels.alloc(n * hs));
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            layerOut.add(dirs == 2 ? kernels.alloc(n * 2 * hs) : h.get(l));
            if (!inference) {
                dLayerOut.add(dirs == 2 ? kernels.alloc(n * 2 * hs) : dh.get(l));
            }
        }
        if (dropout > 0) {
            for (int l = 0; l < config.layers(); l++) {
                masks.add(kernels.alloc(n * config.layerOutputSize()));
                dropped.add(kernels.alloc(n * config.layerOutputSize()));
            }
        }
        int in = config.firstLayerInputSize();
        x0 = config.embeddingSize() > 0 ? kernels.alloc(n * in) : null;
        dx0 = inference || config.tokenInput() && config.embeddingSize() == 0 ? null : kernels.alloc(n * in);
        int classes = Math.max(config.outputSize(), 1);
        logits = kernels.alloc(n * classes);
        dLogits = kernels.alloc(n * classes);
        h0Ranked = kernels.alloc(cells * b * hs);
        hFinalRanked = kernels.alloc(cells * b * hs);
        dh0Ranked = inference ? null : kernels.alloc(cells * b * hs);
        dhFinalRanked = inference ? null : kernels.alloc(cells * b * hs);
        scratch = kernels.alloc(b * hs);
        rowCapacity = n;
        batchCapacity = b;
    }

    private Packing packing() {
        if (batch == null) {
            throw new IllegalStateException("no forward pass has run in this workspace");
        }
        return batch.packing();
    }

    /**
     * Turns on inverted dropout on every layer's output (between layers and before the output layer) for the
     * following forward passes, drawing masks from {@code rng}; {@code p = 0} turns it off (inference).
     * Unlike PyTorch's nn.RNN dropout, the top layer's output is dropped too.
     */
    public void setDropout(double p, java.util.SplittableRandom rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
        if (p > 0 && rng == null) {
            throw new IllegalArgumentException("dropout needs a random source");
        }
        if (p > 0 && dropout == 0) {
            rowCapacity = -1;   // allocate the mask buffers on the next pass
        }
        this.dropout = p;
        this.dropoutRng = p > 0 ? rng : null;
    }

    /** The loss of the last {@link ElmanNetwork#loss} call (nats, reduced as its spec said). */
    public double loss() {
        if (!lossComputed) {
            throw new IllegalStateException("no loss has been computed since the last forward pass");
        }
        return lastLoss;
    }

    /** Number of labelled (not ignored) positions in the last loss. */
    public int labelledTokens() {
        return lastLabelled;
    }

    /** Logits o(t) of step t of sequence seq (batch order) of the last forward pass, as a new array. */
    public double[] logits(int seq, int t) {
        return row(logits, packing().row(seq, checkStep(seq, t)), config.outputSize());
    }

    /** The arg-max class at every step of every sequence of the last forward pass, in batch order. */
    public int[][] argmax() {
        Packing p = packing();
        int c = config.outputSize();
        int[] best = new int[p.totalRows()];
        for (int r = 0; r < best.length; r++) {
            int arg = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                double v = kernels.get(logits, r * c + j);
                if (v > max) {
                    max = v;
                    arg = j;
                }
            }
            best[r] = arg;
        }
        return p.unpackInts(best);
    }

    /** The top layer's output at step t of sequence seq (forward and reverse halves concatenated). */
    public double[] output(int seq, int t) {
        int layer = config.layers() - 1;
        return row(layerOut.get(layer), packing().row(seq, checkStep(seq, t)), config.layerOutputSize());
    }

    /** h(t) of one direction (0 forward, 1 reverse) of one layer at step t of sequence seq. */
    public double[] hidden(int layer, int direction, int seq, int t) {
        return row(h.get(layer * config.directions() + direction), packing().row(seq, checkStep(seq, t)),
                config.hiddenSize());
    }

    /**
     * The final state of each layer and direction, as PyTorch's h_n: index [layer·D + direction][seq][j]; the
     * forward direction's state after the sequence's last step, the reverse direction's after step 0.
     */
    public double[][][] finalStates() {
        return byCellAndSequence(hFinalRanked);
    }

    /** dL/dh(0) from the last backward pass, shaped like {@link #finalStates()}. */
    public double[][][] initialStateGradient() {
        checkTraining();
        return byCellAndSequence(dh0Ranked);
    }

    /** dL/dx(t) for dense input from the last backward pass, for step t of sequence seq. */
    public double[] inputGradient(int seq, int t) {
        if (config.tokenInput()) {
            throw new IllegalStateException("token input has no dense input gradient: see the embedding's or U's");
        }
        checkTraining();
        return row(dx0, packing().row(seq, checkStep(seq, t)), config.inputSize());
    }

    /**
     * dL/dx of the last backward pass for dense input, packed rows of width inputSize in {@link Packing} order.
     * The live buffer (longer than needed; do not modify): layers built in front of the network read it to
     * backpropagate further.
     */
    public A inputGradientPacked() {
        if (config.tokenInput()) {
            throw new IllegalStateException("token input has no dense input gradient: see the embedding's or U's");
        }
        checkTraining();
        return dx0;
    }

    /** The logits of the last forward pass, packed rows of width outputSize (live buffer; do not modify). */
    public A logitsPacked() {
        return logits;
    }

    /** Throws unless this workspace can hold a backward pass (it is not a frozen network's). */
    void checkTraining() {
        if (inference) {
            throw new IllegalStateException("this workspace is a frozen network's, for inference: it holds no "
                    + "gradients; use one from newWorkspace() of the network being trained");
        }
    }

    private int checkStep(int seq, int t) {
        Packing p = packing();
        if (seq < 0 || seq >= p.batchSize() || t < 0 || t >= p.length(seq)) {
            throw new IllegalArgumentException("no step " + t + " in sequence " + seq + " of this batch");
        }
        return t;
    }

    private double[] row(A buf, int row, int width) {
        double[] out = new double[width];
        for (int j = 0; j < width; j++) {
            out[j] = kernels.get(buf, row * width + j);
        }
        return out;
    }

    private double[][][] byCellAndSequence(A ranked) {
        Packing p = packing();
        int cells = config.layers() * config.directions();
        int b = p.batchSize();
        int hs = config.hiddenSize();
        double[][][] out = new double[cells][b][hs];
        for (int c = 0; c < cells; c++) {
            for (int s = 0; s < b; s++) {
                for (int j = 0; j < hs; j++) {
                    out[c][s][j] = kernels.get(ranked, (c * b + p.rank(s)) * hs + j);
                }
            }
        }
        return out;
    }
}
