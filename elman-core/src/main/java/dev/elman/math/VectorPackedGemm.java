package dev.elman.math;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C = A·B} (or {@code C += A·B}) on the Vector API for a B laid out once in advance and used many times — the
 * recurrent weights, multiplied into a few rows at every time step. Each element is summed as
 * {@code s = fma(a[i][p], b[p][j], s)} over increasing p, exactly as {@link VectorBroadcastGemm} does, so a packed
 * product gives the same bits as the unpacked NN product.
 *
 * <p>B is stored as panels {@link #W} columns wide, p-major inside a panel ({@code bp[LEAD + (q*k + p)*W + j]}),
 * padded with zero columns. A is copied per call into 6-row strips; a tile of 6 rows × W columns keeps 12
 * accumulators in registers, each broadcast of an A element feeding two fma. Panels are the outer loop, so with
 * several threads splitting the columns each reads only its share of B.
 */
final class VectorPackedGemm {
    private static final int L = VectorLanes.L;
    /** The panel width: two vectors. */
    static final int W = 2 * L;
    /**
     * Unused floats before the first panel. HotSpot puts a {@code float[]}'s first element 16 bytes past the start
     * of the object; with objects aligned to the vector size ({@code -XX:ObjectAlignmentInBytes=32} for AVX2, a
     * choice for tagging processes: elman-core/README.md) this lead puts every row of every panel on a vector
     * boundary, so that no load of B straddles two cache lines (half of them do otherwise: a sentence takes about
     * 1.035 times as long). Under the default 8-byte alignment the lead costs a few bytes and changes nothing.
     */
    static final int LEAD = Math.max(0, L - 4);

    private VectorPackedGemm() {
    }

    /** Elements of the packed form of a k×n matrix. */
    static int packedSize(int k, int n) {
        return Math.addExact(LEAD, Math.multiplyExact((n + W - 1) / W * W, k));
    }

    /** Where panel q of a packed B with k rows starts. */
    private static int panel(int q, int k) {
        return LEAD + q * k * W;
    }

    /** Packs op(B) (k×n; B stored n×k when {@code transB}) into {@code bp}. */
    static void pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] bp) {
        for (int j0 = 0, q = 0; j0 < n; j0 += W, q++) {
            int base = panel(q, k);
            int w = Math.min(W, n - j0);
            if (transB) {
                for (int jj = 0; jj < W; jj++) {
                    int bj = bOff + (j0 + jj) * ldb;
                    for (int p = 0; p < k; p++) {
                        bp[base + p * W + jj] = jj < w ? b[bj + p] : 0f;
                    }
                }
            } else {
                for (int p = 0; p < k; p++) {
                    int o = base + p * W;
                    System.arraycopy(b, bOff + p * ldb + j0, bp, o, w);
                    java.util.Arrays.fill(bp, o + w, o + W, 0f);
                }
            }
        }
    }

    /**
     * Columns {@code [j0, j0+n)} of the product of the m×k row-major A with the packed B; {@code j0} is a multiple
     * of {@link #W}. Writes C's columns {@code [0, n)} at {@code cOff}.
     */
    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] bp, int j0,
                     boolean acc, float[] c, int cOff, int ldc) {
        if (n > W && n <= 2 * W) {
            narrow(m, n, k, a, aOff, lda, bp, j0, acc, c, cOff, ldc);
            return;
        }
        if (m == 1) {   // a sentence's time step: straight to the row kernel
            row(n, k, a, aOff, bp, j0, acc, c, cOff);
            return;
        }
        // strips of up to 6 rows; a last single row runs on its own, four panels at a time
        int stripped = VectorTiles.endsWithSingle(m) ? m - 1 : m;
        float[] ap = GemmScratch.get().packedA(stripped * k);
        VectorTiles.packA(stripped, k, a, aOff, lda, 1, ap);
        float[] tile = GemmScratch.get().lanes(6 * W);
        for (int j = 0; j < n; j += W) {
            int b0 = panel((j0 + j) / W, k);
            int w = Math.min(W, n - j);
            // tiles only store: a tile takes what must be added to C or is wider than C
            boolean direct = !acc && w == W;
            float[] out = direct ? c : tile;
            int ldo = direct ? ldc : W;
            for (int i = 0; i < stripped; ) {
                int rows = VectorTiles.strip(i, stripped);
                int o0 = direct ? cOff + i * ldc + j : 0;
                VectorTiles.tile(rows, k, ap, i * k, bp, b0, out, o0, ldo, false);
                if (!direct) {
                    drain(tile, rows, w, acc, c, cOff + i * ldc + j, ldc);
                }
                i += rows;
            }
        }
        if (stripped < m) {
            row(n, k, a, aOff + (m - 1) * lda, bp, j0, acc, c, cOff + (m - 1) * ldc);
        }
    }

    /** One row of C: four panels at a time, so that eight independent fma chains hide the fma latency. */
    private static void row(int n, int k, float[] a, int a0, float[] bp, int j0, boolean acc, float[] c, int c0) {
        float[] tile = acc || n % (4 * W) != 0 ? GemmScratch.get().lanes(6 * W) : null;
        int j = 0;
        for (; j + 4 * W <= n; j += 4 * W) {
            int b0 = panel((j0 + j) / W, k);
            if (acc) {
                k1x4(0, k, false, a, a0, bp, b0, k * W, tile, 0);
                drain(tile, 1, 4 * W, true, c, c0 + j, 0);
            } else {
                k1x4(0, k, false, a, a0, bp, b0, k * W, c, c0 + j);
            }
        }
        for (; j < n; j += W) {
            int b0 = panel((j0 + j) / W, k);
            int w = Math.min(W, n - j);
            if (w == W && !acc) {
                VectorTiles.t1(k, a, a0, bp, b0, c, c0 + j, false);
            } else {
                VectorTiles.t1(k, a, a0, bp, b0, tile, 0, false);
                drain(tile, 1, w, acc, c, c0 + j, 0);
            }
        }
    }

    /**
     * Terms p in [p0, p1) of columns {@code [j0, j0+n)} of the product of the m×k A with the packed B, written to
     * C's columns [0, n) at {@code cOff}: from zero when p0 = 0, otherwise carried on from the sums there, with the
     * fma of every other path here, so that spans covering [0, k) in order give the bits of the whole product.
     */
    static void span(int m, int n, int k, int p0, int p1, float[] a, int aOff, int lda, float[] bp, int j0,
                     float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            rowSpan(n, k, p0, p1, a, aOff + i * lda, bp, j0, c, cOff + i * ldc);
        }
    }

    /** One row of {@link #span}: four panels at a time, then a lane at a time. */
    private static void rowSpan(int n, int k, int p0, int p1, float[] a, int a0, float[] bp, int j0, float[] c,
                                int c0) {
        boolean resume = p0 > 0;
        int j = 0;
        for (; j + 4 * W <= n; j += 4 * W) {
            k1x4(p0, p1, resume, a, a0, bp, panel((j0 + j) / W, k), k * W, c, c0 + j);
        }
        for (; j < n; j++) {   // columns beyond the last four panels: one lane's fma at a time
            int b = panel((j0 + j) / W, k) + (j0 + j) % W;
            float s = resume ? c[c0 + j] : 0f;
            for (int p = p0; p < p1; p++) {
                s = Math.fma(a[a0 + p], bp[b + p * W], s);
            }
            c[c0 + j] = s;
        }
    }

    /**
     * A product two panels wide (an output layer of 17 classes, say): two rows of A read where they are, no packed
     * strips. Packing A costs about as much as the tiles of two panels, and eight accumulators keep the fma units
     * as busy as a strip's tile does (1.35-1.55x faster for 10 to 512 rows of 256; the same bits).
     */
    private static void narrow(int m, int n, int k, float[] a, int aOff, int lda, float[] bp, int j0, boolean acc,
                               float[] c, int cOff, int ldc) {
        float[] tile = GemmScratch.get().lanes(6 * W);
        int b0 = panel(j0 / W, k);
        for (int i = 0; i < m; i += 2) {
            int rows = Math.min(2, m - i);
            int a0 = aOff + i * lda;
            // a last single row is multiplied twice, the copy discarded
            k2x2(k, a, a0, rows == 2 ? a0 + lda : a0, bp, b0, b0 + k * W, tile, 0);
            VectorTiles.drain(tile, 0, 2 * W, rows, n, acc, c, cOff + i * ldc, ldc);
        }
    }

    /** Rows a0 and a1 of A times panels b0 and b1: a 2 × 2W tile, row stride 2W, into {@code out}. */
    private static void k2x2(int k, float[] a, int a0, int a1, float[] bp, int b0, int b1, float[] out, int o0) {
        FloatVector s00 = FloatVector.zero(VectorLanes.S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        for (int p = 0; p < k; p++) {
            int o = p * W;
            FloatVector y0 = FloatVector.fromArray(VectorLanes.S, bp, b0 + o);
            FloatVector y1 = FloatVector.fromArray(VectorLanes.S, bp, b0 + o + L);
            FloatVector y2 = FloatVector.fromArray(VectorLanes.S, bp, b1 + o);
            FloatVector y3 = FloatVector.fromArray(VectorLanes.S, bp, b1 + o + L);
            FloatVector x = FloatVector.broadcast(VectorLanes.S, a[a0 + p]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            s02 = x.fma(y2, s02);
            s03 = x.fma(y3, s03);
            x = FloatVector.broadcast(VectorLanes.S, a[a1 + p]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            s12 = x.fma(y2, s12);
            s13 = x.fma(y3, s13);
        }
        s00.intoArray(out, o0);
        s01.intoArray(out, o0 + L);
        s02.intoArray(out, o0 + W);
        s03.intoArray(out, o0 + W + L);
        s10.intoArray(out, o0 + 2 * W);
        s11.intoArray(out, o0 + 2 * W + L);
        s12.intoArray(out, o0 + 3 * W);
        s13.intoArray(out, o0 + 3 * W + L);
    }

    /** Puts (or adds) the first {@code w} columns of {@code rows} rows of the tile (row stride W) into C. */
    private static void drain(float[] tile, int rows, int w, boolean acc, float[] c, int c0, int ldc) {
        VectorTiles.drain(tile, 0, W, rows, w, acc, c, c0, ldc);
    }

    /**
     * One row times four panels over terms p in [p0, p1): eight accumulators, started from zero or, with
     * {@code resume}, from the sums in C.
     */
    private static void k1x4(int p0, int p1, boolean resume, float[] a, int a0, float[] bp, int b0, int step,
                             float[] c, int c0) {
        FloatVector s0 = FloatVector.zero(VectorLanes.S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        if (resume) {
            s0 = FloatVector.fromArray(VectorLanes.S, c, c0);
            s1 = FloatVector.fromArray(VectorLanes.S, c, c0 + L);
            s2 = FloatVector.fromArray(VectorLanes.S, c, c0 + W);
            s3 = FloatVector.fromArray(VectorLanes.S, c, c0 + W + L);
            s4 = FloatVector.fromArray(VectorLanes.S, c, c0 + 2 * W);
            s5 = FloatVector.fromArray(VectorLanes.S, c, c0 + 2 * W + L);
            s6 = FloatVector.fromArray(VectorLanes.S, c, c0 + 3 * W);
            s7 = FloatVector.fromArray(VectorLanes.S, c, c0 + 3 * W + L);
        }
        int b1 = b0 + step;
        int b2 = b1 + step;
        int b3 = b2 + step;
        for (int p = p0; p < p1; p++) {
            int o = p * W;
            FloatVector x = FloatVector.broadcast(VectorLanes.S, a[a0 + p]);
            s0 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b0 + o), s0);
            s1 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b0 + o + L), s1);
            s2 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b1 + o), s2);
            s3 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b1 + o + L), s3);
            s4 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b2 + o), s4);
            s5 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b2 + o + L), s5);
            s6 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b3 + o), s6);
            s7 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, b3 + o + L), s7);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
        s2.intoArray(c, c0 + W);
        s3.intoArray(c, c0 + W + L);
        s4.intoArray(c, c0 + 2 * W);
        s5.intoArray(c, c0 + 2 * W + L);
        s6.intoArray(c, c0 + 3 * W);
        s7.intoArray(c, c0 + 3 * W + L);
    }
}
