package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.loss.Reduction;
import dev.elman.math.Kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack of Elman layers with an optional embedding in front and a softmax output layer on top:
 * <pre>
 *   a(t) = b + W h(t-1) + U x(t)     h(t) = tanh(a(t))     o(t) = c + V h(t)     ŷ(t) = softmax(o(t))
 * </pre>
 *
 * <p>Parameters, by name (these are PyTorch's {@code nn.Embedding}, {@code nn.RNN} and {@code nn.Linear} names):
 * <table>
 *   <caption>parameter names</caption>
 *   <tr><td>{@code embedding.weight}</td><td>vocab × E</td><td>embedding table (token input with an embedding)</td></tr>
 *   <tr><td>{@code rnn.weight_ih_l{k}}</td><td>H × in</td><td>U of layer k ({@code weight_ih_l{k}})</td></tr>
 *   <tr><td>{@code rnn.weight_hh_l{k}}</td><td>H × H</td><td>W of layer k ({@code weight_hh_l{k}}); absent when
 *   the recurrence is off</td></tr>
 *   <tr><td>{@code rnn.bias_l{k}}</td><td>H</td><td>b of layer k = PyTorch's {@code bias_ih_l{k} + bias_hh_l{k}}</td></tr>
 *   <tr><td>{@code output.weight}</td><td>C × D·H</td><td>V</td></tr>
 *   <tr><td>{@code output.bias}</td><td>C</td><td>c</td></tr>
 * </table>
 * The reverse direction of a bidirectional layer carries the suffix {@code _reverse}. Without an embedding, token
 * ids select columns of the first layer's U (one-hot input).
 *
 * <p>The network only holds parameters; activations live in a {@link Workspace}, one per thread. Gradients
 * accumulate in the parameters' {@link Param#grad()} arrays until {@link #zeroGrad()}; the embedding's is row-sparse.
 *
 * @param <A> the array type: {@code float[]} for work, {@code double[]} for gradient checks
 */
public final class ElmanNetwork<A> {
    private final RnnConfig config;
    private final Kernels<A> kernels;
    private final Param<A> embedding;
    private final List<ElmanCell<A>> cells = new ArrayList<>();  // index layer * D + direction
    private final Param<A> outWeight;
    private final Param<A> outBias;
    private final Map<String, Param<A>> params = new LinkedHashMap<>();
    private List<Param<A>> paramList;   // params() in order, made once (training loops call it every step)
    private final ElmanNetwork<A> master;
    private final FrozenWeights<A> frozen;   // non-null for a frozen copy: its layouts, made once
    private final Backprop<A> backprop;

    /** A network with every parameter zero; see {@link Init} or {@link #create}. */
    public ElmanNetwork(RnnConfig config, Kernels<A> kernels) {
        this(config, kernels, null, null);
    }

    /**
     * With {@code master}, every parameter shares the master's value array and has a gradient of its own. With
     * {@code frozenFrom}, a frozen copy of that network's values.
     */
    private ElmanNetwork(RnnConfig config, Kernels<A> kernels, ElmanNetwork<A> master, ElmanNetwork<A> frozenFrom) {
        this.config = config;
        this.kernels = kernels;
        this.master = master;
        int hs = config.hiddenSize();
        embedding = config.embeddingSize() > 0
                ? add("embedding.weight", config.vocabSize(), config.embeddingSize()).trackRows() : null;
        for (int l = 0; l < config.layers(); l++) {
            int in = l == 0 ? config.firstLayerInputSize() : config.layerOutputSize();
            for (int d = 0; d < config.directions(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                Param<A> u = add("rnn.weight_ih" + suffix, hs, in);
                Param<A> w = config.recurrent() ? add("rnn.weight_hh" + suffix, hs, hs) : null;
                Param<A> b = add("rnn.bias" + suffix, hs);
                cells.add(new ElmanCell<>(u, w, b, hs, in, d == 1, config.activation()));
            }
        }
        if (config.outputSize() > 0) {
            outWeight = add("output.weight", config.outputSize(), config.layerOutputSize());
            outBias = add("output.bias", config.outputSize());
        } else {
            outWeight = null;
            outBias = null;
        }
        backprop = new Backprop<>(config, kernels, cells, embedding, outWeight, outBias);
        if (frozenFrom != null) {
            copyParametersFrom(frozenFrom);
            frozen = new FrozenWeights<>(kernels, config, cells, embedding, outWeight);
        } else {
            frozen = null;
        }
    }

    /** A network initialised by {@link Init#initialize} from {@code seed}. */
    public static <A> ElmanNetwork<A> create(RnnConfig config, Kernels<A> kernels, long seed) {
        ElmanNetwork<A> net = new ElmanNetwork<>(config, kernels);
        Init.initialize(net, seed);
        return net;
    }

    /** A new parameter, or for a replica a view of the master's sharing its value array. */
    private Param<A> add(String name, int... shape) {
        Param<A> p = master == null ? new Param<>(kernels, name, shape) : master.param(name).sharingValue(kernels);
        params.put(name, p);
        return p;
    }

    /**
     * A replica for data-parallel training: the same weights (shared arrays, so optimiser updates of this network
     * are seen by the replica) with separate gradients, which the caller sums back in a fixed order.
     */
    public ElmanNetwork<A> replica() {
        return new ElmanNetwork<>(config, kernels, this, null);
    }

    /**
     * A frozen copy for inference: this network's current weights, copied and laid out once for the fast products
     * (and, with an embedding, the first layer's E·Uᵀ + b as a table of b + U x per token id). Its forward passes
     * give the same bits as this network's and skip the per-pass check that the weights have not changed, so any
     * number of threads may share it, each with its own workspace. Its weights must not be changed; it has no
     * backward pass.
     */
    public ElmanNetwork<A> freeze() {
        return new ElmanNetwork<>(config, kernels, null, this);
    }

    /** Whether this is a {@linkplain #freeze() frozen} copy. */
    public boolean isFrozen() {
        return frozen != null;
    }

    public RnnConfig config() {
        return config;
    }

    public Kernels<A> kernels() {
        return kernels;
    }

    /** All parameters in a fixed order (embedding, layers bottom-up with forward before reverse, output). */
    public List<Param<A>> params() {
        List<Param<A>> list = paramList;
        if (list == null) {
            list = List.copyOf(params.values());   // immutable, so a racy first call is harmless
            paramList = list;
        }
        return list;
    }

    /** The parameter of the given name; see the class documentation for names. */
    public Param<A> param(String name) {
        Param<A> p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; this network has " + params.keySet());
        }
        return p;
    }

    /** Total number of parameter elements. */
    public long parameterCount() {
        long n = 0;
        for (Param<A> p : params()) {
            n += p.size();
        }
        return n;
    }

    /** Zeroes every gradient. */
    public void zeroGrad() {
        List<Param<A>> all = params();
        for (int i = 0; i < all.size(); i++) {   // indexed: no iterator per training step
            all.get(i).zeroGrad(kernels);
        }
    }

    /** Copies every parameter value from a network of the same configuration, in any precision. */
    public <B> void copyParametersFrom(ElmanNetwork<B> other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("configurations differ: " + other.config + " vs " + config);
        }
        for (Param<A> p : params()) {
            Param<B> q = other.param(p.name());
            for (int i = 0; i < p.size(); i++) {
                kernels.set(p.value(), i, other.kernels.get(q.value(), i));
            }
        }
    }

    /** A new workspace for this network's configuration; a frozen network's is for inference only (no gradients). */
    public Workspace<A> newWorkspace() {
        return new Workspace<>(kernels, config, frozen != null);
    }

    /** Size of an initial or final state tensor for a batch: [layers·D][batch][H]. */
    public int stateSize(int batchSize) {
        return config.layers() * config.directions() * batchSize * config.hiddenSize();
    }

    /**
     * Forward pass over a batch from h(0) = 0.
     *
     * @see #forward(SequenceBatch, Object, Workspace)
     */
    public void forward(SequenceBatch<A> batch, Workspace<A> ws) {
        forward(batch, null, ws);
    }

    /**
     * Forward pass: computes h(t) for every layer, direction and step, and the logits o(t) when the network has an
     * output layer, into {@code ws}.
     *
     * @param h0 initial states [layers·D][batch][H] in batch order (as PyTorch's h_0), or null for zeros
     */
    public void forward(SequenceBatch<A> batch, A h0, Workspace<A> ws) {
        InputChecks.checkBatch(config, kernels, batch);
        Packing p = batch.packing();
        ws.ensure(p);
        ws.batch = batch;
        ws.lossComputed = false;
        ws.tailLeft = false;
        ws.hasInitialState = h0 != null;
        int b = p.batchSize();
        int hs = config.hiddenSize();
        if (h0 != null) {
            InputChecks.checkState(config, kernels, stateSize(b), h0, b, "h0");
            Rows.rank(kernels, config, h0, ws.h0Ranked, p, false);
        }
        int n = p.totalRows();
        int[] tokens = batch.tokens();
        A x = batch.dense();
        A projected = frozen == null ? null : frozen.projected(0);
        if (embedding != null && projected == null) {
            kernels.gatherRows(embedding.value(), config.embeddingSize(), tokens, 0, n, ws.x0, 0);
            x = ws.x0;
            tokens = null;
        }
        int dirs = config.directions();
        for (int l = 0; l < config.layers(); l++) {
            for (int d = 0; d < dirs; d++) {
                int c = l * dirs + d;
                cells.get(c).forward(kernels, p, tokens, x, h0 == null ? null : ws.h0Ranked, c * b * hs,
                        ws.h.get(c), ws.prev.get(c), ws.hFinalRanked, c * b * hs,
                        frozen == null ? ws.layouts.get(c) : frozen.cells.get(c),
                        l == 0 && frozen != null ? frozen.projected(d) : null, ws.scratch, ws.splitter);
            }
            if (dirs == 2) {
                Rows.interleave(kernels, ws.h.get(l * 2), ws.h.get(l * 2 + 1), ws.layerOut.get(l), n, hs);
            }
            tokens = null;
            x = ws.layerOut.get(l);
            if (ws.dropout > 0) {
                x = dropout(ws, l, n);
            }
        }
        ws.droppedLast = ws.dropout > 0;
        if (outWeight != null) {
            int classes = config.outputSize();
            int width = config.layerOutputSize();
            A packedV = (frozen == null ? ws.outLayout : frozen.out).of(kernels, outWeight.value(), classes, width);
            ws.outputRows.run(kernels, p, x, width, packedV, outBias.value(), ws.logits, classes);
        }
    }

    /**
     * Softmax cross-entropy of the last forward pass against the batch's labels; also stores dL/do(t) for
     * {@link #backward}. Returns L in nats (a positive negative log-likelihood).
     */
    public double loss(LossSpec spec, Workspace<A> ws) {
        return loss(spec, 0, ws);
    }

    /**
     * As {@link #loss(LossSpec, Workspace)}, but a MEAN reduction divides by {@code meanDivisor} when it is positive
     * instead of by this batch's labelled-token count: truncated BPTT uses it so that the chunks of a batch share
     * one divisor and add up to the whole batch's mean.
     */
    public double loss(LossSpec spec, int meanDivisor, Workspace<A> ws) {
        SequenceBatch<A> batch = ws.batch;
        if (batch == null || !batch.hasLabels()) {
            throw new IllegalArgumentException("loss needs a forward pass over a batch with labels");
        }
        if (outWeight == null) {
            throw new IllegalStateException("this network has no output layer (outputSize = 0)");
        }
        int n = batch.packing().totalRows();
        int[] labels = batch.labels();
        int labelled = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != spec.ignoreLabel()) {
                labelled++;
            }
        }
        int divisor = meanDivisor > 0 ? meanDivisor : labelled;
        double scale = spec.reduction() == Reduction.MEAN ? (divisor == 0 ? 0 : 1.0 / divisor) : 1.0;
        double sum = kernels.softmaxCrossEntropy(ws.logits, 0, n, config.outputSize(), labels, 0,
                spec.ignoreLabel(), scale, ws.dLogits, 0);
        ws.lastLoss = sum * scale;
        ws.lastLabelled = labelled;
        ws.lossComputed = true;
        return ws.lastLoss;
    }

    /** Backward pass from the last {@link #loss}, with no gradient arriving at the final states. */
    public void backward(Workspace<A> ws) {
        backward(null, ws);
    }

    /**
     * Backpropagation through time from the last {@link #loss}: accumulates dL/dθ into every parameter's gradient,
     * and leaves dL/dh(0) and (dense input) dL/dx(t) in the workspace.
     *
     * @param dhFinal dL/dh_final from outside, [layers·D][batch][H] in batch order, or null for none
     */
    public void backward(A dhFinal, Workspace<A> ws) {
        checkBackward(dhFinal, ws);
        backprop.run(dhFinal, ws, false);
    }

    /**
     * As {@link #backward(Object, Workspace)}, but leaves its tail — the {@link #tailJobs()} gradient products that
     * nothing later in the pass reads (dL/dW, dL/dU, dL/db, dL/dV, dL/dc, the first layer's dL/dx
     * and the embedding's gradient) — to {@link #runTailJob}, for data-parallel training to share out among threads
     * whichever shard they come from. Until every job has run once, the gradients and dL/dx are incomplete; once they
     * have, in any order and on any threads, they hold the bits {@code backward} gives.
     */
    public void backwardLeavingTail(A dhFinal, Workspace<A> ws) {
        checkBackward(dhFinal, ws);
        backprop.run(dhFinal, ws, true);
    }

    /** The number of tail jobs a {@link #backwardLeavingTail} leaves: fixed by the configuration. */
    public int tailJobs() {
        return backprop.jobs();
    }

    /**
     * Runs tail job {@code job} of the workspace's last {@link #backwardLeavingTail}. Jobs write disjoint elements,
     * so different jobs of one workspace may run at once on different threads; each must run exactly once.
     */
    public void runTailJob(Workspace<A> ws, int job) {
        if (!ws.tailLeft) {
            throw new IllegalStateException("runTailJob needs backwardLeavingTail() after the loss");
        }
        if (job < 0 || job >= backprop.jobs()) {
            throw new IndexOutOfBoundsException("tail job " + job + " of " + backprop.jobs());
        }
        backprop.runJob(ws, job);
    }

    /** Checks a backward pass's preconditions, {@code dhFinal}'s shape among them. */
    private void checkBackward(A dhFinal, Workspace<A> ws) {
        if (frozen != null) {
            throw new IllegalStateException("a frozen network is for inference: train the network it was frozen from");
        }
        ws.checkTraining();
        if (!ws.lossComputed) {
            throw new IllegalStateException("backward needs loss() after the forward pass");
        }
        if (dhFinal != null) {
            int b = ws.batch.packing().batchSize();
            InputChecks.checkState(config, kernels, stateSize(b), dhFinal, b, "dhFinal");
        }
    }

    /** Draws layer l's dropout mask and returns its output times the mask. */
    private A dropout(Workspace<A> ws, int l, int n) {
        int size = n * config.layerOutputSize();
        A mask = ws.masks.get(l);
        DropoutMask.draw(kernels, ws.dropoutRng, ws.dropout, mask, size);
        A out = ws.dropped.get(l);
        kernels.copy(ws.layerOut.get(l), 0, out, 0, size);
        kernels.multiplyInPlace(mask, 0, out, 0, size);
        return out;
    }

    /** Copies the final states of the last forward pass into {@code out}, [layers·D][batch][H], batch order. */
    public void finalStatesInto(Workspace<A> ws, A out) {
        Packing p = ws.batch.packing();
        InputChecks.checkState(config, kernels, stateSize(p.batchSize()), out, p.batchSize(), "out");
        Rows.rank(kernels, config, ws.hFinalRanked, out, p, true);
    }

    /** Copies dL/dh(0) of the last backward pass into {@code out}, [layers·D][batch][H], batch order. */
    public void initialStateGradientInto(Workspace<A> ws, A out) {
        ws.checkTraining();
        Packing p = ws.batch.packing();
        InputChecks.checkState(config, kernels, stateSize(p.batchSize()), out, p.batchSize(), "out");
        Rows.rank(kernels, config, ws.dh0Ranked, out, p, true);
    }
}
