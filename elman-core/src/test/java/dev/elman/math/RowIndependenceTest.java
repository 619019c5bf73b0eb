package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Kernels} contract that a row's bits do not depend on the other rows of the call: every row of an m-row
 * call must equal, bit for bit, the same row computed alone or in a call with a different number of rows, at any
 * offset. Shapes are random and mostly small and odd (the remainders of vector tiles and loops).
 */
class RowIndependenceTest {

    static Stream<Kernels<float[]>> kernels() {
        List<Kernels<float[]>> list = new ArrayList<>();
        list.add(FloatReferenceKernels.INSTANCE);
        list.add(FastKernels.portable(1));
        list.add(FastKernels.portable(2));
        if (FastKernels.vectorAvailable()) {
            list.add(FastKernels.vector(1));
            list.add(FastKernels.vector(2));
        }
        return list.stream();
    }

    /** A random split of {@code [0, m)} into runs: run r covers rows {@code [cuts[r], cuts[r+1])}. */
    private static int[] cuts(Random rnd, int m, boolean single) {
        int[] cuts = new int[m + 1];
        int count = 0;
        for (int i = 0; i < m; i += single ? 1 : 1 + rnd.nextInt(4)) {
            cuts[count++] = i;
        }
        cuts[count++] = m;
        return Arrays.copyOf(cuts, count);
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(expected[i], actual[i], what + " at " + i + " (bits differ)");
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        what + " at " + i + " (bits differ)");
            }
        }
    }

    private static int small(Random rnd) {
        return 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 40 : 13);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void gemmRowsDoNotDependOnTheOtherRows(Kernels<float[]> kern) {
        Random rnd = new Random(21);
        List<int[]> shapes = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            shapes.add(new int[] {small(rnd), small(rnd), rnd.nextInt(8) == 0 ? 0 : small(rnd)});
        }
        // the network's shapes, a k above the p-block, and products large enough to be split over threads
        int[][] fixed = {{3, 6, 5}, {11, 6, 5}, {5, 6, 12}, {2, 4, 12}, {3, 12, 6}, {11, 4, 12}, {7, 20, 300},
            {67, 70, 300}, {37, 256, 129}, {130, 17, 256}};
        for (int[] s : fixed) {
            shapes.add(s);
        }
        for (int[] s : shapes) {
            for (int layout = 0; layout < 8; layout++) {
                gemmCase(kern, rnd, (layout & 1) != 0, (layout & 2) != 0, (layout & 4) != 0, s[0], s[1], s[2]);
            }
        }
    }

    private static void gemmCase(Kernels<float[]> kern, Random rnd, boolean ta, boolean tb, boolean acc,
                                 int m, int n, int k) {
        int lda = (ta ? m : k) + rnd.nextInt(3);
        int ldb = (tb ? k : n) + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int aOff = rnd.nextInt(4);
        int bOff = rnd.nextInt(4);
        int cOff = rnd.nextInt(4);
        float[] a = GemmOracle.random(rnd, aOff + (ta ? k : m) * lda + 2);
        float[] b = GemmOracle.random(rnd, bOff + (tb ? n : k) * ldb + 2);
        float[] c0 = GemmOracle.random(rnd, cOff + m * ldc + 2);
        float[] whole = c0.clone();
        kern.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, acc, whole, cOff, ldc);
        String what = kern.name() + " " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                + " acc=" + acc;
        for (boolean single : new boolean[] {true, false}) {
            int[] cuts = cuts(rnd, m, single);
            float[] parts = c0.clone();
            for (int r = 0; r + 1 < cuts.length; r++) {
                int i0 = cuts[r];
                int rows = cuts[r + 1] - i0;
                int at = aOff + (ta ? i0 : i0 * lda);
                if (single) {
                    // a private C with its own padding, so that the row sits at a different offset
                    int pad = rnd.nextInt(5);
                    float[] own = new float[pad + n + 1];
                    System.arraycopy(c0, cOff + i0 * ldc, own, pad, n);
                    kern.gemm(ta, tb, 1, n, k, a, at, lda, b, bOff, ldb, acc, own, pad, n);
                    System.arraycopy(own, pad, parts, cOff + i0 * ldc, n);
                } else {
                    kern.gemm(ta, tb, rows, n, k, a, at, lda, b, bOff, ldb, acc, parts, cOff + i0 * ldc, ldc);
                }
            }
            assertBits(whole, parts, what + (single ? " one row at a time" : " in runs"));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void rowWiseKernelsDoNotDependOnTheOtherRows(Kernels<float[]> kern) {
        Random rnd = new Random(22);
        for (int t = 0; t < 200; t++) {
            int rows = small(rnd);
            int cols = small(rnd);
            int off = rnd.nextInt(4);
            String what = kern.name() + " rows=" + rows + " cols=" + cols;
            float[] x = new float[off + rows * cols + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * 2);
            }
            float[] h = GemmOracle.random(rnd, x.length);
            float[] bias = GemmOracle.random(rnd, cols + 1);
            int width = 1 + rnd.nextInt(9);
            float[] m = GemmOracle.random(rnd, cols * width);
            int[] ids = new int[rows + 1];
            int[] labels = new int[rows + 1];
            for (int r = 0; r <= rows; r++) {
                ids[r] = rnd.nextInt(width);
                labels[r] = rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(cols);
            }
            for (int op = 0; op < 8; op++) {
                float[] whole = x.clone();
                float[] wholeOut = new float[x.length];
                double wholeLoss = rowWise(kern, op, whole, off, rows, cols, h, bias, m, width, ids, labels, wholeOut);
                float[] parts = x.clone();
                float[] partsOut = new float[x.length];
                double partsLoss = 0;
                for (int r = 0; r < rows; r++) {
                    partsLoss += rowWise(kern, op, parts, off + r * cols, 1, cols, h, bias, m, width,
                            Arrays.copyOfRange(ids, r, r + 1), Arrays.copyOfRange(labels, r, r + 1),
                            partsOut);
                }
                assertBits(whole, parts, what + " op " + op);
                assertBits(wholeOut, partsOut, what + " op " + op + " output");
                assertEquals(wholeLoss, partsLoss, what + " op " + op + " loss");
            }
        }
    }

    /**
     * Applies row-wise kernel {@code op} to {@code rows} rows of {@code x} starting at {@code off}, in place, writing
     * to {@code out} at the same offset when the kernel has a separate output.
     */
    private static double rowWise(Kernels<float[]> kern, int op, float[] x, int off, int rows, int cols, float[] h,
                                  float[] bias, float[] m, int width, int[] ids, int[] labels, float[] out) {
        int n = rows * cols;
        switch (op) {
            case 0:
                kern.activate(Activation.TANH, x, off, n);
                return 0;
            case 1:
                kern.activate(Activation.RELU, x, off, n);
                return 0;
            case 2:
                kern.activationBackward(Activation.TANH, h, off, x, off, n);
                kern.activationBackward(Activation.RELU, h, off + 1, x, off, n);
                return 0;
            case 3:
                kern.addRowVector(bias, 1, x, off, rows, cols);
                kern.addInPlace(h, off, x, off, n);
                kern.scale(x, off, n, 0.3);
                return 0;
            case 4:
                kern.addGatheredColumns(m, width, cols, ids, 0, rows, x, off);
                kern.gatherRows(m, cols, ids, 0, rows, out, off);
                return 0;
            case 5:
                kern.softmax(x, off, rows, cols, out, off);
                return 0;
            case 6:
                return kern.softmaxCrossEntropy(x, off, rows, cols, labels, 0, -1, 0.5, out, off);
            default:
                return kern.softmaxCrossEntropy(x, off, rows, cols, labels, 0, -1, 0.5, null, 0);
        }
    }
}
