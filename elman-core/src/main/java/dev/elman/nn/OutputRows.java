package dev.elman.nn;

import dev.elman.math.Kernels;
import dev.elman.math.PartsJob;

/**
 * The output layer o = c + V h over a pass's rows. For the few rows of a batch whose recurrence ran split
 * ({@link SplitRecurrence}), the rows are shared out over the kernels' threads, which are still spinning from the
 * recurrence: a 20-token sentence's 20 × H × C product took a sixth of its time on one thread. Each row is the same
 * product either way, so the bits do not change. One per workspace: it holds the arguments of the pass it runs.
 */
final class OutputRows<A> implements PartsJob {
    private Kernels<A> k;
    private int n;
    private int width;
    private int classes;
    private A x;
    private A packedV;
    private A bias;
    private A logits;

    /** Writes {@code logits} (n×classes) = x·Vᵀ + c for the n rows of {@code x} (n×width), Vᵀ laid out. */
    void run(Kernels<A> k, Packing p, A x, int width, A packedV, A bias, A logits, int classes) {
        int n = p.totalRows();
        if (SplitRecurrence.fewRows(k, p) && n > 1) {
            this.k = k;
            this.n = n;
            this.width = width;
            this.classes = classes;
            this.x = x;
            this.packedV = packedV;
            this.bias = bias;
            this.logits = logits;
            try {
                if (k.runTogether(this)) {
                    return;
                }
            } finally {
                this.k = null;
                this.x = null;
                this.packedV = null;
                this.bias = null;
                this.logits = null;
            }
        }
        k.gemmPackedRight(n, classes, width, x, 0, width, packedV, false, logits, 0, classes);
        k.addRowVector(bias, 0, logits, 0, n, classes);
    }

    @Override
    public void run(int part, int parts, Barrier barrier) {
        int r0 = (int) ((long) n * part / parts);
        int r1 = (int) ((long) n * (part + 1) / parts);
        if (r0 < r1) {
            k.gemmPackedRightColumns(r1 - r0, 0, classes, classes, width, x, r0 * width, width, packedV, logits,
                    r0 * classes, classes);
            k.addRowVector(bias, 0, logits, r0 * classes, r1 - r0, classes);
        }
    }
}
