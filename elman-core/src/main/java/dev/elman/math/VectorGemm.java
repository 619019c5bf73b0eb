package dev.elman.math;

import jdk.incubator.vector.FloatVector;

/**
 * Single-threaded float GEMM on the Vector API (loaded only when {@code jdk.incubator.vector} is present).
 *
 * <p>Summation order of each output element, fixed whatever m, n, the thread split or the block an element falls in:
 * <ul>
 *   <li>NN, TN, TT: {@code s = 0; for p in 0..k-1: s = fma(a[i][p], b[p][j], s)} — independent of the vector width,
 *       and the same as a scalar {@link Math#fma} loop ({@link VectorBroadcastGemm}).</li>
 *   <li>NT: lane {@code l} of a vector accumulator sums, with fma, the products {@code p ≡ l (mod L)} for
 *       {@code p < loopBound(k)}; the lanes are added by {@link VectorLanes#dot}'s fixed tree; the tail
 *       {@code p ≥ loopBound(k)} follows sequentially with scalar fma. This order depends on the lane count L of the
 *       machine's preferred species, so NT bits can differ between machines (never between calls).</li>
 * </ul>
 * Then {@code c = s}, or {@code c = c + s} when accumulating. NT needs no copy of B, which matters for the
 * recurrent step: a few rows times the whole of W, once per time step.
 *
 * <p>Kernel shapes follow what C2 intrinsifies: the species and lane count are static finals, vectors never
 * escape a method (no arrays or fields of vectors, no non-inlined methods taking or returning one), loops are bounded
 * by {@code loopBound}. 4×2 register tiles fit AVX2's sixteen registers.
 */
final class VectorGemm implements FloatGemm {

    static final VectorGemm INSTANCE = new VectorGemm();
    private static final int L = VectorLanes.L;

