package dev.elman.math;

/**
 * Splits large products over a fixed number of threads: the rows of C (when m ≥ n) or its columns, in contiguous
 * parts fixed by the shape and the thread count alone. The inner GEMM sums every element in an order that does not
 * depend on the block the element falls in, and k is never split, so results are bit-identical for any thread count.
 */
final class ParallelGemm implements FloatGemm {
    /**
     * Products below this many flops (2·m·n·k) run on the calling thread: handing parts to parked threads costs
     * some microseconds, and 2^21 flops take about 50 µs on one core.
     */
    static final long DEFAULT_MIN_FLOPS = Long.getLong("elman.gemm.minParallelFlops", 1L << 21);
    private static final int ROW_ALIGN = 4;
    private static final int COL_ALIGN = 32;

    private final FloatGemm inner;
    private final GemmWorkers workers;
    private final long minFlops;
    private final ThreadLocal<Split> splits = ThreadLocal.withInitial(Split::new);

    ParallelGemm(FloatGemm inner, int threads, long minFlops) {
        this.inner = inner;
        this.workers = GemmWorkers.shared(threads);
        this.minFlops = minFlops;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     boolean accumulate, float[] c, int cOff, int ldc) {
        boolean byRows = m >= n;
        int total = byRows ? m : n;
        int align = byRows ? ROW_ALIGN : COL_ALIGN;
        if (2.0 * m * n * k < minFlops || total < 2 * align) {
            inner.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            return;
        }
        Split s = splits.get();
        s.set(inner, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc,
                byRows, align, workers.parts());
        try {
            if (!workers.tryRun(s)) {
                inner.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
        } finally {
            s.clear();
        }
    }

    @Override
    public int packedSize(int k, int n) {
        return inner.packedSize(k, n);
    }

    @Override
    public void pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        inner.pack(transB, k, n, b, bOff, ldb, packed);
    }

    @Override
    public void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, int nb, int j0,
                           boolean accumulate, float[] c, int cOff, int ldc) {
        boolean byRows = n < 2 * COL_ALIGN;
        int total = byRows ? m : n;
        int align = byRows ? ROW_ALIGN : COL_ALIGN;
        if (2.0 * m * n * k < minFlops || total < 2 * align) {
            inner.gemmPacked(m, n, k, a, aOff, lda, packed, nb, j0, accumulate, c, cOff, ldc);
            return;
        }
        Split s = splits.get();
        s.set(inner, false, false, m, n, k, a, aOff, lda, packed, j0, nb, accumulate, c, cOff, ldc,
                byRows, align, workers.parts());
        s.packed = true;
        try {
            if (!workers.tryRun(s)) {
                inner.gemmPacked(m, n, k, a, aOff, lda, packed, nb, j0, accumulate, c, cOff, ldc);
            }
        } finally {
            s.clear();
        }
    }

    @Override
    public void gemmPackedSpan(int m, int n, int k, int p0, int p1, float[] a, int aOff, int lda, float[] packed,
                               int nb, int j0, float[] c, int cOff, int ldc) {
        inner.gemmPackedSpan(m, n, k, p0, p1, a, aOff, lda, packed, nb, j0, c, cOff, ldc);
    }

    /** The arguments of one split product; one instance per calling thread, reused. */
    private static final class Split implements GemmWorkers.Job {
        private FloatGemm inner;
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private float[] a;
        private int aOff;
        private int lda;
        private float[] b;
        private int bOff;
        private int ldb;
        private boolean acc;
        private float[] c;
        private int cOff;
        private int ldc;
        private boolean byRows;
        private int align;
        private int parts;
        /** With a packed B: {@code bOff} is the first column j0 and {@code ldb} the packed width nb. */
        private boolean packed;

        void set(FloatGemm inner, boolean transA, boolean transB, int m, int n, int k,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean acc,
                 float[] c, int cOff, int ldc, boolean byRows, int align, int parts) {
            this.inner = inner;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.acc = acc;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.byRows = byRows;
            this.align = align;
            this.parts = parts;
            this.packed = false;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int part) {
            int total = byRows ? m : n;
            int units = (total + align - 1) / align;
            int lo = Math.min(total, align * (int) ((long) units * part / parts));
            int hi = Math.min(total, align * (int) ((long) units * (part + 1) / parts));
            if (lo >= hi) {
                return;
            }
            if (packed) {
                if (byRows) {
                    inner.gemmPacked(hi - lo, n, k, a, aOff + lo * lda, lda, b, ldb, bOff, acc, c, cOff + lo * ldc,
                            ldc);
                } else {
                    inner.gemmPacked(m, hi - lo, k, a, aOff, lda, b, ldb, bOff + lo, acc, c, cOff + lo, ldc);
                }
            } else if (byRows) {
                int aAt = aOff + lo * (transA ? 1 : lda);
                inner.gemm(transA, transB, hi - lo, n, k, a, aAt, lda, b, bOff, ldb, acc, c, cOff + lo * ldc, ldc);
            } else {
                int bAt = bOff + lo * (transB ? ldb : 1);
                inner.gemm(transA, transB, m, hi - lo, k, a, aOff, lda, b, bAt, ldb, acc, c, cOff + lo, ldc);
            }
        }
    }
}
