package dev.elman.nn;

import dev.elman.math.FloatReferenceKernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutMaskTest {

    /** The mask as written with nextDouble(), element by element. */
    private static float[] byNextDouble(long seed, double p, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double keep = 1 / (1 - p);
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (float) (rng.nextDouble() < p ? 0 : keep);
        }
        return m;
    }

    @Test
    void sameMasksAsComparingNextDoubleWithP() {
        // 0.5 and 0.25 put p·2^53 on an integer, where < and <= would differ; the tiny and near-1 rates test the ends
        for (double p : new double[]{0.3, 0.5, 0.25, 0.1, 1e-12, 0.999999, 0x1p-53, 1 - 0x1p-53}) {
            int n = 50_000;
            float[] mask = new float[n];
            SplittableRandom rng = new SplittableRandom(42);
            DropoutMask.draw(FloatReferenceKernels.INSTANCE, rng, p, mask, n);
            float[] expected = byNextDouble(42, p, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(mask[i]),
                        "p=" + p + " i=" + i);
            }
            SplittableRandom fresh = new SplittableRandom(42);
            for (int i = 0; i < n; i++) {
                fresh.nextLong();
            }
            assertEquals(fresh.nextLong(), rng.nextLong(), "p=" + p + ": one draw per element");
        }
    }

    @Test
    void theThresholdIsWhereNextDoubleCrossesP() {
        // random draws almost never land on the boundary, so test it directly: u·2^-53 < p flips exactly there
        for (double p : new double[]{0.3, 0.5, 0.25, 0.1, 1e-12, 0.999999, 0x1p-53, 1 - 0x1p-53, 0.7}) {
            long t = DropoutMask.dropBelow(p);
            assertTrue((t - 1) * 0x1p-53 < p, "p=" + p + ": u = t-1 is dropped");
            assertTrue(t * 0x1p-53 >= p, "p=" + p + ": u = t is kept");
        }
    }
}
