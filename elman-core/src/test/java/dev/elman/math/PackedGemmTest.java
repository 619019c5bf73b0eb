package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Kernels#gemmPackedRight}: the same bits as the plain NN product over op(B), whatever the row count. */
class PackedGemmTest {

    /**
     * m, n, k: single rows, the 6-row strips and their remainders, partial panels, products two panels wide (rows in
     * pairs, an odd last one, widths on either side of a panel and a half), the parallel split.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 16, 5}, {1, 70, 33}, {1, 256, 256}, {2, 9, 4}, {5, 31, 17}, {6, 16, 16}, {7, 48, 9},
        {11, 65, 40}, {13, 130, 3}, {32, 256, 256}, {32, 128, 128}, {3, 5, 0}, {0, 4, 4}, {40, 100, 300},
        {1, 17, 256}, {20, 17, 256}, {7, 32, 9}, {4, 20, 0}, {0, 17, 3}, {33, 24, 70}, {3, 25, 19},
        {9, 23, 31},
    };

    static Stream<Kernels<float[]>> kernels() {
        Stream<Kernels<float[]>> more = FastKernels.vectorAvailable() ? Stream.of(FastKernels.vector(3)) : Stream.empty();
        return Stream.concat(RowIndependenceTest.kernels(), more);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void packedProductsGiveThePlainProductsBits(Kernels<float[]> kern) {
        Random rnd = new Random(3);
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int layout = 0; layout < 4; layout++) {
                boolean tb = (layout & 1) != 0;
                boolean acc = (layout & 2) != 0;
                int lda = k + 2;
                int ldb = (tb ? k : n) + 1;
                int ldc = n + 3;
                float[] a = GemmOracle.random(rnd, 1 + m * lda);
                float[] b = GemmOracle.random(rnd, 2 + (tb ? n : k) * ldb);
                float[] c0 = GemmOracle.random(rnd, 3 + m * ldc);
                float[] opB = new float[k * n];   // op(B), row-major k×n
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        opB[p * n + j] = tb ? b[2 + j * ldb + p] : b[2 + p * ldb + j];
                    }
                }
                float[] expected = c0.clone();
                kern.gemm(false, false, m, n, k, a, 1, lda, opB, 0, n, acc, expected, 3, ldc);
                float[] packed = kern.alloc(kern.packedRightSize(k, n));
                Arrays.fill(packed, Float.NaN);   // what the layout leaves unwritten (its lead) must never be read
                kern.packRight(tb, k, n, b, 2, ldb, packed);
                float[] actual = c0.clone();
                kern.gemmPackedRight(m, n, k, a, 1, lda, packed, acc, actual, 3, ldc);
                assertArrayEquals(expected, actual, kern.name() + " m=" + m + " n=" + n + " k=" + k + " transB=" + tb
                        + " acc=" + acc);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void aRowGetsTheSameBitsAloneOrInABatch(Kernels<float[]> kern) {
        Random rnd = new Random(8);
        int m = 32;
        int n = 96;
        int k = 70;
        float[] a = GemmOracle.random(rnd, m * k);
        float[] b = GemmOracle.random(rnd, n * k);
        float[] packed = kern.alloc(kern.packedRightSize(k, n));
        kern.packRight(true, k, n, b, 0, k, packed);
        float[] all = new float[m * n];
        kern.gemmPackedRight(m, n, k, a, 0, k, packed, false, all, 0, n);
        for (int r0 = 0; r0 < m; r0 += 5) {
            for (int rows : new int[] {1, 2, 3, 6, 7}) {
                if (r0 + rows > m) {
                    continue;
                }
                float[] part = new float[rows * n];
                kern.gemmPackedRight(rows, n, k, a, r0 * k, k, packed, false, part, 0, n);
                for (int i = 0; i < part.length; i++) {
                    assertEquals(Float.floatToRawIntBits(all[r0 * n + i]), Float.floatToRawIntBits(part[i]),
                            kern.name() + " rows " + r0 + "+" + rows + " at " + i);
                }
            }
        }
    }
}
