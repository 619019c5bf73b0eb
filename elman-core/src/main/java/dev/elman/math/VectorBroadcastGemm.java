package dev.elman.math;

import jdk.incubator.vector.FloatVector;

/**
 * The NN and TN products of {@link VectorGemm}: each element of op(A) is broadcast and multiplied into a row segment
 * of B, accumulating 4 rows × 2 vectors of C in registers, so every element is
 * {@code s = fma(a[i][p], b[p][j], s)} over increasing p.
 *
 * <p>Blocked like BLIS: per chunk of {@link #MC} rows and block of {@link #KC} values of p, A is copied into
 * 4-row strips and B into 2-vector-wide panels, both contiguous, so that the kernel streams from L1 without the
 * cache-set conflicts that power-of-two leading dimensions cause. The partial sum of each element is stored
 * (exactly, as a float) between p-blocks and reloaded, which leaves the summation order untouched.
 */
final class VectorBroadcastGemm {
    /** The p-block length. */
    static final int KC = 256;
    /** Rows of op(A) per chunk. */
    static final int MC = 64;
    private static final int L = VectorLanes.L;
    private static final int W = 2 * L;

    private VectorBroadcastGemm() {
    }

    /** Op(A) element (i, p) at {@code a[aOff + i*ars + p*aks]}; B is k×n row-major. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int aks,
                     float[] b, int bOff, int ldb, boolean acc, float[] c, int cOff, int ldc) {
        int nv = n - n % L;
        if (nv > 0) {
            GemmScratch scratch = GemmScratch.get();
            int panels = (nv + W - 1) / W;
            float[] ap = scratch.packedA(MC * Math.min(k, KC));
            float[] bp = scratch.packedB(panels * W * Math.min(k, KC));
            boolean blocked = k > KC;
            float[] t = blocked ? (acc ? scratch.partials(MC * nv) : c) : null;
            int ldt = acc ? nv : ldc;
            for (int i0 = 0; i0 < m; i0 += MC) {
                int rows = Math.min(MC, m - i0);
                int t0 = acc ? 0 : cOff + i0 * ldc;
                for (int kb = 0; kb < k; kb += KC) {
                    int kl = Math.min(KC, k - kb);
                    boolean last = kb + kl == k;
                    packA(rows, kl, a, aOff + i0 * ars + kb * aks, ars, aks, ap);
                    packB(kl, nv, b, bOff + kb * ldb, ldb, bp);
                    boolean final_ = last && (acc || !blocked);
                    float[] out = final_ ? c : t;
                    int o0 = final_ ? cOff + i0 * ldc : t0;
                    sweep(rows, nv, kl, ap, bp, kb == 0 ? null : t, t0, ldt, out, o0, final_ ? ldc : ldt,
                            final_ && acc);
                }
            }
        }
        if (nv < n) {
            ScalarGemm.fmaStrided(m, n - nv, k, a, aOff, ars, aks, b, bOff + nv, ldb, 1, acc, c, cOff + nv, ldc);
        }
    }

    /** Strips of 4 rows, p-major within a strip ({@code ap[(s*kl + p)*4 + r]}), missing rows as zeros. */
    private static void packA(int rows, int kl, float[] a, int a0, int ars, int aks, float[] ap) {
        if (ars == 1) {
            // TN: the 4 values of a strip at one p are adjacent in memory; read them together
            for (int s = 0; s < rows; s += 4) {
                int base = s * kl;
                int valid = Math.min(4, rows - s);
                for (int p = 0; p < kl; p++) {
                    int ai = a0 + p * aks + s;
                    int o = base + p * 4;
                    for (int r = 0; r < 4; r++) {
                        ap[o + r] = r < valid ? a[ai + r] : 0f;
                    }
                }
            }
            return;
        }
        for (int s = 0; s < rows; s += 4) {
            int base = s * kl;
            for (int r = 0; r < 4; r++) {
                if (s + r < rows) {
                    int ai = a0 + (s + r) * ars;
                    for (int p = 0; p < kl; p++) {
                        ap[base + p * 4 + r] = a[ai + p * aks];
                    }
                } else {
                    for (int p = 0; p < kl; p++) {
                        ap[base + p * 4 + r] = 0f;
                    }
                }
            }
        }
    }

