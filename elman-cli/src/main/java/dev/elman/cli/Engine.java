package dev.elman.cli;

import dev.elman.math.FastKernels;
import dev.elman.math.Kernels;

/**
 * The one place the command line picks its float kernels: the Vector API kernels when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (as {@code bin/elman} does), else the portable plain-Java ones;
 * {@code -Delman.kernels=portable} forces the latter.
 */
final class Engine {
    private Engine() {
    }

    /** Kernels that split large products over the machine's cores (for tagging and evaluation). */
    static Kernels<float[]> kernels() {
        return FastKernels.best();
    }

    /** Kernels with the given number of threads (training shards batches instead, with one thread each). */
    static Kernels<float[]> kernels(int threads) {
        return FastKernels.best(threads);
    }

    /** What a training run uses: its kernels and how many shards run them. */
    static String describe(Kernels<float[]> used, int shards) {
        return shards + (shards == 1 ? " shard" : " shards") + " × kernels " + used.name()
                + (FastKernels.vectorAvailable() ? ""
                : " (start java with --add-modules jdk.incubator.vector for the Vector API kernels)")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
