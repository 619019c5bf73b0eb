package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FloatArrays}: the bits of the plain loops, at every length (vector body and tail) and offset. */
class FloatArraysTest {

    private static float[] values(Random rnd, int n) {
        float[] v = GemmOracle.random(rnd, n);
        float[] odd = {Float.NaN, Float.POSITIVE_INFINITY, -0f, 0f, Float.MIN_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < odd.length && i < n; i++) {
            v[rnd.nextInt(n)] = odd[i];
        }
        return v;
    }

    @Test
    void addAndAddScaledGiveThePlainLoopsBits() {
        Random rnd = new Random(12);
        for (int n : new int[] {0, 1, 7, 8, 9, 16, 33, 130}) {
            for (int shift = 0; shift < 3; shift++) {
                float[] x = values(rnd, n + 5);
                float[] y = values(rnd, n + 7);
                float s = (float) rnd.nextGaussian();
                float[] expected = y.clone();
                float[] actual = y.clone();
                for (int i = 0; i < n; i++) {
                    expected[shift + i] += x[2 + i];
                }
                FloatArrays.add(x, 2, actual, shift, n);
                assertArrayEquals(expected, actual, "add n=" + n);
                for (int i = 0; i < n; i++) {
                    expected[1 + i] = expected[1 + i] + s * x[shift + i];
                }
                FloatArrays.addScaled(x, shift, s, actual, 1, n);
                assertArrayEquals(expected, actual, "addScaled n=" + n);
            }
        }
    }
}
