package dev.elman.math;

/**
 * Chooses the fastest float kernels this JVM can run: the Vector API kernels when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (start java with {@code --add-modules jdk.incubator.vector}),
 * else the portable ones. Setting the system property {@code elman.kernels=portable} forces the portable ones.
 *
 * <p>Kernels with more than one thread split large products (at least 2^21 flops, or the system property
 * {@code elman.gemm.minParallelFlops}) over a shared, fixed set of daemon threads; results are bit-identical for
 * every thread count.
 *
 * <p>The Vector API kernels' products use six-row register tiles on JDK 17 and four-row ones from JDK 25, whose C2
 * spills the six-row tile; {@code elman.tile.six=true|false} overrides the choice. The bits are the same either way.
 */
public final class FastKernels {
    private static final String MODULE = "jdk.incubator.vector";
    private static final Vector VECTOR = Vector.load();

    private FastKernels() {
    }

    /** The default thread count: the number of available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The best kernels with {@link #defaultThreads()} threads. */
    public static FloatKernels best() {
        return best(defaultThreads());
    }

    /** The best kernels for this JVM with the given thread count (at least 1). */
    public static FloatKernels best(int threads) {
        boolean forcedPortable = "portable".equalsIgnoreCase(System.getProperty("elman.kernels", ""));
        return VECTOR != null && !forcedPortable ? vector(threads) : portable(threads);
    }

    /** The plain-Java kernels, bit-identical to {@link FloatReferenceKernels} in every product. */
    public static FloatKernels portable(int threads) {
        return new FloatKernels("float-portable", PortableGemm.INSTANCE, PortableMath.INSTANCE, threads);
    }

    /** True if the Vector API kernels can run in this JVM. */
    public static boolean vectorAvailable() {
        return VECTOR != null;
    }

    /** The rows of the largest register tile the Vector API kernels use (6 or 4), or 0 without them. */
    public static int tileRows() {
        return VECTOR == null ? 0 : VECTOR.tileRows;
    }

    /**
     * The Vector API kernels.
     *
     * @throws IllegalStateException if {@link #vectorAvailable()} is false
     */
    public static FloatKernels vector(int threads) {
        if (VECTOR == null) {
            throw new IllegalStateException("the Vector API kernels need the JVM option --add-modules " + MODULE
                    + " (and a JDK with that module, 16 or later)");
        }
        return new FloatKernels("float-vector", VECTOR.gemm, VECTOR.math, threads);
    }

    /** The vector implementations, loaded reflectively so that this class links without the module. */
    private static final class Vector {
        final FloatGemm gemm;
        final FloatMath math;
        final int tileRows;

        private Vector(FloatGemm gemm, FloatMath math, int tileRows) {
            this.gemm = gemm;
            this.math = math;
            this.tileRows = tileRows;
        }

        static Vector load() {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                return null;
            }
            try {
                Class<?> lanes = Class.forName("dev.elman.math.VectorLanes");
                if (!(Boolean) lanes.getDeclaredMethod("usable").invoke(null)) {
                    return null;
                }
                Object gemm = Class.forName("dev.elman.math.VectorGemm").getDeclaredField("INSTANCE").get(null);
                Object math = Class.forName("dev.elman.math.VectorMath").getDeclaredField("INSTANCE").get(null);
                boolean six = Class.forName("dev.elman.math.VectorTiles").getDeclaredField("SIX").getBoolean(null);
                return new Vector((FloatGemm) gemm, (FloatMath) math, six ? 6 : 4);
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                return null;
            }
        }
    }
}
