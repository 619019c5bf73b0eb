package dev.elman.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Kernels#runTogether}: all parts at once with a working barrier, failures reported, column products. */
class RunTogetherTest {
    @Test
    void everyPartRunsAndTheBarrierOrdersTheirPhases() {
        for (int threads = 2; threads <= 4; threads++) {
            FloatKernels k = FastKernels.best(threads);
            int steps = threads == 2 ? 500 : 50;   // more parts than cores: their spinning shares time slices
            int[] board = new int[threads];
            AtomicIntegerArray wrong = new AtomicIntegerArray(threads);
            boolean ran = k.runTogether((part, parts, barrier) -> {
                for (int step = 1; step <= steps; step++) {
                    board[part] = step;
                    barrier.await();
                    for (int q = 0; q < parts; q++) {
                        if (board[q] != step) {   // every part's write of this phase is seen after the barrier
                            wrong.incrementAndGet(part);
                        }
                    }
                    barrier.await();
                }
            });
            assertThat(ran).isTrue();
            assertThat(wrong.toString()).isEqualTo(new AtomicIntegerArray(threads).toString());
            assertThat(board).containsOnly(steps);
        }
        assertThat(FastKernels.best(1).runTogether((part, parts, barrier) -> { })).isFalse();
    }

    @Test
    void aFailingPartIsReportedAndReleasesTheOthers() {
        FloatKernels k = FastKernels.best(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.runTogether((part, parts, b) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 broke");
            }
            b.await();   // would wait forever for part 1
        }));
        assertThat(e).hasMessage("part 1 broke");
        int[] count = new int[2];
        assertThat(k.runTogether((part, parts, b) -> {
            b.await();
            count[part]++;
        })).isTrue();
        assertThat(count).containsExactly(1, 1);
    }

    @Test
    void aPartWaitingByItsOwnMeansIsReleasedWhenAnotherFails() {
        FloatKernels k = FastKernels.best(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.runTogether((part, parts, b) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 broke");
            }
            while (true) {   // a flag part 1 never sets
                b.checkOthers();
                Thread.onSpinWait();
            }
        }));
        assertThat(e).hasMessage("part 1 broke");
        int[] count = new int[2];
        assertThat(k.runTogether((part, parts, b) -> {
            b.checkOthers();
            count[part]++;
        })).isTrue();
        assertThat(count).containsExactly(1, 1);
    }

    @Test
    void columnBlocksOfAPackedProductHaveTheBitsOfTheWhole() {
        Random rnd = new Random(8);
        int m = 3;
        int n = 70;
        int k = 45;
        float[] a = GemmOracle.random(rnd, m * k);
        float[] b = GemmOracle.random(rnd, k * n);
        for (FloatKernels kern : new FloatKernels[]{FastKernels.portable(2), FastKernels.best(1)}) {
            float[] packed = new float[kern.packedRightSize(k, n)];
            kern.packRight(false, k, n, b, 0, n, packed);
            float[] whole = new float[m * n];
            kern.gemmPackedRight(m, n, k, a, 0, k, packed, false, whole, 0, n);
            float[] blocks = new float[m * n];
            kern.gemmPackedRightColumns(m, 32, n, n, k, a, 0, k, packed, blocks, 0, n);
            kern.gemmPackedRightColumns(m, 0, 32, n, k, a, 0, k, packed, blocks, 0, n);
            assertArrayEquals(whole, blocks, kern.name());
            assertThat(assertThrows(IllegalArgumentException.class, () -> kern.gemmPackedRightColumns(m, 16, n, n, k,
                    a, 0, k, packed, blocks, 0, n))).hasMessageContaining("multiple of 32");
        }
    }
}
