package dev.elman.bench;

import dev.elman.math.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The products of a training step with hidden size 512, batch 32 and 3200 packed rows ("C"), without the slow
 * reference (add it with -p impl=reference,...).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmLargeBench {

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
