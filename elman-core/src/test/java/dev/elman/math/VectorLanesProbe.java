package dev.elman.math;

/** The vector lane count, read reflectively so that tests link without the incubator module (4 if absent). */
final class VectorLanesProbe {
    private VectorLanesProbe() {
    }

    static int lanes() {
        if (!FastKernels.vectorAvailable()) {
            return 4;
        }
        try {
            return Class.forName("dev.elman.math.VectorLanes").getDeclaredField("L").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
