package dev.elman.nlp.lm;

import dev.elman.loss.LossSpec;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Packing;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

/**
 * The working memory of one thread using an {@link LmModel}: streaming steps, whole-prefix feeding and evaluation.
 * Not thread-safe (use one session per thread); the model itself is only read.
 *
 * <p>{@link #step} allocates only its result (the new state and the distribution); its buffers are reused.
 */
public final class LmSession {
    /** Steps per chunk when evaluating; any value gives the same loss up to rounding, as the state is carried. */
    static final int EVAL_CHUNK = 200;

    private final LmModel model;
    private final ElmanNetwork<float[]> net;
    private final Kernels<float[]> kernels;
    private final Workspace<float[]> ws;
    private final int[] oneToken = new int[1];
    private final SequenceBatch<float[]> oneStep;
    private final int vocab;

    LmSession(LmModel model) {
        this.model = model;
        this.net = model.network();
        this.kernels = net.kernels();
        this.ws = net.newWorkspace();
        this.oneStep = SequenceBatch.packed(Packing.of(1), oneToken, null, 0, null);
        this.vocab = model.vocabulary().size();
    }

    public LmModel model() {
        return model;
    }

    /** Feeds character id {@code id} in state {@code state}: the distribution of the next character, the new state. */
    public LmStep step(LmState state, int id) {
        checkState(state);
        checkId(id, "character id");
        oneToken[0] = id;
        net.forward(oneStep, state.values(), ws);
        return result(0);
    }

    /**
     * Feeds a whole prefix in one forward pass (faster than {@link #step} per character): the step after its last
     * character.
     */
    public LmStep feed(LmState state, int[] ids) {
        checkState(state);
        if (ids.length == 0) {
            throw new IllegalArgumentException("feed: the prefix is empty, expected at least one character");
        }
        for (int i = 0; i < ids.length; i++) {
            checkId(ids[i], "character id at position " + i);
        }
        net.forward(SequenceBatch.packed(Packing.of(ids.length), ids, null, 0, null), state.values(), ws);
        return result(ids.length - 1);
    }

    private LmStep result(int lastRow) {
        float[] next = new float[model.stateSize()];
        net.finalStatesInto(ws, next);
        float[] logits = new float[vocab];
        System.arraycopy(ws.logitsPacked(), lastRow * vocab, logits, 0, vocab);
        return new LmStep(new Prediction(logits), new LmState(next));
    }

    /**
     * The loss of predicting every character of {@code ids} but the first from the ones before it. The text is cut
     * into {@code streams} contiguous streams, each starting from the zero state (so each stream's start loses its
     * left context); with one stream this is exactly the loss of reading the text with {@link #step}.
     */
    public LmLoss evaluate(int[] ids, int streams) {
        for (int i = 0; i < ids.length; i++) {
            checkId(ids[i], "character id at position " + i);
        }
        TextStreams layout = new TextStreams(ids, 0, ids.length - 1, streams, EVAL_CHUNK);
        int[] tokens = new int[streams * EVAL_CHUNK];
        int[] labels = new int[streams * EVAL_CHUNK];
        float[] state = new float[net.stateSize(streams)];
        double sum = 0;
        for (int c = 0; c < layout.chunks(); c++) {
            Packing p = layout.fill(c, tokens, labels);
            net.forward(SequenceBatch.packed(p, tokens, null, 0, labels), state, ws);
            sum += kernels.softmaxCrossEntropy(ws.logitsPacked(), 0, p.totalRows(), vocab, labels, 0,
                    LossSpec.DEFAULT_IGNORE, 1.0, null, 0);
            net.finalStatesInto(ws, state);
        }
        return new LmLoss(sum, layout.targets());
    }

    private void checkState(LmState state) {
        if (state.size() != model.stateSize()) {
            throw new IllegalArgumentException("state: expected " + model.stateSize() + " values (" + model.layers()
                    + " layers × " + model.hiddenSize() + "), got " + state.size() + "; is it from another model?");
        }
    }

    private void checkId(int id, String what) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException(what + ": " + id + " is outside [0, " + vocab + ")");
        }
    }
}
