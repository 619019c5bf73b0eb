package dev.elman.math;

/**
 * The elementwise and row-wise float primitives that have a fast path: tanh, softmax, sums and the tanh derivative.
 * Semantics are those of the {@link Kernels} methods of the same names; the defaults are the plain loops.
 */
interface FloatMath {

    /** {@code inOut[off+i] += x[xOff+i]} for {@code i < n}; the two ranges do not overlap. */
    default void add(float[] x, int xOff, float[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] += x[xOff + i];
        }
    }

    /** {@code inOut[off+i] = inOut[off+i] + s * x[xOff+i]} (product rounded, then sum) for {@code i < n}. */
    default void addScaled(float[] x, int xOff, float s, float[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] = inOut[off + i] + s * x[xOff + i];
        }
    }

    /** {@code g[off+i] *= 1 - h[hOff+i]²} for {@code i < n} (tanh'(a) = 1 - h²); the ranges do not overlap. */
    default void tanhBackward(float[] h, int hOff, float[] g, int off, int n) {
        for (int i = 0; i < n; i++) {
            float hv = h[hOff + i];
            g[off + i] *= 1f - hv * hv;
        }
    }

    /** {@code x = tanh(x)} over {@code x[off, off+n)}. */
    void tanh(float[] x, int off, int n);

    /** See {@link Kernels#softmaxCrossEntropy}. */
    double softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                               int ignoreLabel, double scale, float[] grad, int gradOff);

    /** See {@link Kernels#softmax}. */
    void softmax(float[] logits, int off, int rows, int cols, float[] out, int outOff);
}
