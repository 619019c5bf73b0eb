package dev.elman.math;

/** Scalar loops shared by the GEMM implementations for edges and rare layouts. */
final class ScalarGemm {
    private ScalarGemm() {
    }

    /** The product for {@code k = 0}: {@code c = 0}, or {@code c = c + 0} when accumulating. */
    static void zeroProduct(int m, int n, boolean acc, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                c[ci] = acc ? c[ci] + 0f : 0f;
            }
        }
    }

    /** Each element as {@code s = fma(op(A)[i][p], op(B)[p][j], s)} over increasing p, from {@code s = 0}. */
    static void fmaGemm(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        boolean acc, float[] c, int cOff, int ldc) {
        fmaStrided(m, n, k, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, bOff, transB ? 1 : ldb,
                transB ? ldb : 1, acc, c, cOff, ldc);
    }

    /**
     * As {@link #fmaGemm} with explicit strides: op(A)[i][p] is {@code a[aOff + i*ars + p*aks]} and op(B)[p][j] is
     * {@code b[bOff + p*bks + j*bcs]}.
     */
    static void fmaStrided(int m, int n, int k, float[] a, int aOff, int ars, int aks,
                           float[] b, int bOff, int bks, int bcs, boolean acc, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                int ai = aOff + i * ars;
                int bj = bOff + j * bcs;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p * aks], b[bj + p * bks], s);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = acc ? c[ci] + s : s;
            }
        }
    }

    /** Each element as {@code s += op(A)[i][p] * op(B)[p][j]} over increasing p: the reference's order. */
    static void mulAddGemm(boolean transA, boolean transB, int m, int n, int k,
                           float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           boolean acc, float[] c, int cOff, int ldc) {
        int ars = transA ? 1 : lda;
        int aks = transA ? lda : 1;
        int bks = transB ? 1 : ldb;
        int bcs = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                int ai = aOff + i * ars;
                int bj = bOff + j * bcs;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * aks] * b[bj + p * bks];
                }
                int ci = cOff + i * ldc + j;
                c[ci] = acc ? c[ci] + s : s;
            }
        }
    }
}
