package dev.elman.nn;

import dev.elman.math.Kernels;

/**
 * One workspace's copy of a weight matrix M (rows × cols, row-major: W, U or V) laid out as the right-hand factor
 * Mᵀ of {@link Kernels#gemmPackedRight}, so that x·Mᵀ (that is, M x for every row x) runs on the fast tiles. Kept
 * from one forward pass to the next: laying out W costs about as much as a 20-step sentence's recurrence, while
 * checking that M still holds the bits it was laid out from costs one comparison. Weights changed in any way (an
 * optimiser step, a load, a test's perturbation) are seen by that comparison, so the copy is never stale.
 */
final class PackedWeights<A> {
    private A packed;
    private A source;   // the bits of M the layout was made from
    private int rows = -1;
    private int cols = -1;
    private boolean fixed;   // laid out once for a frozen network: never compared again
    private boolean finite;  // every element of M is finite

    /** The layout of Mᵀ for the rows×cols matrix {@code m}, made afresh only if m changed since the last call. */
    A of(Kernels<A> k, A m, int rows, int cols) {
        int n = Math.multiplyExact(rows, cols);
        if (fixed) {
            if (rows != this.rows || cols != this.cols) {
                throw new IllegalStateException("fixed layout is " + this.rows + "x" + this.cols + ", asked for "
                        + rows + "x" + cols);
            }
            return packed;
        }
        if (rows != this.rows || cols != this.cols) {
            packed = k.alloc(k.packedRightSize(cols, rows));
            source = k.alloc(n);
            this.rows = rows;
            this.cols = cols;
        } else if (k.sameBits(m, 0, source, 0, n)) {
            return packed;
        }
        k.packRight(true, cols, rows, m, 0, cols, packed);
        k.copy(m, 0, source, 0, n);
        finite = !k.hasNonFinite(m, 0, n);
        return packed;
    }

    /** Lays out m once and from then on returns that layout without looking at m again (frozen weights). */
    PackedWeights<A> fix(Kernels<A> k, A m, int rows, int cols) {
        packed = k.alloc(k.packedRightSize(cols, rows));
        k.packRight(true, cols, rows, m, 0, cols, packed);
        this.rows = rows;
        this.cols = cols;
        finite = !k.hasNonFinite(m, 0, Math.multiplyExact(rows, cols));
        fixed = true;
        return this;
    }

    /**
     * Whether every element of M, as last laid out, is finite: then M·0 is exactly +0 in every element, and a
     * product with zero rows can be skipped without changing the bits.
     */
    boolean allFinite() {
        return finite;
    }
}
