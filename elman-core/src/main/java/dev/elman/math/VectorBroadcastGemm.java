package dev.elman.math;

/**
 * The NN and TN products of {@link VectorGemm}: each element of op(A) is broadcast and multiplied into a row segment
 * of B ({@link VectorTiles}), so every element is {@code s = fma(a[i][p], b[p][j], s)} over increasing p.
 *
 * <p>Blocked like BLIS: per block of {@link #KC} values of p, B is copied once into panels {@link VectorTiles#W}
 * columns wide (zero-padded), then per chunk of {@link #MC} rows A is copied into strips of up to 6 rows, so that the tiles
 * stream from L1 and L2 without the cache-set conflicts that power-of-two leading dimensions cause. Partial sums are
 * kept as floats between p-blocks and resumed, which leaves the summation order untouched.
 */
final class VectorBroadcastGemm {
    /** The p-block length. */
    static final int KC = 256;
    /** Rows of op(A) per chunk (a multiple of 6). */
    static final int MC = 48;
    private static final int W = VectorTiles.W;

    private VectorBroadcastGemm() {
    }

    /** Op(A) element (i, p) at {@code a[aOff + i*ars + p*aks]}; B is k×n row-major. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int aks,
                     float[] b, int bOff, int ldb, boolean acc, float[] c, int cOff, int ldc) {
        GemmScratch scratch = GemmScratch.get();
        int panels = (n + W - 1) / W;
        int npad = panels * W;
        // sums go straight to C when nothing must be added to it and every panel fits; else to a buffer drained last
        boolean direct = !acc && n == npad;
        float[] out = direct ? c : scratch.partials(Math.multiplyExact(m, npad));
        int o0 = direct ? cOff : 0;
        int ldo = direct ? ldc : npad;
        float[] ap = scratch.packedA(MC * Math.min(k, KC));
        float[] bp = scratch.packedB(npad * Math.min(k, KC));
        for (int kb = 0; kb < k; kb += KC) {
            int kl = Math.min(KC, k - kb);
            packB(kl, n, panels, b, bOff + kb * ldb, ldb, bp);
            for (int i0 = 0; i0 < m; i0 += MC) {
                int rows = Math.min(MC, m - i0);
                VectorTiles.packA(rows, kl, a, aOff + i0 * ars + kb * aks, ars, aks, ap);
                for (int q = 0; q < panels; q++) {
                    int b0 = q * kl * W;
                    int at = o0 + i0 * ldo + q * W;
                    for (int i = 0; i < rows; ) {
                        int width = VectorTiles.strip(i, rows);
                        VectorTiles.tile(width, kl, ap, i * kl, bp, b0, out, at + i * ldo, ldo, kb > 0);
                        i += width;
                    }
                }
            }
        }
        if (!direct) {
            VectorTiles.drain(out, 0, npad, m, n, acc, c, cOff, ldc);
        }
    }

    /** Panels of W columns, p-major within a panel ({@code bp[(q*kl + p)*W + j]}), missing columns as zeros. */
    private static void packB(int kl, int n, int panels, float[] b, int b0, int ldb, float[] bp) {
        for (int q = 0; q < panels; q++) {
            int j = q * W;
            int w = Math.min(W, n - j);
            int base = q * kl * W;
            for (int p = 0; p < kl; p++) {
                int o = base + p * W;
                System.arraycopy(b, b0 + p * ldb + j, bp, o, w);
                if (w < W) {
                    java.util.Arrays.fill(bp, o + w, o + W, 0f);
                }
            }
        }
    }
}
