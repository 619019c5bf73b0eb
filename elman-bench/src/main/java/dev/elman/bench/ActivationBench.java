package dev.elman.bench;

import dev.elman.math.Activation;
import dev.elman.math.Kernels;
import java.util.Random;
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

/** tanh over one step (32×256) and over a whole batch (1024×256), in place on values of a typical range. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationBench {

    @Param({"8192", "262144"})
    public int n;

    @Param({"reference", "portable", "vector"})
    public String impl;

    private Kernels<float[]> kernels;
    private float[] source;
    private float[] x;

    @Setup
    public void setUp() {
        kernels = Impl.of(impl);
        Random rnd = new Random(7);
        source = new float[n];
        for (int i = 0; i < n; i++) {
            source[i] = (float) (rnd.nextGaussian() * 2);
        }
        x = new float[n];
    }

    @Benchmark
    public float[] tanh() {
        System.arraycopy(source, 0, x, 0, n);
        kernels.activate(Activation.TANH, x, 0, n);
        return x;
    }
}
