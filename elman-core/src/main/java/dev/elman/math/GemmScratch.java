package dev.elman.math;

/**
 * Per-thread scratch arrays for the GEMMs, grown on demand and then reused, so that steady-state calls allocate
 * nothing while the kernels themselves stay stateless.
 */
final class GemmScratch {
    private static final ThreadLocal<GemmScratch> LOCAL = ThreadLocal.withInitial(GemmScratch::new);

    private float[][] rows = new float[0][];
    private float[] lanes = new float[0];
    private float[] partials = new float[0];
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] transposed = new float[0];

    private GemmScratch() {
    }

    /** This thread's scratch. */
    static GemmScratch get() {
        return LOCAL.get();
    }

    /**
     * At least {@code count} separate arrays of at least {@code width} elements each (contents undefined). Separate
     * arrays, all indexed from 0, are what C2's auto-vectoriser needs: it gives up on loops that index one array at
     * two different offsets.
     */
    float[][] rows(int count, int width) {
        if (rows.length < count) {
            float[][] grown = new float[count][];
            System.arraycopy(rows, 0, grown, 0, rows.length);
            rows = grown;
        }
        for (int r = 0; r < count; r++) {
            if (rows[r] == null || rows[r].length < width) {
                rows[r] = new float[width];
            }
        }
        return rows;
    }

    /** An array of at least {@code n} elements for partial sums carried between k blocks (contents undefined). */
    float[] partials(int n) {
        if (partials.length < n) {
            partials = new float[n];
        }
        return partials;
    }

    /** An array of at least {@code n} elements for a packed block of A (contents undefined). */
    float[] packedA(int n) {
        if (packedA.length < n) {
            packedA = new float[n];
        }
        return packedA;
    }

    /** An array of at least {@code n} elements for a packed block of B (contents undefined). */
    float[] packedB(int n) {
        if (packedB.length < n) {
            packedB = new float[n];
        }
        return packedB;
    }

    /** An array of at least {@code n} elements for a transposed matrix (contents undefined). */
    float[] transposed(int n) {
        if (transposed.length < n) {
            transposed = new float[n];
        }
        return transposed;
    }

    /** An array of at least {@code n} elements for vector lane partials (contents undefined). */
    float[] lanes(int n) {
        if (lanes.length < n) {
            lanes = new float[n];
        }
        return lanes;
    }
}
