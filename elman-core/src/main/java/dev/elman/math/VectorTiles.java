package dev.elman.math;

import jdk.incubator.vector.FloatVector;

/**
 * The register tiles of the broadcast products ({@link VectorBroadcastGemm}, {@link VectorPackedGemm}): r rows of
 * C (6, 4, 2 or 1) × {@link #W} columns, from a strip of A packed p-major ({@code ap[a0 + p*r + i]}) and a panel of B
 * ({@code bp[b0 + p*W + j]}). Each element is {@code s = fma(a[i][p], b[p][j], s)} over increasing p, starting
 * from zero, or with {@code resume} from the partial sums already in {@code out} (a later block of p). Tiles only
 * store: a vector passed to a method C2 did not inline would be boxed on the heap.
 */
final class VectorTiles {
    private static final int L = VectorLanes.L;
    /** The panel width: two vectors. */
    static final int W = 2 * L;

    private VectorTiles() {
    }

    /** Six rows: twelve accumulators, each broadcast of an A element feeding two fma. */
    static void t6(int k, float[] ap, int a0, float[] bp, int b0, float[] out, int o0, int ldo, boolean resume) {
        FloatVector z = FloatVector.zero(VectorLanes.S);
        FloatVector s00 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0) : z;
        FloatVector s01 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + L) : z;
        FloatVector s10 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo) : z;
        FloatVector s11 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo + L) : z;
        FloatVector s20 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 2 * ldo) : z;
        FloatVector s21 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 2 * ldo + L) : z;
        FloatVector s30 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 3 * ldo) : z;
        FloatVector s31 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 3 * ldo + L) : z;
        FloatVector s40 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 4 * ldo) : z;
        FloatVector s41 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 4 * ldo + L) : z;
        FloatVector s50 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 5 * ldo) : z;
        FloatVector s51 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 5 * ldo + L) : z;
        // running indices rather than a0 + 6p and b0 + Wp: C2's loop then has about ten integer instructions
        // fewer per pass, which competed with the twelve fma for the core's dispatch slots (+5% in isolation)
        for (int ai = a0, bi = b0, end = a0 + 6 * k; ai < end; ai += 6, bi += W) {
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
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 4]);
            s40 = x.fma(y0, s40);
            s41 = x.fma(y1, s41);
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 5]);
            s50 = x.fma(y0, s50);
            s51 = x.fma(y1, s51);
        }
        s00.intoArray(out, o0);
        s01.intoArray(out, o0 + L);
        s10.intoArray(out, o0 + ldo);
        s11.intoArray(out, o0 + ldo + L);
        s20.intoArray(out, o0 + 2 * ldo);
        s21.intoArray(out, o0 + 2 * ldo + L);
        s30.intoArray(out, o0 + 3 * ldo);
        s31.intoArray(out, o0 + 3 * ldo + L);
        s40.intoArray(out, o0 + 4 * ldo);
        s41.intoArray(out, o0 + 4 * ldo + L);
        s50.intoArray(out, o0 + 5 * ldo);
        s51.intoArray(out, o0 + 5 * ldo + L);
    }

    /**
     * Whether products use the six-row tile. JDK 17's C2 keeps its twelve accumulators, two panel vectors and a
     * broadcast in AVX2's sixteen registers; JDK 25's loads several broadcasts ahead, spills an accumulator to the
     * stack and runs the tile at half speed, where the four-row tile keeps its pace. Tiles never change the bits.
     * {@code elman.tile.six} (true or false; other values are ignored) overrides the choice by JDK.
     */
    static final boolean SIX = sixRowTile(System.getProperty("elman.tile.six"), Runtime.version().feature());

    /** The choice of {@link #SIX}: {@code forced} if it is true or false (any case), else by the JDK's release. */
    static boolean sixRowTile(String forced, int jdkFeature) {
        if ("true".equalsIgnoreCase(forced) || "false".equalsIgnoreCase(forced)) {
            return Boolean.parseBoolean(forced);
        }
        return jdkFeature < 25;
    }

    /**
     * The width (6, 4, 2 or 1 rows) of the strip that starts at row {@code s} of an m-row A: sixes (when {@link #SIX}),
     * except that eight remaining rows become two fours (a two-row tile runs at half speed), then a four, a two, a one.
     */
    static int strip(int s, int m) {
        int left = m - s;
        if (SIX && left >= 6 && left != 8) {
            return 6;
        }
        return left >= 4 ? 4 : left >= 2 ? 2 : 1;
    }

    /**
     * Puts ({@code c = s}) or adds ({@code c = c + s}) a rows×cols block of sums {@code s} (row stride lds) into C;
     * lane-wise adds give the same bits as scalar ones.
     */
    static void drain(float[] s, int s0, int lds, int rows, int cols, boolean acc, float[] c, int c0, int ldc) {
        for (int i = 0; i < rows; i++) {
            int si = s0 + i * lds;
            int ci = c0 + i * ldc;
            int j = 0;
            if (acc) {   // two loops rather than a vector chosen by a branch, whose exact type C2 can lose
                for (; j + L <= cols; j += L) {
                    FloatVector.fromArray(VectorLanes.S, c, ci + j).add(FloatVector.fromArray(VectorLanes.S, s, si + j))
                            .intoArray(c, ci + j);
                }
            } else {
                for (; j + L <= cols; j += L) {
                    FloatVector.fromArray(VectorLanes.S, s, si + j).intoArray(c, ci + j);
                }
            }
            for (; j < cols; j++) {
                c[ci + j] = acc ? c[ci + j] + s[si + j] : s[si + j];
            }
        }
    }

    /** Whether the last strip of an m-row A is a single row. */
    static boolean endsWithSingle(int m) {
        int s = 0;
        int width = 0;
        while (s < m) {
            width = strip(s, m);
            s += width;
        }
        return width == 1;
    }

    /** The tile of a strip's width. */
    static void tile(int width, int k, float[] ap, int a0, float[] bp, int b0, float[] out, int o0, int ldo,
                     boolean resume) {
        switch (width) {
            case 6 -> t6(k, ap, a0, bp, b0, out, o0, ldo, resume);
            case 4 -> t4(k, ap, a0, bp, b0, out, o0, ldo, resume);
            case 2 -> t2(k, ap, a0, bp, b0, out, o0, ldo, resume);
            default -> t1(k, ap, a0, bp, b0, out, o0, resume);
        }
    }

    /**
     * Copies rows {@code [0, m)} of op(A) (element (i, p) at {@code a[a0 + i*ars + p*aks]}, p below kl) into the
     * strips of {@link #strip}, p-major inside a strip: the strip holding row s starts at {@code s*kl}, and its row
     * s + r sits at {@code s*kl + p*width + r}.
     */
    static void packA(int m, int kl, float[] a, int a0, int ars, int aks, float[] ap) {
        for (int s = 0; s < m; ) {
            int width = strip(s, m);
            int base = s * kl;
            if (ars == 1 && width == 6) {
                // TN: the values of a strip at one p are adjacent in memory, so one vector moves them; its lanes
                // past the sixth land where the next p's (or the next strip's) values go, and are overwritten there
                int p = 0;
                if (L >= 6) {
                    int vectorPs = Math.min(kl, Math.min(fits(a.length, a0 + s, aks), fits(ap.length, base, 6)));
                    for (int ai = a0 + s, o = base; p < vectorPs; p++, ai += aks, o += 6) {
                        FloatVector.fromArray(VectorLanes.S, a, ai).intoArray(ap, o);
                    }
                }
                for (int ai = a0 + s + p * aks, o = base + p * 6; p < kl; p++, ai += aks, o += 6) {
                    ap[o] = a[ai];
                    ap[o + 1] = a[ai + 1];
                    ap[o + 2] = a[ai + 2];
                    ap[o + 3] = a[ai + 3];
                    ap[o + 4] = a[ai + 4];
                    ap[o + 5] = a[ai + 5];
                }
            } else if (ars == 1) {
                for (int p = 0; p < kl; p++) {
                    int ai = a0 + p * aks + s;
                    int o = base + p * width;
                    for (int r = 0; r < width; r++) {
                        ap[o + r] = a[ai + r];
                    }
                }
            } else if (width == 6 && aks == 1) {
                // NN, the common case: six row streams read in step, the strip written in order; the output index
                // computed from p (not a running one) lets C2 drop its range checks (packing 0.865 of the time)
                int r0 = a0 + s * ars;
                int r1 = r0 + ars;
                int r2 = r1 + ars;
                int r3 = r2 + ars;
                int r4 = r3 + ars;
                int r5 = r4 + ars;
                for (int p = 0; p < kl; p++) {
                    int o = base + 6 * p;
                    ap[o] = a[r0 + p];
                    ap[o + 1] = a[r1 + p];
                    ap[o + 2] = a[r2 + p];
                    ap[o + 3] = a[r3 + p];
                    ap[o + 4] = a[r4 + p];
                    ap[o + 5] = a[r5 + p];
                }
            } else if (width == 4 && aks == 1) {
                // the 4-row strip that ends a 16-row shard, unrolled as the six-row one (a loop over r is slower)
                int r0 = a0 + s * ars;
                int r1 = r0 + ars;
                int r2 = r1 + ars;
                int r3 = r2 + ars;
                for (int p = 0; p < kl; p++) {
                    int o = base + 4 * p;
                    ap[o] = a[r0 + p];
                    ap[o + 1] = a[r1 + p];
                    ap[o + 2] = a[r2 + p];
                    ap[o + 3] = a[r3 + p];
                }
            } else {
                for (int r = 0; r < width; r++) {
                    int ai = a0 + (s + r) * ars;
                    for (int p = 0; p < kl; p++) {
                        ap[base + p * width + r] = a[ai + p * aks];
                    }
                }
            }
            s += width;
        }
    }

    /** How many of the offsets {@code at + p*stride}, p = 0, 1, ..., start a whole vector in an array of length n. */
    private static int fits(int n, int at, int stride) {
        return n - L < at ? 0 : (n - L - at) / stride + 1;
    }

    /** Four rows: eight accumulators, enough independent chains to keep both fma units busy. */
    static void t4(int k, float[] ap, int a0, float[] bp, int b0, float[] out, int o0, int ldo, boolean resume) {
        FloatVector z = FloatVector.zero(VectorLanes.S);
        FloatVector s00 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0) : z;
        FloatVector s01 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + L) : z;
        FloatVector s10 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo) : z;
        FloatVector s11 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo + L) : z;
        FloatVector s20 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 2 * ldo) : z;
        FloatVector s21 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 2 * ldo + L) : z;
        FloatVector s30 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 3 * ldo) : z;
        FloatVector s31 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + 3 * ldo + L) : z;
        for (int ai = a0, bi = b0, end = a0 + 4 * k; ai < end; ai += 4, bi += W) {   // as in t6
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
        s00.intoArray(out, o0);
        s01.intoArray(out, o0 + L);
        s10.intoArray(out, o0 + ldo);
        s11.intoArray(out, o0 + ldo + L);
        s20.intoArray(out, o0 + 2 * ldo);
        s21.intoArray(out, o0 + 2 * ldo + L);
        s30.intoArray(out, o0 + 3 * ldo);
        s31.intoArray(out, o0 + 3 * ldo + L);
    }

    /** Two rows. */
    static void t2(int k, float[] ap, int a0, float[] bp, int b0, float[] out, int o0, int ldo, boolean resume) {
        FloatVector z = FloatVector.zero(VectorLanes.S);
        FloatVector s00 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0) : z;
        FloatVector s01 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + L) : z;
        FloatVector s10 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo) : z;
        FloatVector s11 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + ldo + L) : z;
        for (int p = 0; p < k; p++) {
            int bi = b0 + p * W;
            int ai = a0 + p * 2;
            FloatVector y0 = FloatVector.fromArray(VectorLanes.S, bp, bi);
            FloatVector y1 = FloatVector.fromArray(VectorLanes.S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(VectorLanes.S, ap[ai]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.broadcast(VectorLanes.S, ap[ai + 1]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
        }
        s00.intoArray(out, o0);
        s01.intoArray(out, o0 + L);
        s10.intoArray(out, o0 + ldo);
        s11.intoArray(out, o0 + ldo + L);
    }

    /** One row of a packed strip ({@code ap[a0 + p]}), as {@link #t6}. */
    static void t1(int k, float[] ap, int a0, float[] bp, int b0, float[] out, int o0, boolean resume) {
        FloatVector z = FloatVector.zero(VectorLanes.S);
        FloatVector s0 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0) : z;
        FloatVector s1 = resume ? FloatVector.fromArray(VectorLanes.S, out, o0 + L) : z;
        for (int p = 0; p < k; p++) {
            int bi = b0 + p * W;
            FloatVector x = FloatVector.broadcast(VectorLanes.S, ap[a0 + p]);
            s0 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, bi), s0);
            s1 = x.fma(FloatVector.fromArray(VectorLanes.S, bp, bi + L), s1);
        }
        s0.intoArray(out, o0);
        s1.intoArray(out, o0 + L);
    }
}