    /** Panels of W columns, p-major within a panel ({@code bp[(q*kl + p)*W + j]}), missing columns as zeros. */
    private static void packB(int kl, int nv, float[] b, int b0, int ldb, float[] bp) {
        for (int j = 0, q = 0; j < nv; j += W, q++) {
            int base = q * kl * W;
            int w = Math.min(W, nv - j); // W or L: nv is a multiple of L
            for (int p = 0; p < kl; p++) {
                int o = base + p * W;
                int bi = b0 + p * ldb + j;
                FloatVector.fromArray(VectorLanes.S, b, bi).intoArray(bp, o);
                if (w == W) {
                    FloatVector.fromArray(VectorLanes.S, b, bi + L).intoArray(bp, o + L);
                } else {
                    FloatVector.zero(VectorLanes.S).intoArray(bp, o + L);
                }
            }
        }
    }

    /**
     * One p-block over {@code rows × nv} elements: sums start from {@code t} (or zero when t is null) and end in
     * {@code out} (added to it when {@code add}).
     */
    private static void sweep(int rows, int nv, int kl, float[] ap, float[] bp, float[] t, int t0, int ldt,
                              float[] out, int o0, int ldo, boolean add) {
        for (int j = 0, q = 0; j < nv; j += W, q++) {
            boolean two = j + W <= nv;
            for (int s = 0; s < rows; s += 4) {
                kernel(kl, ap, s * kl, bp, q * kl * W, Math.min(4, rows - s), two,
                        t, t0 + s * ldt + j, ldt, out, o0 + s * ldo + j, ldo, add);
            }
        }
    }

    /** The partial sums to start from: zero, or L values of {@code t} (tiny, so that C2 always inlines it). */
    private static FloatVector start(float[] t, int at, boolean valid) {
        return t != null && valid ? FloatVector.fromArray(VectorLanes.S, t, at) : FloatVector.zero(VectorLanes.S);
    }

    private static void kernel(int kl, float[] ap, int a0, float[] bp, int b0, int rows, boolean two,
                               float[] t, int t0, int ldt, float[] out, int o0, int ldo, boolean add) {
        FloatVector s00 = start(t, t0, true);
        FloatVector s01 = start(t, t0 + L, two);
        FloatVector s10 = start(t, t0 + ldt, rows > 1);
        FloatVector s11 = start(t, t0 + ldt + L, rows > 1 && two);
        FloatVector s20 = start(t, t0 + 2 * ldt, rows > 2);
        FloatVector s21 = start(t, t0 + 2 * ldt + L, rows > 2 && two);
        FloatVector s30 = start(t, t0 + 3 * ldt, rows > 3);
        FloatVector s31 = start(t, t0 + 3 * ldt + L, rows > 3 && two);
        for (int p = 0; p < kl; p++) {
            int bi = b0 + p * W;
            int ai = a0 + p * 4;
            FloatVector y0 = FloatVector.fromArray(VectorLanes.S, bp, bi);
            FloatVector y1 = FloatVector.fromArray(VectorLanes.S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(VectorLanes.S, ap[ai]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 1]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 2]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 3]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        VectorLanes.put(s00, add, out, o0);
        if (two) {
            VectorLanes.put(s01, add, out, o0 + L);
        }
        if (rows > 1) {
            VectorLanes.put(s10, add, out, o0 + ldo);
            if (two) {
                VectorLanes.put(s11, add, out, o0 + ldo + L);
            }
        }
        if (rows > 2) {
            VectorLanes.put(s20, add, out, o0 + 2 * ldo);
            if (two) {
                VectorLanes.put(s21, add, out, o0 + 2 * ldo + L);
            }
        }
        if (rows > 3) {
            VectorLanes.put(s30, add, out, o0 + 3 * ldo);
            if (two) {
                VectorLanes.put(s31, add, out, o0 + 3 * ldo + L);
            }
        }
    }
}
