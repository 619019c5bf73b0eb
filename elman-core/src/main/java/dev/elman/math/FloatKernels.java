package dev.elman.math;

import java.util.Arrays;

/**
 * Fast float32 kernels: blocked, vectorised matrix products (split over a fixed number of threads when large enough
 * to pay), a polynomial tanh and exp. Instances come from {@link FastKernels}; the portable variant is plain Java,
 * the vector variant uses the incubating Vector API.
 *
 * <p>Every product element is summed in an order fixed by k alone, so a row gives the same bits whatever the number
 * of rows in the call and whatever the thread count. Portable products are bit-identical to
 * {@link FloatReferenceKernels}; vector products use fma and differ from it by rounding. tanh and the softmax's exp
 * are accurate to about 2 ulp (the reference rounds {@code Math.tanh}/{@code Math.exp} from double). Stateless apart
 * from per-thread scratch arrays and the shared worker threads, so one instance may serve many threads.
 */
public final class FloatKernels implements Kernels<float[]> {
    private final String name;
    private final FloatGemm gemm;
    private final FloatMath math;
    private final int threads;
    private final FloatGemm single;
    private final GemmWorkers workers;

    FloatKernels(String name, FloatGemm singleThreaded, FloatMath math, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.name = threads == 1 ? name : name + "-x" + threads;
        this.gemm = threads == 1 ? singleThreaded
                : new ParallelGemm(singleThreaded, threads, ParallelGemm.DEFAULT_MIN_FLOPS);
        this.math = math;
        this.threads = threads;
        this.single = singleThreaded;
        this.workers = threads == 1 ? null : GemmWorkers.shared(threads);
    }

    /** The number of threads a large product is split over (1: the calling thread only). */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[] alloc(int n) {
        return new float[n];
    }

    @Override
    public int length(float[] a) {
        return a.length;
    }

    @Override
    public double get(float[] a, int i) {
        return a[i];
    }

    @Override
    public void set(float[] a, int i, double value) {
        a[i] = (float) value;
    }

    @Override
    public void fill(float[] out, int off, int n, double value) {
        Arrays.fill(out, off, off + n, (float) value);
    }

    @Override
    public void copy(float[] src, int srcOff, float[] out, int outOff, int n) {
        System.arraycopy(src, srcOff, out, outOff, n);
    }

