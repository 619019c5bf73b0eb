package dev.elman.math;

import java.util.Arrays;

/**
 * Single-threaded float GEMM in plain Java, shaped so that C2 auto-vectorises it: the rows of op(B) are copied into
 * separate scratch arrays and the inner loop updates two rows of partial sums with four scaled rows of op(B), every
 * array indexed by the same {@code j} (C2 on JDK 17–25 does not vectorise loops that index arrays at different
 * offsets, and the plain triple loop runs at a twentieth of the speed).
 *
 * <p>Every element is summed exactly as {@link FloatReferenceKernels} does it ({@code s = 0; s += a·b} over
 * increasing p, then {@code c = s} or {@code c + s}), so results are bit-identical to the reference. Java never fuses
 * the multiply and the add, and each update {@code t + x0·b0 + x1·b1 + ...} evaluates left to right.
 */
final class PortableGemm implements FloatGemm {

    static final PortableGemm INSTANCE = new PortableGemm();

    /** Products with fewer rows than this skip the copy of op(B) and run as dot products. */
    static final int COPY_MIN_ROWS = 4;

    private PortableGemm() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     boolean accumulate, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            ScalarGemm.zeroProduct(m, n, accumulate, c, cOff, ldc);
            return;
        }
        if (m < COPY_MIN_ROWS) {
            ScalarGemm.mulAddGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            return;
        }
        int ars = transA ? 1 : lda;
        int aks = transA ? lda : 1;
        int bks = transB ? 1 : ldb;
        int bcs = transB ? ldb : 1;
        if (n < NARROW && m > n) {
            // Narrow C (e.g. a few output classes): vectorise along m instead, computing C transposed.
            rows(n, m, k, b, bOff, bcs, bks, a, aOff, aks, ars, accumulate, c, cOff, 1, ldc);
        } else {
            rows(m, n, k, a, aOff, ars, aks, b, bOff, bks, bcs, accumulate, c, cOff, ldc, 1);
        }
    }

    /** Packed op(B) is a plain row-major k×n copy. */
    @Override
    public int packedSize(int k, int n) {
        return Math.multiplyExact(k, n);
    }

    @Override
    public void pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        for (int p = 0; p < k; p++) {
            if (transB) {
                for (int j = 0; j < n; j++) {
                    packed[p * n + j] = b[bOff + j * ldb + p];
                }
            } else {
                System.arraycopy(b, bOff + p * ldb, packed, p * n, n);
            }
        }
    }

    @Override
    public void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, int nb, int j0,
                           boolean accumulate, float[] c, int cOff, int ldc) {
        if (m > 0 && n > 0 && k > 0 && m < COPY_MIN_ROWS) {
            // a few rows: each row's sums over the contiguous rows of op(B) rather than dot products down its
            // columns: the same sums in the same order, the inner loop on vector lanes
            float[] t = GemmScratch.get().partials(n);
            for (int i = 0; i < m; i++) {
                Arrays.fill(t, 0, n, 0f);
                addTerms(t, n, 0, k, a, aOff + i * lda, packed, nb, j0);
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = accumulate ? c[ci + j] + t[j] : t[j];
                }
            }
            return;
        }
        gemm(false, false, m, n, k, a, aOff, lda, packed, j0, nb, accumulate, c, cOff, ldc);
    }

    @Override
    public void gemmPackedSpan(int m, int n, int k, int p0, int p1, float[] a, int aOff, int lda, float[] packed,
                               int nb, int j0, float[] c, int cOff, int ldc) {
        float[] t = GemmScratch.get().partials(n);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (p0 == 0) {
                Arrays.fill(t, 0, n, 0f);
            } else {
                System.arraycopy(c, ci, t, 0, n);
            }
            addTerms(t, n, p0, p1, a, aOff + i * lda, packed, nb, j0);
            System.arraycopy(t, 0, c, ci, n);
        }
    }

    /** {@code t[j] += a[a0 + p]·b(p, j0 + j)} for p in [p0, p1) in turn, j < n; b row-major with row length nb. */
    private static void addTerms(float[] t, int n, int p0, int p1, float[] a, int a0, float[] b, int nb, int j0) {
        for (int p = p0; p < p1; p++) {
            float x = a[a0 + p];
            int b0 = p * nb + j0;
            for (int j = 0; j < n; j++) {   // t indexed from 0 so that C2 puts the loop on vector lanes
                t[j] = t[j] + x * b[b0 + j];
            }
        }
    }

    /** Outputs narrower than this are computed transposed when that gives longer inner loops. */
    static final int NARROW = 32;

    /**
     * {@code out(i, j) = Σ_p x(i, p)·y(p, j)} for i < m, j < n, with x(i, p) at {@code x[xOff + i*xrs + p*xks]},
     * y(p, j) at {@code y[yOff + p*yks + j*ycs]} and out(i, j) at {@code c[cOff + i*cis + j*cjs]}.
     */
    private static void rows(int m, int n, int k, float[] x, int xOff, int xrs, int xks,
                             float[] y, int yOff, int yks, int ycs,
                             boolean acc, float[] c, int cOff, int cis, int cjs) {
        float[][] rows = GemmScratch.get().rows(k + 2, n);
        for (int p = 0; p < k; p++) {
            float[] r = rows[p];
            int yp = yOff + p * yks;
            if (ycs == 1) {
                System.arraycopy(y, yp, r, 0, n);
            } else {
                for (int j = 0; j < n; j++) {
                    r[j] = y[yp + j * ycs];
                }
            }
        }
        float[] t0 = rows[k];
        float[] t1 = rows[k + 1];
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = xOff + i * xrs;
            int a1 = a0 + xrs;
            Arrays.fill(t0, 0, n, 0f);
            Arrays.fill(t1, 0, n, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                int q0 = p * xks;
                int q1 = q0 + xks;
                int q2 = q1 + xks;
                int q3 = q2 + xks;
                rows2k4(t0, t1, n, x[a0 + q0], x[a0 + q1], x[a0 + q2], x[a0 + q3],
                        x[a1 + q0], x[a1 + q1], x[a1 + q2], x[a1 + q3], rows[p], rows[p + 1], rows[p + 2], rows[p + 3]);
            }
            for (; p < k; p++) {
                rows2k1(t0, t1, n, x[a0 + p * xks], x[a1 + p * xks], rows[p]);
            }
            store(t0, n, acc, c, cOff + i * cis, cjs);
            store(t1, n, acc, c, cOff + (i + 1) * cis, cjs);
        }
        if (i < m) {
            int a0 = xOff + i * xrs;
            Arrays.fill(t0, 0, n, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                int q0 = p * xks;
                rows1k4(t0, n, x[a0 + q0], x[a0 + q0 + xks], x[a0 + q0 + 2 * xks], x[a0 + q0 + 3 * xks],
                        rows[p], rows[p + 1], rows[p + 2], rows[p + 3]);
            }
            for (; p < k; p++) {
                rows1k1(t0, n, x[a0 + p * xks], rows[p]);
            }
            store(t0, n, acc, c, cOff + i * cis, cjs);
        }
    }

    private static void store(float[] t, int n, boolean acc, float[] c, int ci, int cjs) {
        if (cjs != 1) {
            for (int j = 0; j < n; j++) {
                int at = ci + j * cjs;
                c[at] = acc ? c[at] + t[j] : t[j];
            }
        } else if (acc) {
            for (int j = 0; j < n; j++) {
                c[ci + j] += t[j];
            }
        } else {
            System.arraycopy(t, 0, c, ci, n);
        }
    }

    private static void rows2k4(float[] t0, float[] t1, int n, float x0, float x1, float x2, float x3,
                                float y0, float y1, float y2, float y3,
                                float[] b0, float[] b1, float[] b2, float[] b3) {
        for (int j = 0; j < n; j++) {
            float c0 = b0[j];
            float c1 = b1[j];
            float c2 = b2[j];
            float c3 = b3[j];
            t0[j] = t0[j] + x0 * c0 + x1 * c1 + x2 * c2 + x3 * c3;
            t1[j] = t1[j] + y0 * c0 + y1 * c1 + y2 * c2 + y3 * c3;
        }
    }

    private static void rows2k1(float[] t0, float[] t1, int n, float x0, float y0, float[] b0) {
        for (int j = 0; j < n; j++) {
            float c0 = b0[j];
            t0[j] = t0[j] + x0 * c0;
            t1[j] = t1[j] + y0 * c0;
        }
    }

    private static void rows1k4(float[] t0, int n, float x0, float x1, float x2, float x3,
                                float[] b0, float[] b1, float[] b2, float[] b3) {
        for (int j = 0; j < n; j++) {
            t0[j] = t0[j] + x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    private static void rows1k1(float[] t0, int n, float x0, float[] b0) {
        for (int j = 0; j < n; j++) {
            t0[j] = t0[j] + x0 * b0[j];
        }
    }
}
