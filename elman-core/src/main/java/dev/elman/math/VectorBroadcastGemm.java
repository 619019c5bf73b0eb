package dev.elman.math;

import jdk.incubator.vector.FloatVector;

/**
 * The NN and TN products of {@link VectorGemm}: each element of op(A) is broadcast and multiplied into a row segment
 * of B, accumulating 4 rows × 2 vectors of C in registers, so every element is
 * {@code s = fma(a[i][p], b[p][j], s)} over increasing p.
 *
 * <p>Long sums are cut into blocks of {@link #KC} values of p so that the B panel stays in L1; the partial sum of
 * each element is stored (exactly, as a float) between blocks and reloaded, which leaves the order untouched.
 */
final class VectorBroadcastGemm {
    /** The p-block length. */
    static final int KC = 256;
    /** Rows of op(A) per chunk, so that a chunk's A block stays in L2. */
    static final int MC = 64;
    private static final int L = VectorLanes.L;

    private VectorBroadcastGemm() {
    }

    /** Op(A) element (i, p) at {@code a[aOff + i*ars + p*aks]}; B is k×n row-major. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int aks,
                     float[] b, int bOff, int ldb, boolean acc, float[] c, int cOff, int ldc) {
        int nv = n - n % L;
        if (nv > 0 && k <= KC) {
            for (int i0 = 0; i0 < m; i0 += MC) {
                int rows = Math.min(MC, m - i0);
                sweep(rows, nv, k, a, aOff + i0 * ars, ars, aks, b, bOff, ldb,
                        null, 0, 0, c, cOff + i0 * ldc, ldc, acc);
            }
        } else if (nv > 0) {
            float[] t = acc ? GemmScratch.get().partials(MC * nv) : c;
            int ldt = acc ? nv : ldc;
            for (int i0 = 0; i0 < m; i0 += MC) {
                int rows = Math.min(MC, m - i0);
                int t0 = acc ? 0 : cOff + i0 * ldc;
                for (int kb = 0; kb < k; kb += KC) {
                    int kl = Math.min(KC, k - kb);
                    boolean last = kb + kl == k;
                    float[] out = last && acc ? c : t;
                    int o0 = last && acc ? cOff + i0 * ldc : t0;
                    sweep(rows, nv, kl, a, aOff + i0 * ars + kb * aks, ars, aks, b, bOff + kb * ldb, ldb,
                            kb == 0 ? null : t, t0, ldt, out, o0, last && acc ? ldc : ldt, last && acc);
                }
            }
        }
        if (nv < n) {
            ScalarGemm.fmaStrided(m, n - nv, k, a, aOff, ars, aks, b, bOff + nv, ldb, 1, acc, c, cOff + nv, ldc);
        }
    }

    /**
     * One p-block over {@code rows × nv} elements (nv a multiple of L): sums start from {@code t} (or zero when t is
     * null) and end in {@code out} (added to it when {@code add}).
     */
    private static void sweep(int rows, int nv, int kl, float[] a, int a0, int ars, int aks, float[] b, int b0,
                              int ldb, float[] t, int t0, int ldt, float[] out, int o0, int ldo, boolean add) {
        int j = 0;
        for (; j + 2 * L <= nv; j += 2 * L) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                bc4x2(kl, a, a0 + i * ars, ars, aks, b, b0 + j, ldb, t, t0 + i * ldt + j, ldt,
                        out, o0 + i * ldo + j, ldo, add);
            }
            for (; i < rows; i++) {
                bc1x2(kl, a, a0 + i * ars, aks, b, b0 + j, ldb, t, t0 + i * ldt + j, out, o0 + i * ldo + j, add);
            }
        }
        if (j < nv) {
            for (int i = 0; i < rows; i++) {
                bc1x1(kl, a, a0 + i * ars, aks, b, b0 + j, ldb, t, t0 + i * ldt + j, out, o0 + i * ldo + j, add);
            }
        }
    }

    /** The starting partial sums: zero, or L values of {@code t} (kept tiny so that C2 always inlines it). */
    private static FloatVector start(float[] t, int at) {
        return t == null ? FloatVector.zero(VectorLanes.S) : FloatVector.fromArray(VectorLanes.S, t, at);
    }

    private static void bc4x2(int kl, float[] a, int a0, int ars, int aks, float[] b, int b0, int ldb,
                              float[] t, int t0, int ldt, float[] out, int o0, int ldo, boolean add) {
        FloatVector s00 = start(t, t0);
        FloatVector s01 = start(t, t0 + L);
        FloatVector s10 = start(t, t0 + ldt);
        FloatVector s11 = start(t, t0 + ldt + L);
        FloatVector s20 = start(t, t0 + 2 * ldt);
        FloatVector s21 = start(t, t0 + 2 * ldt + L);
        FloatVector s30 = start(t, t0 + 3 * ldt);
        FloatVector s31 = start(t, t0 + 3 * ldt + L);
        for (int p = 0; p < kl; p++) {
            int bp = b0 + p * ldb;
            int ap = a0 + p * aks;
            FloatVector y0 = FloatVector.fromArray(VectorLanes.S, b, bp);
            FloatVector y1 = FloatVector.fromArray(VectorLanes.S, b, bp + L);
            FloatVector x = FloatVector.broadcast(VectorLanes.S, a[ap]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.broadcast(VectorLanes.S, a[ap + ars]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.broadcast(VectorLanes.S, a[ap + 2 * ars]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.broadcast(VectorLanes.S, a[ap + 3 * ars]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        VectorLanes.put(s00, add, out, o0);
        VectorLanes.put(s01, add, out, o0 + L);
        VectorLanes.put(s10, add, out, o0 + ldo);
        VectorLanes.put(s11, add, out, o0 + ldo + L);
        VectorLanes.put(s20, add, out, o0 + 2 * ldo);
        VectorLanes.put(s21, add, out, o0 + 2 * ldo + L);
        VectorLanes.put(s30, add, out, o0 + 3 * ldo);
        VectorLanes.put(s31, add, out, o0 + 3 * ldo + L);
    }

    private static void bc1x2(int kl, float[] a, int a0, int aks, float[] b, int b0, int ldb,
                              float[] t, int t0, float[] out, int o0, boolean add) {
        FloatVector s0 = start(t, t0);
        FloatVector s1 = start(t, t0 + L);
        for (int p = 0; p < kl; p++) {
            int bp = b0 + p * ldb;
            FloatVector x = FloatVector.broadcast(VectorLanes.S, a[a0 + p * aks]);
            s0 = x.fma(FloatVector.fromArray(VectorLanes.S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(VectorLanes.S, b, bp + L), s1);
        }
        VectorLanes.put(s0, add, out, o0);
        VectorLanes.put(s1, add, out, o0 + L);
    }

    private static void bc1x1(int kl, float[] a, int a0, int aks, float[] b, int b0, int ldb,
                              float[] t, int t0, float[] out, int o0, boolean add) {
        FloatVector s = start(t, t0);
        for (int p = 0; p < kl; p++) {
            s = FloatVector.broadcast(VectorLanes.S, a[a0 + p * aks])
                    .fma(FloatVector.fromArray(VectorLanes.S, b, b0 + p * ldb), s);
        }
        VectorLanes.put(s, add, out, o0);
    }
}
