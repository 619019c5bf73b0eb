package dev.elman.bench;

import dev.elman.math.Kernels;

/** A benchmark's kernels, random operands of a named shape, and op(B) laid out once by {@link Kernels#packRight}. */
final class PackedOperands {
    final Kernels<float[]> kernels;
    final Shape s;
    final float[] packed;

    PackedOperands(String impl, String shape) {
        kernels = Impl.of(impl);
        s = new Shape(shape, 42);
        packed = kernels.alloc(kernels.packedRightSize(s.k, s.n));
        kernels.packRight(s.transB, s.k, s.n, s.b, 0, s.ldb(), packed);
    }
}
