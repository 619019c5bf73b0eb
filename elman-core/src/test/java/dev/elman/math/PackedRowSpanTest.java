package dev.elman.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Kernels#gemmPackedRowSpan}: spans of the terms, taken in order, give the bits of the whole product. */
class PackedRowSpanTest {
    private static List<FloatKernels> kernels() {
        List<FloatKernels> all = new ArrayList<>(List.of(FastKernels.portable(1), FastKernels.portable(2)));
        if (FastKernels.vectorAvailable()) {
            all.add(FastKernels.vector(1));
            all.add(FastKernels.vector(2));
        }
        return all;
    }

    @Test
    void spansInOrderHaveTheBitsOfTheWholeRow() {
        Random rnd = new Random(5);
        // widths with four-panel groups, with a part-panel tail, and with neither; k split evenly and unevenly
        int[][] shapes = {{256, 256}, {200, 96}, {70, 45}, {20, 33}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int k = shape[1];
            float[] a = GemmOracle.random(rnd, 3 + k);
            float[] b = GemmOracle.random(rnd, k * n);
            a[3] = -0f;   // a -0 first term: its sum must start from +0 as the whole product's does
            for (FloatKernels kern : kernels()) {
                assertThat(kern.splitsRowSums()).isTrue();
                float[] packed = new float[kern.packedRightSize(k, n)];
                kern.packRight(false, k, n, b, 0, n, packed);
                for (int j0 = 0; j0 < n; j0 += Kernels.COLUMN_BLOCK) {
                    int j1 = Math.min(n, j0 + 3 * Kernels.COLUMN_BLOCK);
                    float[] whole = new float[n + 2];
                    kern.gemmPackedRightColumns(1, j0, j1, n, k, a, 3, k, packed, whole, 2, n);
                    for (int[] cuts : new int[][]{{0, k}, {0, k / 2, k}, {0, 1, k / 3, k / 3, k - 1, k}}) {
                        float[] spans = new float[n + 2];
                        java.util.Arrays.fill(spans, Float.NaN);   // the first span must not read what is there
                        java.util.Arrays.fill(whole, 0, 2 + j0, Float.NaN);
                        java.util.Arrays.fill(whole, 2 + j1, n + 2, Float.NaN);
                        for (int c = 0; c + 1 < cuts.length; c++) {
                            kern.gemmPackedRowSpan(j0, j1, n, k, cuts[c], cuts[c + 1], a, 3, packed, spans, 2);
                        }
                        assertArrayEquals(whole, spans, kern.name() + " n=" + n + " k=" + k + " columns " + j0 + ".."
                                + j1 + " cuts " + java.util.Arrays.toString(cuts));
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
                () -> kern.gemmPackedRowSpan(0, 64, 64, 8, 5, 4, a, 0, packed, c, 0)))
                .hasMessageContaining("terms [5, 4) of 8");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> kern.gemmPackedRowSpan(16, 64, 64, 8, 0, 8, a, 0, packed, c, 0)))
                .hasMessageContaining("multiple of 32");
        Kernels<double[]> plain = DoubleKernels.INSTANCE;
        assertThat(plain.splitsRowSums()).isFalse();
        assertThat(assertThrows(UnsupportedOperationException.class,
                () -> plain.gemmPackedRowSpan(0, 4, 4, 2, 0, 2, new double[2], 0, new double[8], new double[4], 0)))
                .hasMessageContaining("does not split");
    }
}