    private VectorGemm() {
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
        if (!transA && transB) {
            nt(m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
        } else if (!transB) {
            // element (i, p) of op(A) sits at aOff + i*ars + p*aks
            int ars = transA ? 1 : lda;
            int aks = transA ? lda : 1;
            VectorBroadcastGemm.gemm(m, n, k, a, aOff, ars, aks, b, bOff, ldb, accumulate, c, cOff, ldc);
        } else {
            ScalarGemm.fmaGemm(true, true, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
        }
    }

    @Override
    public int packedSize(int k, int n) {
        return VectorPackedGemm.packedSize(k, n);
    }

    @Override
    public void pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        VectorPackedGemm.pack(transB, k, n, b, bOff, ldb, packed);
    }

    @Override
    public void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, int nb, int j0,
                           boolean accumulate, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            ScalarGemm.zeroProduct(m, n, accumulate, c, cOff, ldc);
            return;
        }
        VectorPackedGemm.gemm(m, n, k, a, aOff, lda, packed, j0, accumulate, c, cOff, ldc);
    }

    @Override
    public void gemmPackedSpan(int m, int n, int k, int p0, int p1, float[] a, int aOff, int lda, float[] packed,
                               int nb, int j0, float[] c, int cOff, int ldc) {
        VectorPackedGemm.span(m, n, k, p0, p1, a, aOff, lda, packed, j0, c, cOff, ldc);
    }

    // ---- NT: dot products of rows of A with rows of B, both unit stride in k ---------------------------------

    private static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           boolean acc, float[] c, int cOff, int ldc) {
        int kv = VectorLanes.S.loopBound(k);
        float[] t = GemmScratch.get().lanes(8 * L);
        int mc = chunkRows(k);
        for (int i0 = 0; i0 < m; i0 += mc) {
            int i1 = Math.min(m, i0 + mc);
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    nt4x2(k, kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, t);
                    if (L == 8) {
                        finish8(t, k, kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, acc, c, cOff + i * ldc + j,
                                ldc);
                    } else {
                        finish(t, 4, 2, k, kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, acc, c,
                                cOff + i * ldc + j, ldc);
                    }
                }
                for (; i < i1; i++) {
                    nt1x2(kv, a, aOff + i * lda, b, bOff + j * ldb, ldb, t);
                    finish(t, 1, 2, k, kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, acc, c,
                            cOff + i * ldc + j, ldc);
                }
            }
            if (j < n) {
                for (int i = i0; i < i1; i++) {
                    nt1x1(kv, a, aOff + i * lda, b, bOff + j * ldb, t);
                    finish(t, 1, 1, k, kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, acc, c,
                            cOff + i * ldc + j, ldc);
                }
            }
        }
    }

    /**
     * Rows of A per chunk, so that a chunk (about 16 KB) stays in L1 while each pair of B rows streams past it
     * once.
     */
    static int chunkRows(int k) {
        return Math.max(4, Math.min(256, (4096 / Math.max(1, k)) & ~3));
    }

    /** Reduces the rows×cols tile of lane partials in {@code t} (row-major, L each) into C. */
    private static void finish(float[] t, int rows, int cols, int k, int kv, float[] a, int a0, int lda,
                               float[] b, int b0, int ldb, boolean acc, float[] c, int c0, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                float s = VectorLanes.dot(t, (r * cols + q) * L, k, kv, a, a0 + r * lda, b, b0 + q * ldb);
                VectorLanes.put(s, acc, c, c0 + r * ldc + q);
            }
        }
    }

    /**
     * Stores the 4×2 tile reduced in registers by {@link #nt4x2} (8 lanes): lane {@code 4q + 2(r&1) + (r>>1)}
     * holds row r, column q; then adds each element's tail {@code [kv, k)}.
     */
    private static void finish8(float[] t, int k, int kv, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                boolean acc, float[] c, int c0, int ldc) {
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 2; q++) {
                float s = t[4 * q + 2 * (r & 1) + (r >> 1)];
                int ar = a0 + r * lda;
                int bq = b0 + q * ldb;
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[ar + p], b[bq + p], s);
                }
                VectorLanes.put(s, acc, c, c0 + r * ldc + q);
            }
        }
    }

    private static void nt4x2(int k, int kv, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] t) {
        FloatVector s00 = FloatVector.zero(VectorLanes.S);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b1 = b0 + ldb;
        for (int p = 0; p < kv; p += L) {
            FloatVector y0 = FloatVector.fromArray(VectorLanes.S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(VectorLanes.S, b, b1 + p);
            FloatVector x = FloatVector.fromArray(VectorLanes.S, a, a0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.fromArray(VectorLanes.S, a, a1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.fromArray(VectorLanes.S, a, a2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.fromArray(VectorLanes.S, a, a3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        if (L == 8) {
            FloatVector r01 = VectorLanes.fold(VectorLanes.fold(s00, s01, VectorLanes.BIT2, VectorLanes.XOR4),
                    VectorLanes.fold(s10, s11, VectorLanes.BIT2, VectorLanes.XOR4), VectorLanes.BIT1, VectorLanes.XOR2);
            FloatVector r23 = VectorLanes.fold(VectorLanes.fold(s20, s21, VectorLanes.BIT2, VectorLanes.XOR4),
                    VectorLanes.fold(s30, s31, VectorLanes.BIT2, VectorLanes.XOR4), VectorLanes.BIT1, VectorLanes.XOR2);
            VectorLanes.fold(r01, r23, VectorLanes.BIT0, VectorLanes.XOR1).intoArray(t, 0);
            return;
        }
        s00.intoArray(t, 0);
        s01.intoArray(t, L);
        s10.intoArray(t, 2 * L);
        s11.intoArray(t, 3 * L);
        s20.intoArray(t, 4 * L);
        s21.intoArray(t, 5 * L);
        s30.intoArray(t, 6 * L);
        s31.intoArray(t, 7 * L);
    }

    private static void nt1x2(int kv, float[] a, int a0, float[] b, int b0, int ldb, float[] t) {
        FloatVector s0 = FloatVector.zero(VectorLanes.S);
        FloatVector s1 = s0;
        int b1 = b0 + ldb;
        for (int p = 0; p < kv; p += L) {
            FloatVector x = FloatVector.fromArray(VectorLanes.S, a, a0 + p);
            s0 = x.fma(FloatVector.fromArray(VectorLanes.S, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(VectorLanes.S, b, b1 + p), s1);
        }
        s0.intoArray(t, 0);
        s1.intoArray(t, L);
    }

    private static void nt1x1(int kv, float[] a, int a0, float[] b, int b0, float[] t) {
        FloatVector s = FloatVector.zero(VectorLanes.S);
        for (int p = 0; p < kv; p += L) {
            s = FloatVector.fromArray(VectorLanes.S, a, a0 + p).fma(FloatVector.fromArray(VectorLanes.S, b, b0 + p), s);
        }
        s.intoArray(t, 0);
    }
}
