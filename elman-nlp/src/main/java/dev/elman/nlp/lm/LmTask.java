package dev.elman.nlp.lm;

import dev.elman.loss.LossSpec;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Packing;
import dev.elman.nn.Param;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import dev.elman.train.TrainingTask;

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
 */
public final class LmTask implements TrainingTask {
    /** Key of the carried hidden state in {@link #extraState()}. */
    public static final String STATE_KEY = "lm.hidden";

    private final LmModel model;
    private final ElmanNetwork<float[]> net;
    private final Kernels<float[]> kernels;
    private final Workspace<float[]> ws;
    private double dropout;
    private final LmSession evalSession;
    private final int[] train;
    private final int[] valid;
    private final int streams;
    private final int seqLen;
    private final int evalStreams;
    private final int[] tokens;
    private final int[] labels;
    private final float[] carried;   // [layer][stream][H], the state after the last chunk
    private TextStreams layout;

    /**
     * @param train       the training text as character ids (not copied; must not change)
     * @param valid       the validation text as character ids (not copied; must not change)
     * @param streams     parallel streams per step (the batch size)
     * @param seqLen      characters per stream per step (the truncation length)
     * @param evalStreams streams the validation text is cut into for evaluation (see {@link LmSession#evaluate})
     */
    public LmTask(LmModel model, int[] train, int[] valid, int streams, int seqLen, int evalStreams) {
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
        this.net = model.network();
        this.kernels = net.kernels();
        this.ws = net.newWorkspace();
        this.evalSession = model.newSession();
        this.train = train;
        this.valid = valid;
        this.streams = streams;
        this.seqLen = seqLen;
        this.evalStreams = evalStreams;
        this.tokens = new int[Math.multiplyExact(streams, seqLen)];
        this.labels = new int[tokens.length];
        this.carried = new float[net.stateSize(streams)];
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
        if (index == 0) {
            // a new epoch: the streams start at new places, so no state carries over
            java.util.Arrays.fill(carried, 0f);
        }
        Packing p = layout.fill(index, tokens, labels);
        ws.setDropout(dropout, rng);
        net.forward(SequenceBatch.packed(p, tokens, null, 0, labels), carried, ws);
        double mean = net.loss(LossSpec.MEAN, ws);
        net.backward(ws);
        net.finalStatesInto(ws, carried);
        if (kernels.hasNonFinite(carried, 0, carried.length)) {
            // a diverged step (skipped by the trainer) must not poison the chunks after it
            java.util.Arrays.fill(carried, 0f);
        }
        int n = p.totalRows();
        // the trainer sums losses and divides by tokens, so report the chunk's total
        return new StepResult(mean * n, n);
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
        return Map.of(STATE_KEY, carried.clone());
    }

    @Override
    public void loadExtraState(Map<String, float[]> state) {
        float[] h = state.get(STATE_KEY);
        if (h == null || state.size() != 1) {
            throw new IllegalArgumentException("a language-model checkpoint holds exactly the extra state '"
                    + STATE_KEY + "', but this one has " + state.keySet());
        }
        if (h.length != carried.length) {
            throw new IllegalArgumentException("checkpoint state '" + STATE_KEY + "' has " + h.length + " values, but "
                    + model.layers() + " layers × " + streams + " streams × " + model.hiddenSize() + " = "
                    + carried.length + " are expected: was it made with other --batch/--hidden/--layers?");
        }
        System.arraycopy(h, 0, carried, 0, h.length);
    }
}
