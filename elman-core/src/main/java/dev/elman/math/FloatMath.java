package dev.elman.math;

/**
 * The elementwise and row-wise float primitives that have a fast path: tanh (alone or after an add), softmax, and
 * adds between spans at two offsets (which JDK 17's C2 leaves scalar).
 * Semantics are those of the {@link Kernels} methods of the same names.
 */
interface FloatMath {

    /** {@code x = tanh(x)} over {@code x[off, off+n)}. */
    void tanh(float[] x, int off, int n);

    /** {@code x = tanh(x + a)} over {@code x[off, off+n)}, {@code a[aOff, aOff+n)}: the bits of an add, then tanh. */
    void addTanh(float[] a, int aOff, float[] x, int off, int n);

    /**
     * {@code out = tanh(x + a)} over {@code out[outOff, outOff+n)}, {@code x} and {@code a} read from their offsets:
     * the bits of {@link #addTanh} on a copy of x.
     */
    void addTanh(float[] a, int aOff, float[] x, int xOff, float[] out, int outOff, int n);

    /** {@code g = g·(1 − h²)} over {@code g[off, off+n)}, {@code h[hOff, hOff+n)}: tanh's backward step. */
    void tanhBackward(float[] h, int hOff, float[] g, int off, int n);

    /** See {@link Kernels#addInPlace}. */
    void addInPlace(float[] x, int xOff, float[] inOut, int off, int n);

    /** See {@link Kernels#scatterAddRows}: {@link #addInPlace} row by row. */
    default void scatterAddRows(float[] x, int xOff, int rows, int cols, int[] ids, int idOff, float[] grad) {
        for (int r = 0; r < rows; r++) {
            addInPlace(x, xOff + r * cols, grad, ids[idOff + r] * cols, cols);
        }
    }

    /** See {@link Kernels#softmaxCrossEntropy}. */
    double softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                               int ignoreLabel, double scale, float[] grad, int gradOff);

    /** See {@link Kernels#softmax}. */
    void softmax(float[] logits, int off, int rows, int cols, float[] out, int outOff);
}
