package dev.elman.nlp.tagger;

import dev.elman.loss.LossSpec;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

import java.util.SplittableRandom;

/**
 * The working memory of one thread using a {@link TaggerModel}: builds x(t) from the feature tables, runs the
 * network, and in training backpropagates into the tables. Not thread-safe; buffers are reused between calls.
 */
public final class TaggerSession {
    private final TaggerModel model;
    private final ElmanNetwork<float[]> net;
    private final Workspace<float[]> ws;
    private float[] x = new float[0];
    private float[] dropMask = new float[0];
    private int[] ids = new int[0];
    private boolean lastTrain;
    private int[] lastIds;
    private int lastTokens;   // tokens of the last training pass

    TaggerSession(TaggerModel model) {
        this.model = model;
        this.net = model.network();
        this.ws = net.newWorkspace();
    }

    /** Tag ids of every token, per sentence in batch order. */
    public int[][] predict(EncodedBatch batch) {
        ws.setDropout(0, null);
        forward(batch, batch.featureIds(), false, null);
        return ws.argmax();
    }

    /**
     * One training pass: forward with word and input dropout drawn from {@code rng}, loss, and backward into every
     * parameter's gradient (accumulating). Returns the loss.
     *
     * @param formCounts training count of each form id (for word dropout), or null for none
     */
    public double lossAndGradient(EncodedBatch batch, LossSpec spec, SplittableRandom rng, int[] formCounts) {
        double loss = pass(batch, spec, rng, formCounts, false);
        finishGradient();
        return loss;
    }

    /**
     * As {@link #lossAndGradient}, but the backward pass leaves its last gradient products as {@link #tailJobs()}
     * jobs for {@link #runTailJob}, which may run on other threads; after all of them, {@link #finishGradient()}
     * adds dL/dx into the feature tables. Together they give the bits of {@code lossAndGradient}.
     */
    public double lossLeavingTail(EncodedBatch batch, LossSpec spec, SplittableRandom rng, int[] formCounts) {
        return pass(batch, spec, rng, formCounts, true);
    }

    /** The number of jobs {@link #lossLeavingTail} leaves. */
    public int tailJobs() {
        return net.tailJobs();
    }

    /** Runs job {@code job} left by the last {@link #lossLeavingTail}; each once, on any thread. */
    public void runTailJob(int job) {
        net.runTailJob(ws, job);
    }

    /** Adds the last training pass's dL/dx into the feature tables' gradients, once its jobs have all run. */
    public void finishGradient() {
        scatter(lastTokens, ws.inputGradientPacked());
    }

    private double pass(EncodedBatch batch, LossSpec spec, SplittableRandom rng, int[] formCounts,
                        boolean leaveTail) {
        if (batch.tags() == null) {
            throw new IllegalArgumentException("training needs a tagged batch");
        }
        int n = batch.tokens();
        int kinds = WordFeatures.KINDS;
        ids = grow(ids, n * kinds);
        System.arraycopy(batch.featureIds(), 0, ids, 0, n * kinds);
        double alpha = model.config().wordDropout();
        if (formCounts != null && alpha > 0) {
            for (int r = 0; r < n; r++) {
                int form = ids[r * kinds];
                if (form != 0 && rng.nextDouble() < alpha / (alpha + formCounts[form])) {
                    ids[r * kinds] = 0;
                }
            }
        }
        ws.setDropout(model.config().hiddenDropout(), rng);
        forward(batch, ids, true, rng);
        double loss = net.loss(spec, ws);
        if (leaveTail) {
            net.backwardLeavingTail(null, ws);
        } else {
            net.backward(ws);
        }
        lastTokens = n;
        return loss;
    }

    private void forward(EncodedBatch batch, int[] featureIds, boolean train, SplittableRandom rng) {
        int n = batch.tokens();
        int width = model.config().inputWidth();
        x = grow(x, n * width);
        gather(n, featureIds, width);
        double p = model.config().inputDropout();
        if (train && p > 0) {
            dropMask = grow(dropMask, n * width);
            float keep = (float) (1 / (1 - p));
            for (int i = 0; i < n * width; i++) {
                dropMask[i] = rng.nextDouble() < p ? 0f : keep;
                x[i] *= dropMask[i];
            }
        }
        lastTrain = train && p > 0;
        lastIds = featureIds;
        net.forward(SequenceBatch.packed(batch.packing(), null, x, width, batch.tags()), ws);
    }

    private void gather(int n, int[] featureIds, int width) {
        int kinds = WordFeatures.KINDS;
        for (int r = 0; r < n; r++) {
            int col = 0;
            for (int k = 0; k < kinds; k++) {
                int dim = model.config().featureDim(k);
                if (dim > 0) {
                    System.arraycopy(model.table(k).value(), featureIds[r * kinds + k] * dim, x, r * width + col, dim);
                }
                col += dim;
            }
        }
    }

    private void scatter(int n, float[] dx) {
        int kinds = WordFeatures.KINDS;
        int width = model.config().inputWidth();
        for (int r = 0; r < n; r++) {
            int col = 0;
            for (int k = 0; k < kinds; k++) {
                int dim = model.config().featureDim(k);
                Param<float[]> table = model.table(k);
                float[] g = table.grad();
                int row = lastIds[r * kinds + k];
                table.markRow(row);
                int base = row * dim;
                int xb = r * width + col;
                for (int j = 0; j < dim; j++) {
                    float d = dx[xb + j];
                    g[base + j] += lastTrain ? d * dropMask[xb + j] : d;
                }
                col += dim;
            }
        }
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[Math.max(n, a.length * 3 / 2)];
    }

    private static int[] grow(int[] a, int n) {
        return a.length >= n ? a : new int[Math.max(n, a.length * 3 / 2)];
    }
}
