package dev.elman.bench;

import dev.elman.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The products of a training step with hidden size 512, batch 32 and 3200 packed rows ("C"), without the slow
 * reference (add it with -p impl=reference,...).
 */
public class GemmLargeBench extends KernelBenchmark {

    @Param({"step_NT_32x512x512", "dprev_NN_32x512x512", "dW_TN_512x512x3200", "output_NT_3200x17x512"})
    public String shape;

    @Param({"portable", "portable-x2", "vector", "vector-x2"})
    public String impl;

    private Kernels<float[]> kernels;
    private Shape s;

    @Setup
    public void setUp() {
        kernels = Impl.of(impl);
        s = new Shape(shape, 42);
    }

    @Benchmark
    public float[] gemm() {
        kernels.gemm(s.transA, s.transB, s.m, s.n, s.k, s.a, 0, s.lda(), s.b, 0, s.ldb(), false, s.c, 0, s.n);
        return s.c;
    }
}
