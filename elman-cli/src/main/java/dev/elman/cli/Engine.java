package dev.elman.cli;

import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;

/** The one place the command line picks its float kernels. */
final class Engine {
    private Engine() {
    }

    static Kernels<float[]> kernels() {
        return FloatReferenceKernels.INSTANCE;
    }

    static String describe() {
        return "kernels " + kernels().name() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