    @Override
    public void multiplyInPlace(float[] x, int xOff, float[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] *= x[xOff + i];
        }
    }

    @Override
    public boolean sameBits(float[] x, int xOff, float[] y, int yOff, int n) {
        return Arrays.equals(x, xOff, xOff + n, y, yOff, yOff + n);
    }

    @Override
    public void addInPlace(float[] x, int xOff, float[] inOut, int off, int n) {
        math.addInPlace(x, xOff, inOut, off, n);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     boolean accumulate, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be non-negative, got m=" + m + " n=" + n
                    + " k=" + k);
        }
        gemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
    }

    @Override
    public int packedRightSize(int k, int n) {
        return gemm.packedSize(k, n);
    }

    @Override
    public void packRight(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("pack dimensions must be non-negative, got k=" + k + " n=" + n);
        }
        gemm.pack(transB, k, n, b, bOff, ldb, packed);
    }

    @Override
    public void gemmPackedRight(int m, int n, int k, float[] a, int aOff, int lda, float[] packed,
                                boolean accumulate, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be non-negative, got m=" + m + " n=" + n
                    + " k=" + k);
        }
        gemm.gemmPacked(m, n, k, a, aOff, lda, packed, n, 0, accumulate, c, cOff, ldc);
    }

    @Override
    public void gemmPackedRightColumns(int m, int j0, int j1, int n, int k, float[] a, int aOff, int lda,
                                       float[] packed, float[] c, int cOff, int ldc) {
        if (m < 0 || k < 0 || j0 < 0 || j0 > j1 || j1 > n || j0 % COLUMN_BLOCK != 0) {
            throw new IllegalArgumentException("columns [" + j0 + ", " + j1 + ") of " + n + " (m=" + m + " k=" + k
                    + "): expected 0 <= j0 <= j1 <= n with j0 a multiple of " + COLUMN_BLOCK);
        }
        single.gemmPacked(m, j1 - j0, k, a, aOff, lda, packed, n, j0, false, c, cOff + j0, ldc);
    }

    @Override
    public void gemmPackedSpan(int m, int j0, int j1, int n, int k, int p0, int p1, float[] a, int aOff, int lda,
                               float[] packed, float[] c, int cOff, int ldc) {
        if (m < 0 || j0 < 0 || j0 > j1 || j1 > n || j0 % COLUMN_BLOCK != 0 || p0 < 0 || p0 > p1 || p1 > k) {
            throw new IllegalArgumentException("columns [" + j0 + ", " + j1 + ") of " + n + ", terms [" + p0 + ", "
                    + p1 + ") of " + k + " (m=" + m + "): expected 0 <= j0 <= j1 <= n with j0 a multiple of "
                    + COLUMN_BLOCK + " and 0 <= p0 <= p1 <= k");
        }
        if (m > 0 && j1 > j0) {
            single.gemmPackedSpan(m, j1 - j0, k, p0, p1, a, aOff, lda, packed, n, j0, c, cOff + j0, ldc);
        }
    }

    @Override
    public boolean splitsSums() {
        return true;
    }

    @Override
    public int parts() {
        return threads;
    }

    @Override
    public boolean runTogether(PartsJob job) {
        return workers != null && workers.tryRunTogether(job);
    }

    @Override
    public void addRowVector(float[] bias, int biasOff, float[] inOut, int off, int rows, int cols) {
        // scalar on purpose: on vector lanes (math.addInPlace per row), C2's compilation of the tanh loop lost its
        // vectors' exact types in 2 of 8 training processes and boxed every vector (2 MB per T step); the other
        // span adds here never did (0 of 8 processes each, 0 of 22 all together)
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            for (int j = 0; j < cols; j++) {
                inOut[o + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void addColumnSums(float[] x, int off, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            math.addInPlace(x, off + r * cols, out, outOff, cols);
        }
    }

    @Override
    public void activate(Activation f, float[] inOut, int off, int n) {
        if (f == Activation.TANH) {
            math.tanh(inOut, off, n);
        } else {
            for (int i = off; i < off + n; i++) {
                inOut[i] = Math.max(0f, inOut[i]);
            }
        }
    }

    @Override
    public void addActivate(Activation f, float[] x, int xOff, float[] inOut, int off, int n) {
        if (f == Activation.TANH) {
            math.addTanh(x, xOff, inOut, off, n);
        } else {
            Kernels.super.addActivate(f, x, xOff, inOut, off, n);
        }
    }

    @Override
    public void addActivateInto(Activation f, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff,
                                int n) {
        if (f == Activation.TANH) {
            math.addTanh(x, xOff, y, yOff, out, outOff, n);
        } else {
            Kernels.super.addActivateInto(f, x, xOff, y, yOff, out, outOff, n);
        }
    }

    @Override
    public void activationBackward(Activation f, float[] h, int hOff, float[] gradInOut, int off, int n) {
        if (f == Activation.TANH) {
            math.tanhBackward(h, hOff, gradInOut, off, n);
        } else {
            for (int i = 0; i < n; i++) {
                gradInOut[off + i] *= h[hOff + i] > 0f ? 1f : 0f;
            }
        }
    }

    @Override
    public void gatherRows(float[] table, int cols, int[] ids, int idOff, int rows, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(table, ids[idOff + r] * cols, out, outOff + r * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(float[] x, int xOff, int rows, int cols, int[] ids, int idOff, float[] grad) {
        math.scatterAddRows(x, xOff, rows, cols, ids, idOff, grad);
    }

    // The one-hot products read and write M by columns, one cache line per element. With at least as many rows as
    // M has columns, they go through a transposed copy of M in per-thread scratch instead, where each row is one
    // contiguous add: the same additions, in the same order, so the same bits.

    @Override
    public void addGatheredColumns(float[] m, int width, int cols, int[] ids, int idOff, int rows,
                                   float[] out, int outOff) {
        if (rows < width) {
            FloatReferenceKernels.INSTANCE.addGatheredColumns(m, width, cols, ids, idOff, rows, out, outOff);
            return;
        }
        float[] mt = GemmScratch.get().transposed(width * cols);
        transpose(m, cols, width, mt);
        for (int r = 0; r < rows; r++) {
            math.addInPlace(mt, column(ids[idOff + r], width) * cols, out, outOff + r * cols, cols);
        }
    }

    @Override
    public void scatterAddColumns(float[] x, int xOff, int rows, int cols, int[] ids, int idOff,
                                  float[] grad, int width) {
        if (rows < width) {
            FloatReferenceKernels.INSTANCE.scatterAddColumns(x, xOff, rows, cols, ids, idOff, grad, width);
            return;
        }
        float[] gt = GemmScratch.get().transposed(width * cols);
        transpose(grad, cols, width, gt);
        for (int r = 0; r < rows; r++) {
            math.addInPlace(x, xOff + r * cols, gt, column(ids[idOff + r], width) * cols, cols);
        }
        transpose(gt, width, cols, grad);
    }

    private static int column(int id, int width) {
        if (id < 0 || id >= width) {
            throw new IndexOutOfBoundsException("column " + id + " of " + width);
        }
        return id;
    }

    /** {@code out[j][i] = a[i][j]} for a row-major rows×cols {@code a}. */
    private static void transpose(float[] a, int rows, int cols, float[] out) {
        for (int i = 0; i < rows; i++) {
            int ai = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = a[ai + j];
            }
        }
    }

    @Override
    public double softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                                      int ignoreLabel, double scale, float[] grad, int gradOff) {
        return math.softmaxCrossEntropy(logits, off, rows, cols, labels, labelOff, ignoreLabel, scale, grad, gradOff);
    }

    @Override
    public void softmax(float[] logits, int off, int rows, int cols, float[] out, int outOff) {
        math.softmax(logits, off, rows, cols, out, outOff);
    }

    @Override
    public double sumOfSquares(float[] x, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    @Override
    public void scale(float[] inOut, int off, int n, double s) {
        float f = (float) s;
        for (int i = off; i < off + n; i++) {
            inOut[i] *= f;
        }
    }

    @Override
    public boolean hasNonFinite(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!Float.isFinite(x[i])) {
                return true;
            }
        }
        return false;
    }
}
