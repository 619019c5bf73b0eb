package dev.elman.bench;

import dev.elman.math.FastKernels;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;

/** The kernel implementations the benchmarks compare, by the name used in their {@code impl} parameter. */
final class Impl {
    private Impl() {
    }

    /**
     * {@code reference}, {@code portable}, {@code vector}, optionally with a thread count suffix such as
     * {@code portable-x2}.
     */
    static Kernels<float[]> of(String impl) {
        if (impl.equals("reference")) {
            return FloatReferenceKernels.INSTANCE;
        }
        int dash = impl.indexOf("-x");
        String kind = dash < 0 ? impl : impl.substring(0, dash);
        int threads = dash < 0 ? 1 : Integer.parseInt(impl.substring(dash + 2));
        switch (kind) {
            case "portable":
                return FastKernels.portable(threads);
            case "vector":
                return FastKernels.vector(threads);
            default:
                throw new IllegalArgumentException("unknown impl '" + impl
                        + "': expected reference, portable[-xN] or vector[-xN]");
        }
    }
}
