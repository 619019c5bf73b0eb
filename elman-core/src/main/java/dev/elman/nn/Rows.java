package dev.elman.nn;

import dev.elman.math.Kernels;

/** Row shuffles between the layouts of a network's states: batch and rank order, forward and reverse halves. */
final class Rows {
    private Rows() {
    }

    /** Permutes a state tensor between batch order and rank order ({@code inverse}: rank → batch). */
    static <A> void rank(Kernels<A> kernels, RnnConfig config, A src, A dst, Packing p, boolean inverse) {
        int b = p.batchSize();
        int hs = config.hiddenSize();
        int cellCount = config.layers() * config.directions();
        for (int c = 0; c < cellCount; c++) {
            for (int s = 0; s < b; s++) {
                int batchRow = (c * b + s) * hs;
                int rankRow = (c * b + p.rank(s)) * hs;
                if (inverse) {
                    kernels.copy(src, rankRow, dst, batchRow, hs);
                } else {
                    kernels.copy(src, batchRow, dst, rankRow, hs);
                }
            }
        }
    }

    /** Concatenates the forward and reverse halves of each row. */
    static <A> void interleave(Kernels<A> kernels, A fwd, A rev, A out, int n, int hs) {
        for (int r = 0; r < n; r++) {
            kernels.copy(fwd, r * hs, out, r * 2 * hs, hs);
            kernels.copy(rev, r * hs, out, r * 2 * hs + hs, hs);
        }
    }

    /** Splits each row into its forward and reverse halves. */
    static <A> void deinterleave(Kernels<A> kernels, A in, A fwd, A rev, int n, int hs) {
        for (int r = 0; r < n; r++) {
            kernels.copy(in, r * 2 * hs, fwd, r * hs, hs);
            kernels.copy(in, r * 2 * hs + hs, rev, r * hs, hs);
        }
    }
}
