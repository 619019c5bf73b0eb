package dev.elman.math;

/**
 * Element-wise operations on float arrays for code outside the kernels (gradient sums, optimiser steps), on the
 * Vector API lanes when this JVM has them: lane-wise IEEE operations, so the same bits as the plain loops.
 */
public final class FloatArrays {
    private static final FloatMath MATH = FastKernels.fastestMath();

    private FloatArrays() {
    }

    /** {@code inOut[off+i] += x[xOff+i]} for {@code i < n}; the two ranges must not overlap. */
    public static void add(float[] x, int xOff, float[] inOut, int off, int n) {
        MATH.add(x, xOff, inOut, off, n);
    }

    /**
     * {@code inOut[off+i] = inOut[off+i] + s * x[xOff+i]} for {@code i < n}, the product rounded to float before
     * the sum (as Java evaluates the scalar expression); the two ranges must not overlap.
     */
    public static void addScaled(float[] x, int xOff, float s, float[] inOut, int off, int n) {
        MATH.addScaled(x, xOff, s, inOut, off, n);
    }
}
