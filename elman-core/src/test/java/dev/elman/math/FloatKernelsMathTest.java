package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FloatKernelsMathTest {
    private static final Kernels<float[]> REF = FloatReferenceKernels.INSTANCE;

    static Stream<FloatKernels> kernels() {
        List<FloatKernels> list = new ArrayList<>();
        list.add(FastKernels.portable(1));
        if (FastKernels.vectorAvailable()) {
            list.add(FastKernels.vector(2));
        }
        return list.stream();
    }

    private static double ulpError(float got, double exact) {
        return Math.abs(got - exact) / Math.ulp((float) exact);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void tanhIsWithinTwoUlpOfMathTanh(FloatKernels kern) {
        int hi = Float.floatToRawIntBits(20f);
        int n = 1 << 16;
        float[] x = new float[n];
        double worst = 0;
        for (int base = 0; base < hi; base += 1021 * n) {
            int count = 0;
            for (int bits = base; bits < hi && count < n; bits += 1021) {
                float v = Float.intBitsToFloat(bits);
                x[count++] = (count & 1) == 0 ? v : -v;
            }
            float[] y = x.clone();
            kern.activate(Activation.TANH, y, 0, count);
            for (int i = 0; i < count; i++) {
                worst = Math.max(worst, ulpError(y[i], Math.tanh(x[i])));
            }
        }
        assertTrue(worst <= 2, kern.name() + " tanh error " + worst + " ulp");
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            -Float.MIN_VALUE, 100f, -100f, 0.625f, -0.62499994f, 1e-20f};
        float[] y = special.clone();
        kern.activate(Activation.TANH, y, 0, y.length);
        assertTrue(Float.isNaN(y[0]), "tanh(NaN)");
        for (int i = 1; i < special.length; i++) {
            float expected = (float) Math.tanh(special[i]);
            assertEquals(expected, y[i], Math.ulp(expected) * 2, kern.name() + " tanh(" + special[i] + ")");
            if (expected == 0f) {
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[i]), "sign of zero");
            }
        }
    }

    /** Gaussian values ×3 with NaN, ±inf, ±0, the smallest subnormal and 9 at every {@code every}-th place. */
    private static float[] withSpecials(Random rnd, int n, int every) {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, 9f};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % every == 0 ? special[(i / every) % special.length] : (float) rnd.nextGaussian() * 3;
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void addActivateIsAnAddThenTheActivation(FloatKernels kern) {
        Random rnd = new Random(3);
        for (int n : new int[]{1, 7, 8, 13, 128, 517, 1300}) {
            float[] x = withSpecials(rnd, n + 5, 11);
            float[] h = withSpecials(rnd, n + 9, 13);
            for (Activation f : Activation.values()) {
                float[] expected = h.clone();
                kern.addInPlace(x, 5, expected, 2, n);
                kern.activate(f, expected, 2, n);
                float[] got = h.clone();
                kern.addActivate(f, x, 5, got, 2, n);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                            kern.name() + " " + f + " n=" + n + " i=" + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void addActivateIntoIsAddActivateOnACopy(FloatKernels kern) {
        Random rnd = new Random(4);
        for (int n : new int[]{1, 7, 8, 13, 128, 517}) {
            float[] x = withSpecials(rnd, n + 5, 11);
            float[] y = withSpecials(rnd, n + 3, 13);
            float[] x0 = x.clone();
            float[] y0 = y.clone();
            for (Activation f : Activation.values()) {
                float[] expected = new float[n + 9];
                Arrays.fill(expected, 42f);
                System.arraycopy(y, 3, expected, 6, n);
                kern.addActivate(f, x, 5, expected, 6, n);
                float[] got = new float[n + 9];
                Arrays.fill(got, 42f);
                kern.addActivateInto(f, x, 5, y, 3, got, 6, n);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                            kern.name() + " " + f + " n=" + n + " i=" + i);
                }
                assertArrayEquals(x0, x, "x is left as it was");
                assertArrayEquals(y0, y, "y is left as it was");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void tanhOnlyTouchesItsRange(FloatKernels kern) {
        float[] x = {5f, 0.5f, -0.5f, 2f, -3f, 0.1f, 7f, -1f, 0.3f, 4f, 9f, -9f, 1f};
        float[] y = x.clone();
        kern.activate(Activation.TANH, y, 2, 10);
        assertEquals(5f, y[0]);
        assertEquals(0.5f, y[1]);
        assertEquals(1f, y[12]);
        for (int i = 2; i < 12; i++) {
            assertEquals(Math.tanh(x[i]), y[i], 2 * Math.ulp(y[i]));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void softmaxCrossEntropyMatchesTheReference(FloatKernels kern) {
        Random rnd = new Random(3);
        for (int cols : new int[] {1, 2, 7, 17, 64, 1001}) {
            int rows = 9;
            int off = 3;
            float[] logits = new float[off + rows * cols];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (rnd.nextGaussian() * 4);
            }
            logits[off] = 80f; // a large logit must not overflow
            int[] labels = new int[rows + 1];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = rnd.nextInt(cols);
            }
            labels[1 + 4] = -100;
            float[] grad = new float[2 + rows * cols];
            float[] refGrad = new float[grad.length];
            double loss = kern.softmaxCrossEntropy(logits, off, rows, cols, labels, 1, -100, 0.25, grad, 2);
            double refLoss = REF.softmaxCrossEntropy(logits, off, rows, cols, labels, 1, -100, 0.25, refGrad, 2);
            assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss) + 1e-6, kern.name() + " loss, cols=" + cols);
            assertEquals(loss, kern.softmaxCrossEntropy(logits, off, rows, cols, labels, 1, -100, 0.25, null, 0),
                    kern.name() + " loss without gradient");
            for (int i = 0; i < grad.length; i++) {
                assertEquals(refGrad[i], grad[i], 1e-6 + 1e-5 * Math.abs(refGrad[i]), kern.name() + " grad " + i);
            }
            float[] p = new float[rows * cols];
            float[] refP = new float[rows * cols];
            kern.softmax(logits, off, rows, cols, p, 0);
            REF.softmax(logits, off, rows, cols, refP, 0);
            for (int i = 0; i < p.length; i++) {
                assertEquals(refP[i], p[i], 1e-7 + 1e-5 * refP[i], kern.name() + " softmax " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void softmaxCrossEntropyRejectsBadLabels(FloatKernels kern) {
        float[] logits = new float[6];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kern.softmaxCrossEntropy(logits, 0, 2, 3, new int[] {0, 3}, 0, -1, 1, null, 0));
        assertTrue(e.getMessage().contains("labels[1] = 3"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oneHotProductsWithMoreRowsThanColumnsMatchTheReferenceExactly(FloatKernels kern) {
        Random rnd = new Random(9);
        int width = 5;    // M is cols × width; the fast kernels go through a transposed copy when rows >= width
        int cols = 13;
        int rows = 40;
        int[] ids = new int[rows + 2];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rnd.nextInt(width);
        }
        float[] m = GemmOracle.random(rnd, cols * width);
        float[] x = GemmOracle.random(rnd, 3 + rows * cols);
        float[] out = GemmOracle.random(rnd, 1 + rows * cols);
        float[] outRef = out.clone();
        float[] grad = GemmOracle.random(rnd, cols * width);
        float[] gradRef = grad.clone();
        kern.addGatheredColumns(m, width, cols, ids, 2, rows, out, 1);
        REF.addGatheredColumns(m, width, cols, ids, 2, rows, outRef, 1);
        kern.scatterAddColumns(x, 3, rows, cols, ids, 1, grad, width);
        REF.scatterAddColumns(x, 3, rows, cols, ids, 1, gradRef, width);
        assertArrayEquals(outRef, out);
        assertArrayEquals(gradRef, grad);
        ids[5] = width;
        assertThrows(IndexOutOfBoundsException.class, () -> kern.scatterAddColumns(x, 3, rows, cols, ids, 1, grad,
                width));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void simpleKernelsMatchTheReferenceExactly(FloatKernels kern) {
        Random rnd = new Random(8);
        int rows = 5;
        int cols = 11;
        float[] x = GemmOracle.random(rnd, 3 + rows * cols);
        float[] bias = GemmOracle.random(rnd, 2 + cols);
        float[] table0 = GemmOracle.random(rnd, 7 * cols);
        float[][] tables = {table0, table0.clone()};
        int[] ids = {9, 1, 6, 0, 6, 2};
        float[][] pair = {GemmOracle.random(rnd, 4 + rows * cols), null};
        pair[1] = pair[0].clone();
        Kernels<float[]>[] both = cast(kern, REF);
        for (int w = 0; w < 2; w++) {
            Kernels<float[]> k = both[w];
            float[] t = pair[w];
            float[] table = tables[w];
            k.addInPlace(x, 3, t, 1, 20);
            k.addRowVector(bias, 2, t, 0, rows, cols);
            k.addColumnSums(x, 3, rows, cols, t, 4);
            k.activationBackward(Activation.TANH, x, 1, t, 2, 30);
            k.activationBackward(Activation.RELU, x, 0, t, 5, 30);
            k.activate(Activation.RELU, t, 3, 40);
            k.gatherRows(table, cols, ids, 1, 4, t, 2);
            k.scatterAddRows(x, 3, 4, cols, ids, 1, table);
            k.addGatheredColumns(table, 7, cols, ids, 1, 3, t, 1);
            k.scatterAddColumns(x, 0, 3, cols, ids, 2, table, 7);
            k.scale(t, 2, 9, 0.37);
            k.fill(t, 50, 3, 0.5);
            k.copy(x, 1, t, 40, 7);
        }
        assertArrayEquals(pair[1], pair[0]);
        assertArrayEquals(tables[1], tables[0]);
        assertEquals(REF.sumOfSquares(x, 2, 30), kern.sumOfSquares(x, 2, 30));
        x[9] = Float.NaN;
        assertTrue(kern.hasNonFinite(x, 0, 10));
        assertFalse(kern.hasNonFinite(x, 10, 10));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void rowAddsAndTanhBackwardOverSeveralVectorsMatchTheReference(FloatKernels kern) {
        Random rnd = new Random(9);
        int cols = 37;   // four 8-lane vectors and a tail of five
        float[] x = GemmOracle.random(rnd, 2 + 3 * cols);
        float[] got = GemmOracle.random(rnd, 5 * cols);
        float[] want = got.clone();
        int[] ids = {4, 0, 4};
        kern.scatterAddRows(x, 2, 3, cols, ids, 0, got);
        REF.scatterAddRows(x, 2, 3, cols, ids, 0, want);
        kern.addInPlace(x, 1, got, 3, 2 * cols);
        REF.addInPlace(x, 1, want, 3, 2 * cols);
        kern.activationBackward(Activation.TANH, x, 2, got, 1, 3 * cols);
        REF.activationBackward(Activation.TANH, x, 2, want, 1, 3 * cols);
        assertArrayEquals(want, got);
        assertThrows(IndexOutOfBoundsException.class, () -> kern.scatterAddRows(x, 2, 1, cols, new int[] {5}, 0,
                got));
        assertThrows(IndexOutOfBoundsException.class, () -> kern.scatterAddRows(x, 2, 1, cols, new int[] {-1}, 0,
                got));
    }

    @SuppressWarnings("unchecked")
    private static Kernels<float[]>[] cast(Kernels<float[]> a, Kernels<float[]> b) {
        return new Kernels[] {a, b};
    }
}
