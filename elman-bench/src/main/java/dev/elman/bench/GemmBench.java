package dev.elman.bench;

import dev.elman.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The products of a training step with hidden size 256, batch 32 and 1024 packed rows ("T"): the recurrent step
 * and its gradient, the input projection, dW, and the output layer with 17 classes.
 */
public class GemmBench extends KernelBenchmark {

    @Param({"step_NT_32x256x256", "dprev_NN_32x256x256", "input_NT_1024x256x128", "dW_TN_256x256x1024",
        "output_NT_1024x17x256", "dout_NN_1024x256x17", "dV_TN_17x256x1024"})
    public String shape;

    @Param({"reference", "portable", "portable-x2", "vector", "vector-x2"})
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
