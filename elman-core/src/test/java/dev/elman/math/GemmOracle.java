package dev.elman.math;

import java.util.Random;

/** Test helpers: random operands and oracles that follow each kernel's documented summation order. */
final class GemmOracle {
    private GemmOracle() {
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    static float opA(boolean transA, float[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    static float opB(boolean transB, float[] b, int bOff, int ldb, int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /**
     * The vector kernels' order: sequential fma for NN/TN/TT; for NT, L lane partials with fma, the fixed halving
     * tree, then a sequential fma tail.
     */
    static void vectorOrder(int lanes, boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            boolean acc, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s;
                if (!transA && transB) {
                    int kv = k - k % lanes;
                    float[] part = new float[lanes];
                    for (int p = 0; p < kv; p++) {
                        part[p % lanes] = Math.fma(opA(false, a, aOff, lda, i, p), opB(true, b, bOff, ldb, p, j),
                                part[p % lanes]);
                    }
                    for (int h = lanes / 2; h >= 1; h /= 2) {
                        for (int l = 0; l < h; l++) {
                            part[l] = part[l] + part[l + h];
                        }
                    }
                    s = part[0];
                    for (int p = kv; p < k; p++) {
                        s = Math.fma(opA(false, a, aOff, lda, i, p), opB(true, b, bOff, ldb, p, j), s);
                    }
                } else {
                    s = 0f;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(opA(transA, a, aOff, lda, i, p), opB(transB, b, bOff, ldb, p, j), s);
                    }
                }
                int ci = cOff + i * ldc + j;
                c[ci] = acc ? c[ci] + s : s;
            }
        }
    }

    /** Σ_p |op(A)[i][p]·op(B)[p][j]| + |c| for each element: the scale of its rounding error. */
    static double magnitude(boolean transA, boolean transB, int i, int j, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float cOld) {
        double s = Math.abs(cOld);
        for (int p = 0; p < k; p++) {
            s += Math.abs((double) opA(transA, a, aOff, lda, i, p) * opB(transB, b, bOff, ldb, p, j));
        }
        return s;
    }
}
