package dev.elman.nn;

import dev.elman.math.Kernels;

/**
 * One workspace's copy of a cell's Wᵀ laid out for {@link Kernels#gemmPackedRight}, kept from one forward pass to
 * the next: laying out W costs about as much as a 20-step sentence's recurrence, while checking that W still holds
 * the bits it was laid out from costs one comparison. Weights changed in any way (an optimiser step, a load, a
 * test's perturbation) are seen by that comparison, so the copy is never stale.
 */
final class PackedWeights<A> {
    private A packed;
    private A source;   // the bits of W the layout was made from

    /** The layout of Wᵀ for the H×H matrix {@code w}, made afresh only if w changed since the last call. */
    A of(Kernels<A> k, A w, int hs) {
        int n = hs * hs;
        if (packed == null) {
            packed = k.alloc(k.packedRightSize(hs, hs));
            source = k.alloc(n);
        } else if (k.sameBits(w, 0, source, 0, n)) {
            return packed;
        }
        k.packRight(true, hs, hs, w, 0, hs, packed);
        k.copy(w, 0, source, 0, n);
        return packed;
    }
}
