package dev.elman.bench;

import dev.elman.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The recurrent step products with W laid out once ({@link Kernels#packRight}) and reused at every step, as the
 * engine runs them: h(t−1)·Wᵀ forward and dL/da(t)·W backward, for the T (H = 256) and C (H = 512) configurations
 * with batch 32, and one sentence (batch 1); and the output layer h·Vᵀ with V laid out (17 classes: the narrow
 * two-panel product) over a batch's and a sentence's rows. Shapes name op(B) as stored (NT: Wᵀ, NN: W).
 */
public class PackedGemmBench extends KernelBenchmark {

    @Param({"stepP_NT_32x256x256", "dprevP_NN_32x256x256", "stepP_NT_32x512x512", "stepP_NT_1x256x256",
        "stepP_NT_32x128x128", "outputP_NT_1024x17x256", "outputP_NT_20x17x256"})
    public String shape;

    @Param({"reference", "portable", "vector", "vector-x2"})
    public String impl;

    private PackedOperands o;

    @Setup
    public void setUp() {
        o = new PackedOperands(impl, shape);
    }

    @Benchmark
    public float[] gemm() {
        Shape s = o.s;
        o.kernels.gemmPackedRight(s.m, s.n, s.k, s.a, 0, s.lda(), o.packed, false, s.c, 0, s.n);
        return s.c;
    }
}
