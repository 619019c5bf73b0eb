package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FloatKernelsGemmTest {
    private static final Kernels<float[]> REF = FloatReferenceKernels.INSTANCE;

    /** Shapes m, n, k: tiny, odd, around the vector and block widths, and one above the parallel threshold. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 3}, {3, 1, 5}, {5, 9, 17}, {4, 16, 16}, {7, 33, 31}, {13, 40, 8}, {9, 17, 65},
        {33, 65, 20}, {2, 70, 129}, {64, 48, 1}, {3, 5, 0}, {40, 72, 300}, {130, 36, 97}, {70, 20, 530},
    };

    static Stream<FloatKernels> kernels() {
        List<FloatKernels> list = new ArrayList<>();
        list.add(FastKernels.portable(1));
        list.add(FastKernels.portable(2));
        if (FastKernels.vectorAvailable()) {
            list.add(FastKernels.vector(1));
            list.add(FastKernels.vector(3));
        }
        return list.stream();
    }

    private static boolean isVector(Kernels<float[]> k) {
        return k.name().startsWith("float-vector");
    }

    /** One random product with offsets and padded leading dimensions; returns {ours, reference, expected-order}. */
    private static float[][] product(Kernels<float[]> kern, long seed, boolean ta, boolean tb, int m, int n, int k,
                                     boolean acc) {
        Random rnd = new Random(seed);
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int lda = aCols + rnd.nextInt(4);
        int ldb = bCols + rnd.nextInt(4);
        int ldc = n + rnd.nextInt(4);
        int aOff = rnd.nextInt(5);
        int bOff = rnd.nextInt(5);
        int cOff = rnd.nextInt(5);
        float[] a = GemmOracle.random(rnd, aOff + aRows * lda + 3);
        float[] b = GemmOracle.random(rnd, bOff + bRows * ldb + 3);
        float[] c0 = GemmOracle.random(rnd, cOff + m * ldc + 3);
        float[] ours = c0.clone();
        float[] ref = c0.clone();
        float[] ordered = c0.clone();
        kern.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, acc, ours, cOff, ldc);
        REF.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, acc, ref, cOff, ldc);
        GemmOracle.vectorOrder(VectorLanesProbe.lanes(), ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, acc, ordered,
                cOff, ldc);
        float[] magnitude = new float[c0.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                magnitude[cOff + i * ldc + j] = (float) GemmOracle.magnitude(ta, tb, i, j, k, a, aOff, lda, b, bOff,
                        ldb, acc ? c0[cOff + i * ldc + j] : 0f);
            }
        }
        return new float[][] {ours, ref, ordered, magnitude, c0};
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void matchesTheReferenceOnEveryLayout(FloatKernels kern) {
        long seed = 11;
        for (int[] s : SHAPES) {
            for (int layout = 0; layout < 8; layout++) {
                boolean ta = (layout & 1) != 0;
                boolean tb = (layout & 2) != 0;
                boolean acc = (layout & 4) != 0;
                float[][] r = product(kern, seed++, ta, tb, s[0], s[1], s[2], acc);
                String what = kern.name() + " " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + s[0] + " n=" + s[1]
                        + " k=" + s[2] + " acc=" + acc;
                for (int i = 0; i < r[0].length; i++) {
                    double tol = 1e-5 * r[3][i] + 1e-30;
                    assertEquals(r[1][i], r[0][i], tol, what + " at " + i);
                }
                if (isVector(kern)) {
                    assertArrayEquals(r[2], r[0], what + ": not the documented fma order");
                } else {
                    assertArrayEquals(r[1], r[0], what + ": portable must be bit-identical to the reference");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void rowsGetTheSameBitsAloneOrInABatch(FloatKernels kern) {
        Random rnd = new Random(5);
        for (int layout = 0; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            for (int[] s : new int[][] {{37, 50, 67}, {32, 256, 256}, {9, 17, 8}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int lda = ta ? m : k;
                int ldb = tb ? k : n;
                float[] a = GemmOracle.random(rnd, m * k);
                float[] b = GemmOracle.random(rnd, n * k);
                float[] all = new float[m * n];
                kern.gemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, false, all, 0, n);
                for (int r0 = 0; r0 < m; r0 += 3) {
                    for (int rows : new int[] {1, 2, 3, 5, 8}) {
                        if (r0 + rows > m) {
                            continue;
                        }
                        float[] part = new float[rows * n];
                        int aOff = ta ? r0 : r0 * lda;
                        kern.gemm(ta, tb, rows, n, k, a, aOff, lda, b, 0, ldb, false, part, 0, n);
                        for (int i = 0; i < rows * n; i++) {
                            assertEquals(Float.floatToRawIntBits(all[r0 * n + i]), Float.floatToRawIntBits(part[i]),
                                    kern.name() + " layout " + layout + " rows " + r0 + "+" + rows + " at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void bitsDoNotDependOnTheThreadCount() {
        Random rnd = new Random(9);
        int m = 96;
        int n = 200;
        int k = 130;
        float[] a = GemmOracle.random(rnd, n * k);
        float[] b = GemmOracle.random(rnd, n * k);
        for (boolean vector : new boolean[] {false, true}) {
            if (vector && !FastKernels.vectorAvailable()) {
                continue;
            }
            for (int layout = 0; layout < 4; layout++) {
                boolean ta = (layout & 1) != 0;
                boolean tb = (layout & 2) != 0;
                float[][] first = new float[2][];
                for (int threads = 1; threads <= 4; threads++) {
                    FloatKernels kern = vector ? FastKernels.vector(threads) : FastKernels.portable(threads);
                    int[][] shapes = {{m, n}, {n, m}};
                    for (int s = 0; s < 2; s++) {
                        int rows = shapes[s][0];
                        int cols = shapes[s][1];
                        float[] c = new float[rows * cols];
                        kern.gemm(ta, tb, rows, cols, k, a, 0, ta ? rows : k, b, 0, tb ? k : cols, false, c, 0, cols);
                        if (first[s] == null) {
                            first[s] = c;
                        } else {
                            assertArrayEquals(first[s], c, kern.name() + " layout " + layout + " " + rows + "x" + cols);
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorKernelsAreChosenWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present, FastKernels.vectorAvailable());
        assertEquals(present ? "float-vector-x3" : "float-portable-x3", FastKernels.best(3).name());
        assertEquals(3, FastKernels.best(3).threads());
        Assumptions.assumeTrue(present, "surefire runs with --add-modules jdk.incubator.vector");
        assertTrue(VectorLanesProbe.lanes() >= 4);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> FastKernels.portable(0));
        FloatKernels kern = FastKernels.portable(1);
        float[] x = new float[4];
        assertThrows(IllegalArgumentException.class, () -> kern.gemm(false, false, -1, 1, 1, x, 0, 1, x, 0, 1, false,
                x, 0, 1));
    }
}
