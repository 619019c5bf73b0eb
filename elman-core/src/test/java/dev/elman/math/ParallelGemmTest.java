package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ParallelGemmTest {
    private static final int M = 64;
    private static final int N = 96;
    private static final int K = 200;

    private static float[] product(Kernels<float[]> kern, float[] a, float[] b) {
        float[] c = new float[M * N];
        kern.gemm(false, true, M, N, K, a, 0, K, b, 0, K, false, c, 0, N);
        return c;
    }

    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        Random rnd = new Random(4);
        float[] a = GemmOracle.random(rnd, M * K);
        float[] b = GemmOracle.random(rnd, N * K);
        FloatKernels kern = FastKernels.best(2);
        float[] expected = product(FastKernels.best(1), a, b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> product(kern, a, b)));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingPartIsReportedAndTheWorkersCarryOn() {
        Random rnd = new Random(6);
        float[] a = GemmOracle.random(rnd, M * K);
        float[] b = GemmOracle.random(rnd, N * K);
        float[] shortB = new float[N * K / 2];
        FloatKernels[][] pairs = {{FastKernels.portable(2), FastKernels.portable(1)}, {FastKernels.best(2),
            FastKernels.best(1)}};
        for (FloatKernels[] pair : pairs) {
            assertThrows(IndexOutOfBoundsException.class, () -> product(pair[0], a, shortB));
            assertArrayEquals(product(pair[1], a, b), product(pair[0], a, b), pair[0].name());
        }
    }
}
