package dev.elman.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Kernels#gemmPackedSpan}: spans of the terms, taken in order, give the bits of the whole product. */
class PackedSpanTest {
    private static List<FloatKernels> kernels() {
        List<FloatKernels> all = new ArrayList<>(List.of(FastKernels.portable(1), FastKernels.portable(2)));
        if (FastKernels.vectorAvailable()) {
            all.add(FastKernels.vector(1));
            all.add(FastKernels.vector(2));
        }
        return all;
    }

    @Test
    void spansInOrderHaveTheBitsOfTheWholeProduct() {
        Random rnd = new Random(5);
        // {m, n, k}: four-panel groups, a part-panel tail, two panels wide (an output layer), one panel, odd rows
        int[][] shapes = {{1, 256, 256}, {1, 200, 96}, {3, 70, 45}, {20, 17, 256}, {5, 32, 33}, {2, 20, 33},
                {1, 5, 9}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            int lda = k + 3;
            int ldc = n + 2;
            float[] a = GemmOracle.random(rnd, 3 + m * lda);
            float[] b = GemmOracle.random(rnd, k * n);
            a[3] = -0f;   // a -0 first term: its sum must start from +0 as the whole product's does
            for (FloatKernels kern : kernels()) {
                assertThat(kern.splitsSums()).isTrue();
                float[] packed = new float[kern.packedRightSize(k, n)];
                Arrays.fill(packed, Float.NaN);   // what the layout leaves unwritten (its lead) must never be read
                kern.packRight(false, k, n, b, 0, n, packed);
                for (int j0 = 0; j0 < n; j0 += Kernels.COLUMN_BLOCK) {
                    int j1 = Math.min(n, j0 + 3 * Kernels.COLUMN_BLOCK);
                    float[] whole = new float[1 + m * ldc];
                    kern.gemmPackedRightColumns(m, j0, j1, n, k, a, 3, lda, packed, whole, 1, ldc);
                    for (int[] cuts : new int[][]{{0, k}, {0, k / 2, k}, {0, 1, k / 3, k / 3, k - 1, k}}) {
                        float[] spans = new float[whole.length];
                        Arrays.fill(spans, Float.NaN);   // the first span must not read what is there
                        for (int c = 0; c + 1 < cuts.length; c++) {
                            kern.gemmPackedSpan(m, j0, j1, n, k, cuts[c], cuts[c + 1], a, 3, lda, packed, spans, 1,
                                    ldc);
                        }
                        for (int i = 0; i < m; i++) {
                            int at = 1 + i * ldc;
                            assertArrayEquals(Arrays.copyOfRange(whole, at + j0, at + j1),
                                    Arrays.copyOfRange(spans, at + j0, at + j1), kern.name() + " " + m + "x" + n
                                            + "x" + k + " row " + i + " columns " + j0 + ".." + j1 + " cuts "
                                            + Arrays.toString(cuts));
                            for (int j = 0; j < ldc; j++) {
                                if (j < j0 || j >= j1) {
                                    assertThat(spans[at + j]).as("column %d outside the span", j).isNaN();
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void badSpansAreRefusedAndKernelsWithoutSpansSaySo() {
        FloatKernels kern = FastKernels.best(1);
        float[] packed = new float[kern.packedRightSize(8, 64)];
        float[] a = new float[8];
        float[] c = new float[64];
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> kern.gemmPackedSpan(1, 0, 64, 64, 8, 5, 4, a, 0, 8, packed, c, 0, 64)))
                .hasMessageContaining("terms [5, 4) of 8");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> kern.gemmPackedSpan(1, 16, 64, 64, 8, 0, 8, a, 0, 8, packed, c, 0, 64)))
                .hasMessageContaining("multiple of 32");
        Kernels<double[]> plain = DoubleKernels.INSTANCE;
        assertThat(plain.splitsSums()).isFalse();
        assertThat(assertThrows(UnsupportedOperationException.class, () -> plain.gemmPackedSpan(1, 0, 4, 4, 2, 0, 2,
                new double[2], 0, 2, new double[8], new double[4], 0, 4))).hasMessageContaining("does not split");
    }
}
