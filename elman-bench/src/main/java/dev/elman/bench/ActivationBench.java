package dev.elman.bench;

import dev.elman.math.Activation;
import dev.elman.math.Kernels;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** tanh over one step (32×256) and over a whole batch (1024×256), in place on values of a typical range. */
public class ActivationBench extends KernelBenchmark {

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
