package dev.elman.bench;

import dev.elman.math.Kernels;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Softmax cross-entropy with gradient: 1024 rows of 17 classes, and 64 rows of a 10000-word vocabulary. */
public class SoftmaxBench extends KernelBenchmark {

    @Param({"1024x17", "64x10000"})
    public String shape;

    @Param({"reference", "portable", "vector"})
    public String impl;

    private Kernels<float[]> kernels;
    private int rows;
    private int cols;
    private float[] logits;
    private float[] grad;
    private int[] labels;

    @Setup
    public void setUp() {
        kernels = Impl.of(impl);
        String[] d = shape.split("x");
        rows = Integer.parseInt(d[0]);
        cols = Integer.parseInt(d[1]);
        Random rnd = new Random(3);
        logits = new float[rows * cols];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (rnd.nextGaussian() * 3);
        }
        labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = rnd.nextInt(cols);
        }
        grad = new float[rows * cols];
    }

    @Benchmark
    public double softmaxCrossEntropy() {
        return kernels.softmaxCrossEntropy(logits, 0, rows, cols, labels, 0, -1, 1.0 / rows, grad, 0);
    }
}
