package dev.elman.nlp.lm;

import dev.elman.loss.LossSpec;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Packing;
import dev.elman.nn.Param;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import dev.elman.train.DataParallel;
import dev.elman.train.ShardStep;
import dev.elman.train.TrainingTask;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains an {@link LmModel} on a long text, as char-rnn does: the training text is cut into {@code streams}
 * contiguous parts read side by side, in chunks of {@code seqLen} characters (truncated BPTT). The hidden state is
 * carried from one chunk to the next within an epoch (stateful training) and reset to zero at the start of each
 * epoch; the gradient does not cross chunk boundaries. The gradient of a step is that of the mean loss per
 * character of its chunk.
 *
 * <p>Each epoch starts its streams at an offset in {@code [0, seqLen)} drawn from the seed and the epoch, so chunk
 * boundaries move from epoch to epoch. The carried state is in {@link #extraState()}, so a run resumed from a
 * checkpoint continues bit for bit. Evaluation is the loss on the validation text ({@code loss} in nats per
 * character, {@code bpc} in bits).
 *
 * <p>With a {@link DataParallel} of several threads, the streams are split into that many contiguous shards, each
 * run by its own replica of the network on its own thread (the gradient products left after each shard's
 * recurrence on whichever thread is free), and the gradients are summed in shard order: results depend on the
 * thread count, never on scheduling.
 */
public final class LmTask implements TrainingTask {
    /** Key of the carried hidden state in {@link #extraState()}. */
    public static final String STATE_KEY = "lm.hidden";

    private final LmModel model;
    private final Kernels<float[]> kernels;
    private final DataParallel parallel;   // null: one shard on the calling thread
    private final List<Shard> shards = new ArrayList<>();
    private final List<List<Param<float[]>>> replicaParams = new ArrayList<>();
    private double dropout;
    private final LmSession evalSession;
    private final int[] train;
    private final int[] valid;
    private final int streams;
    private final int seqLen;
    private final int evalStreams;
    private TextStreams layout;

    /**
     * Streams {@code [from, to)} with their network (shard 0: the model's own), workspace and carried state; as a
     * step's {@link ShardStep}, its pass and the gradient products the pass leaves.
     */
    private final class Shard implements ShardStep {
        final ElmanNetwork<float[]> net;
        final Workspace<float[]> ws;
        final int from;
        final int to;
        final int[] tokens;
        final int[] labels;
        final float[] carried;   // [layer][stream][H], the state after the last chunk
        Packing packing;
        double loss;
        SplittableRandom rng;   // this step's, for dropout
        int total;              // rows of the whole chunk, which the mean loss divides by

        Shard(ElmanNetwork<float[]> net, int from, int to, int seqLen) {
            this.net = net;
            this.ws = net.newWorkspace();
            this.from = from;
            this.to = to;
            this.tokens = new int[Math.multiplyExact(to - from, seqLen)];
            this.labels = new int[tokens.length];
            this.carried = new float[net.stateSize(to - from)];
        }

        @Override
        public void run() {
            LmTask.this.run(this, true);
        }

        @Override
        public int tailJobs() {
            return packing.totalRows() == 0 ? 0 : net.tailJobs();
        }

        @Override
        public void runTailJob(int job) {
            net.runTailJob(ws, job);
        }
    }

    /**
     * @param train       the training text as character ids (not copied; must not change)
     * @param valid       the validation text as character ids (not copied; must not change)
     * @param streams     parallel streams per step (the batch size)
     * @param seqLen      characters per stream per step (the truncation length)
     * @param evalStreams streams the validation text is cut into for evaluation (see {@link LmSession#evaluate})
     */
    public LmTask(LmModel model, int[] train, int[] valid, int streams, int seqLen, int evalStreams) {
        this(model, train, valid, streams, seqLen, evalStreams, null);
    }

    /**
     * As {@link #LmTask(LmModel, int[], int[], int, int, int)}, with the streams split over the threads of
     * {@code parallel} (null or one thread: no split).
     */
    public LmTask(LmModel model, int[] train, int[] valid, int streams, int seqLen, int evalStreams,
                  DataParallel parallel) {
        if (streams <= 0 || seqLen <= 0 || evalStreams <= 0) {
            throw new IllegalArgumentException("streams, seqLen and evalStreams must be positive, got " + streams
                    + ", " + seqLen + ", " + evalStreams);
        }
        if (train.length - 1 < streams) {
            throw new IllegalArgumentException("the training text has " + train.length + " characters, too few for "
                    + streams + " parallel streams");
        }
        if (valid.length - 1 < evalStreams) {
            throw new IllegalArgumentException("the validation text has " + valid.length + " characters, too few for "
                    + evalStreams + " evaluation streams");
        }
        checkIds(train, model.vocabulary().size(), "training text");
        checkIds(valid, model.vocabulary().size(), "validation text");
        this.model = model;
        this.kernels = model.network().kernels();
        this.parallel = parallel;
        int count = parallel == null ? 1 : Math.min(parallel.threads(), streams);
        for (int k = 0; k < count; k++) {
            ElmanNetwork<float[]> net = k == 0 ? model.network() : model.network().replica();
            shards.add(new Shard(net, streams * k / count, streams * (k + 1) / count, seqLen));
            if (k > 0) {
                replicaParams.add(net.params());
            }
        }
        this.evalSession = model.newSession();
        this.train = train;
        this.valid = valid;
        this.streams = streams;
        this.seqLen = seqLen;
        this.evalStreams = evalStreams;
    }

    private static void checkIds(int[] ids, int vocab, String what) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException(what + ": id " + ids[i] + " at position " + i + " is outside [0, "
                        + vocab + ")");
            }
        }
    }

    public LmModel model() {
        return model;
    }

    @Override
    public List<Param<float[]>> params() {
        return model.params();
    }

    @Override
    public void startEpoch(int epoch, long seed) {
        int positions = train.length - 1;
        int maxOffset = Math.min(seqLen, positions - streams + 1);
        SplittableRandom rng = new SplittableRandom(seed * 0x632BE59BD9B4E019L + epoch);
        int offset = rng.nextInt(maxOffset);
        layout = new TextStreams(train, offset, positions, streams, seqLen);
    }

    /** Dropout on every layer's output during training (0, the default, for none). */
    public LmTask withDropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
        this.dropout = p;
        return this;
    }

    @Override
    public int batchesInEpoch() {
        return layout.chunks();
    }

    @Override
    public StepResult step(int index, SplittableRandom rng) {
        int n = 0;
        for (Shard s : shards) {
            if (index == 0) {
                // a new epoch: the streams start at new places, so no state carries over
                java.util.Arrays.fill(s.carried, 0f);
            }
            s.packing = layout.fill(index, s.from, s.to, s.tokens, s.labels);
            n += s.packing.totalRows();
        }
        final int total = n;
        if (shards.size() == 1) {
            Shard s = shards.get(0);
            s.rng = rng;
            s.total = total;
            run(s, false);
        } else {
            for (int k = 0; k < shards.size(); k++) {
                Shard s = shards.get(k);
                s.rng = rng == null ? null : rng.split();
                s.total = total;
                if (k > 0) {
                    s.net.zeroGrad();
                }
            }
            parallel.runShards(shards);
            DataParallel.sumGradients(model.params(), replicaParams);
        }
        double mean = 0;
        for (Shard s : shards) {
            mean += s.loss;
        }
        // the trainer sums losses and divides by tokens, so report the chunk's total
        return new StepResult(mean * total, total);
    }

    /**
     * One shard's forward and backward, with its step's rng and chunk rows; its loss is its part of the chunk's mean
     * (divided by all shards' rows). With {@code leaveTail}, the backward pass leaves its last gradient products to
     * {@link Shard#runTailJob}.
     */
    private void run(Shard s, boolean leaveTail) {
        s.loss = 0;
        if (s.packing.totalRows() == 0) {
            return;   // the last chunk may hold nothing for the shorter streams; their state stays as it is
        }
        s.ws.setDropout(dropout, s.rng);
        s.net.forward(SequenceBatch.packed(s.packing, s.tokens, null, 0, s.labels), s.carried, s.ws);
        s.loss = s.net.loss(LossSpec.MEAN, s.total, s.ws);
        if (leaveTail) {
            s.net.backwardLeavingTail(null, s.ws);
        } else {
            s.net.backward(s.ws);
        }
        s.net.finalStatesInto(s.ws, s.carried);
        if (kernels.hasNonFinite(s.carried, 0, s.carried.length)) {
            // a diverged step (skipped by the trainer) must not poison the chunks after it
            java.util.Arrays.fill(s.carried, 0f);
        }
    }

    @Override
    public DataParallel threads() {
        return parallel;
    }

    @Override
    public Map<String, Double> evaluate() {
        LmLoss l = validationLoss();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", l.natsPerChar());
        m.put("bpc", l.bitsPerChar());
        return m;
    }

    /** The loss on the validation text with the current weights. */
    public LmLoss validationLoss() {
        return evalSession.evaluate(valid, evalStreams);
    }

    /** A validation loss of {@code natsPerChar} (e.g. reported by {@link #evaluate()}), with its size. */
    LmLoss validationLossOfMean(double natsPerChar) {
        long n = valid.length - 1;
        return new LmLoss(natsPerChar * n, n);
    }

    @Override
    public Map<String, float[]> extraState() {
        float[] all = new float[stateSize()];
        moveState(all, true);
        return Map.of(STATE_KEY, all);
    }

    private int stateSize() {
        return model.network().stateSize(streams);
    }

    /** Copies the shards' states into {@code all} ([layer][stream][H], every stream) or, with !toAll, back. */
    private void moveState(float[] all, boolean toAll) {
        int hs = model.hiddenSize();
        for (int l = 0; l < model.layers(); l++) {
            for (Shard s : shards) {
                int width = (s.to - s.from) * hs;
                int at = (l * streams + s.from) * hs;
                if (toAll) {
                    System.arraycopy(s.carried, l * width, all, at, width);
                } else {
                    System.arraycopy(all, at, s.carried, l * width, width);
                }
            }
        }
    }

    @Override
    public void loadExtraState(Map<String, float[]> state) {
        float[] h = state.get(STATE_KEY);
        if (h == null || state.size() != 1) {
            throw new IllegalArgumentException("a language-model checkpoint holds exactly the extra state '"
                    + STATE_KEY + "', but this one has " + state.keySet());
        }
        if (h.length != stateSize()) {
            throw new IllegalArgumentException("checkpoint state '" + STATE_KEY + "' has " + h.length + " values, but "
                    + model.layers() + " layers × " + streams + " streams × " + model.hiddenSize() + " = "
                    + stateSize() + " are expected: was it made with other --batch/--hidden/--layers?");
        }
        moveState(h, false);
    }
}
