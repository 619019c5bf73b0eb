package dev.elman.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species the vector kernels use and the few lane helpers they share.
 *
 * <p>The species is the platform's preferred one (e.g. 256 bits on AVX2, where a 512-bit species would not be
 * intrinsified and would run boxed, hundreds of times slower), capped at 16 lanes; the kernels support 4, 8 or 16.
 * Everything here is a {@code static final} constant so that C2 can intrinsify the operations and keep vectors in
 * registers.
 */
final class VectorLanes {
    static final VectorSpecies<Float> S = pickSpecies();
    static final int L = S.length();

    // For 8 lanes only: the masks and shuffles of the in-register transposing reduction (see fold).
    static final VectorMask<Float> BIT2 = L == 8 ? VectorMask.fromLong(S, 0xF0) : null;
    static final VectorMask<Float> BIT1 = L == 8 ? VectorMask.fromLong(S, 0xCC) : null;
    static final VectorMask<Float> BIT0 = L == 8 ? VectorMask.fromLong(S, 0xAA) : null;
    static final VectorShuffle<Float> XOR4 = L == 8 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    static final VectorShuffle<Float> XOR2 = L == 8 ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
    static final VectorShuffle<Float> XOR1 = L == 8 ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;


    private VectorLanes() {
    }

    private static VectorSpecies<Float> pickSpecies() {
        // elman.vector.bits (128, 256 or 512) overrides the choice, to test the other lane counts: a species wider
        // than the hardware's is not intrinsified and runs the Java fallback, boxed and very slow
        switch (Integer.getInteger("elman.vector.bits", 0)) {
            case 128:
                return FloatVector.SPECIES_128;
            case 256:
                return FloatVector.SPECIES_256;
            case 512:
                return FloatVector.SPECIES_512;
            default:
                VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
                return preferred.length() > 16 ? FloatVector.SPECIES_512 : preferred;
        }
    }

    /** True if the species is wide enough for the kernels to pay (at least 4 float lanes). */
    static boolean usable() {
        return L == 4 || L == 8 || L == 16;
    }

    /**
     * Finishes a dot product whose L lane partials were stored at {@code t[o..o+L)}: adds them in a fixed tree
     * (lane {@code l} with lane {@code l + L/2} for {@code l < L/2}, then with {@code l + L/4}, ... down to one), then
     * the tail {@code p in [kv, k)} sequentially with fma.
     *
     * <p>The lanes go through memory on purpose: reducing each accumulator in registers ({@code rearrange} folds)
     * bloats the kernels past C2's inlining node budget, which then boxes vectors; {@code reduceLanes(ADD)} does not
     * promise an order, so its bits could change between the interpreter and C2.
     */
    static float dot(float[] t, int o, int k, int kv, float[] a, int a0, float[] b, int b0) {
        float s = L == 8 ? sum8(t, o) : L == 16 ? sum8(t, o, 8) : sum4(t, o);
        for (int p = kv; p < k; p++) {
            s = Math.fma(a[a0 + p], b[b0 + p], s);
        }
        return s;
    }

    private static float sum4(float[] t, int o) {
        return (t[o] + t[o + 2]) + (t[o + 1] + t[o + 3]);
    }

    private static float sum8(float[] t, int o) {
        return ((t[o] + t[o + 4]) + (t[o + 2] + t[o + 6])) + ((t[o + 1] + t[o + 5]) + (t[o + 3] + t[o + 7]));
    }

    /** The 16-lane tree: first lane l with lane l + 8, then the 8-lane tree of those sums. */
    private static float sum8(float[] t, int o, int h) {
        float q0 = t[o] + t[o + h];
        float q1 = t[o + 1] + t[o + 1 + h];
        float q2 = t[o + 2] + t[o + 2 + h];
        float q3 = t[o + 3] + t[o + 3 + h];
        float q4 = t[o + 4] + t[o + 4 + h];
        float q5 = t[o + 5] + t[o + 5 + h];
        float q6 = t[o + 6] + t[o + 6 + h];
        float q7 = t[o + 7] + t[o + 7 + h];
        return ((q0 + q4) + (q2 + q6)) + ((q1 + q5) + (q3 + q7));
    }

    /**
     * One step of the tree of {@link #dot} applied to two accumulators at once: lane l (bit d of l clear) gets
     * {@code x[l] + x[l^d]}, lane l (bit d set) gets {@code y[l] + y[l^d]}, where {@code m} selects the lanes with
     * bit d set and {@code xor} maps l to l^d. Three such steps turn 8 accumulators into one vector of their 8 sums,
     * each added in exactly the order of {@link #dot}. Tiny, so that C2 inlines it even at cold call sites.
     */
    static FloatVector fold(FloatVector x, FloatVector y, VectorMask<Float> m, VectorShuffle<Float> xor) {
        return x.blend(y, m).add(y.blend(x, m).rearrange(xor));
    }

    /** {@code c[at] = s}, or {@code += s} when accumulating. */
    static void put(float s, boolean acc, float[] c, int at) {
        c[at] = acc ? c[at] + s : s;
    }
}
