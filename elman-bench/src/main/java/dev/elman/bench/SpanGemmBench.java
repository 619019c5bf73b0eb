package dev.elman.bench;

import dev.elman.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One part's share of a sentence's split step product (one row, the first half of the columns of h(t−1)·Wᵀ): whole
 * ({@link Kernels#gemmPackedRightColumns}, as with a barrier between steps) and in two spans of the terms
 * ({@link Kernels#gemmPackedSpan}, as the parts run it without a barrier). Same bits; the spans cost a second pass
 * over the accumulators.
 */
public class SpanGemmBench extends KernelBenchmark {

    @Param({"stepP_NT_1x256x256", "stepP_NT_1x512x512"})
    public String shape;

    @Param({"portable", "vector"})
    public String impl;

    private PackedOperands o;

    @Setup
    public void setUp() {
        o = new PackedOperands(impl, shape);
    }

    @Benchmark
    public float[] halfColumns() {
        Shape s = o.s;
        o.kernels.gemmPackedRightColumns(1, 0, s.n / 2, s.n, s.k, s.a, 0, s.k, o.packed, s.c, 0, s.n);
        return s.c;
    }

    @Benchmark
    public float[] halfColumnsInTwoSpans() {
        Shape s = o.s;
        o.kernels.gemmPackedSpan(1, 0, s.n / 2, s.n, s.k, 0, s.k / 2, s.a, 0, s.k, o.packed, s.c, 0, s.n);
        o.kernels.gemmPackedSpan(1, 0, s.n / 2, s.n, s.k, s.k / 2, s.k, s.a, 0, s.k, o.packed, s.c, 0, s.n);
        return s.c;
    }
}
