package dev.elman.math;

/**
 * The numeric primitives the engine is written against, over flat row-major arrays of type {@code A}
 * ({@code float[]} for real work, {@code double[]} for gradient checks).
 *
 * <p>Every method names the arrays it writes ({@code c}, {@code out}, {@code grad}, {@code inOut}); all others are
 * read only. Offsets and leading dimensions are in elements. Implementations must be stateless (safe to share between
 * threads) and must compute every output element with a summation order that does not depend on how many rows are in
 * the call, so that a sequence gives the same bits alone or inside a batch.
 *
 * @param <A> the array type
 */
public interface Kernels<A> {

    /** A short name for logs and benchmarks, e.g. {@code "float-reference"}. */
    String name();

    /** A new zeroed array of {@code n} elements. */
    A alloc(int n);

    /** Number of elements of {@code a}. */
    int length(A a);

    /** Element {@code i} of {@code a} as a double. */
    double get(A a, int i);

    /** Sets element {@code i} of {@code a} (rounded to the array's precision). */
    void set(A a, int i, double value);

    /** Fills {@code out[off, off+n)} with {@code value}. */
    void fill(A out, int off, int n, double value);

    /** Copies {@code n} elements from {@code src[srcOff..]} to {@code out[outOff..]}. */
    void copy(A src, int srcOff, A out, int outOff, int n);

    /** True if {@code x[xOff, xOff+n)} and {@code y[yOff, yOff+n)} hold the same bits (any NaN equals any NaN). */
    default boolean sameBits(A x, int xOff, A y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            if (Double.doubleToLongBits(get(x, xOff + i)) != Double.doubleToLongBits(get(y, yOff + i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code inOut[off+i] += x[xOff+i]} for {@code i < n}. */
    void addInPlace(A x, int xOff, A inOut, int off, int n);

    /**
     * General matrix product {@code C = op(A)·op(B)} or, with {@code accumulate}, {@code C += op(A)·op(B)}, where
     * {@code op(A)} is m×k and {@code op(B)} is k×n, all row-major with the given leading dimensions. With
     * {@code transA} the stored A is k×m; with {@code transB} the stored B is n×k.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              A a, int aOff, int lda, A b, int bOff, int ldb,
              boolean accumulate, A c, int cOff, int ldc);

    /**
     * Elements {@link #packRight} writes for a k×n op(B). The default layout is a plain row-major copy; fast kernels
     * use their own.
     */
    default int packedRightSize(int k, int n) {
        return Math.multiplyExact(k, n);
    }

    /**
     * Writes op(B) (k×n; B stored n×k when {@code transB}) into {@code packed}, laid out for
     * {@link #gemmPackedRight}: a right-hand factor used in many products, such as W at every time step, is laid
     * out once instead of once per product.
     */
    default void packRight(boolean transB, int k, int n, A b, int bOff, int ldb, A packed) {
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                set(packed, p * n + j, get(b, transB ? bOff + j * ldb + p : bOff + p * ldb + j));
            }
        }
    }

    /**
     * {@code C = A·op(B)} or {@code C += A·op(B)} for a row-major m×k A and an op(B) written by {@link #packRight}
     * (k×n); every element gets the same bits as {@link #gemm} without transposes would give it.
     */
    default void gemmPackedRight(int m, int n, int k, A a, int aOff, int lda, A packed,
                                 boolean accumulate, A c, int cOff, int ldc) {
        gemm(false, false, m, n, k, a, aOff, lda, packed, 0, n, accumulate, c, cOff, ldc);
    }

    /**
     * Columns {@code [j0, j1)} of {@link #gemmPackedRight} ({@code C = A·op(B)}, op(B) k×n laid out by
     * {@link #packRight}) on the calling thread alone, written to C's columns {@code [j0, j1)}; {@code j0} is a
     * multiple of {@link #COLUMN_BLOCK}. Every element gets the bits the whole product gives it.
     */
    default void gemmPackedRightColumns(int m, int j0, int j1, int n, int k, A a, int aOff, int lda, A packed,
                                        A c, int cOff, int ldc) {
        gemm(false, false, m, j1 - j0, k, a, aOff, lda, packed, j0, n, false, c, cOff + j0, ldc);
    }

    /**
     * Terms p in [p0, p1) of {@link #gemmPackedRightColumns}: C's columns {@code [j0, j1)} get the sums of those
     * terms when p0 = 0 and carry on from the sums already there otherwise, so that spans covering [0, k) in order
     * give every element the bits of the whole product. The parts of a split recurrence use it to start on the
     * columns of h(t-1) they formed themselves before the others' arrive. Only where {@link #splitsSums()}.
     */
    default void gemmPackedSpan(int m, int j0, int j1, int n, int k, int p0, int p1, A a, int aOff, int lda,
                                A packed, A c, int cOff, int ldc) {
        throw new UnsupportedOperationException(name() + " does not split a product's sums");
    }

    /** Whether {@link #gemmPackedSpan} is available. */
    default boolean splitsSums() {
        return false;
    }

    /** The column blocks that {@link #gemmPackedRightColumns} may start at: multiples of 32. */
    int COLUMN_BLOCK = 32;

    /** How many parts {@link #runTogether} runs at the same time: the thread count (1: none split). */
    default int parts() {
        return 1;
    }

    /**
     * Runs every part of {@code job} at the same time, part 0 on the calling thread, and returns true when all have
     * ended; returns false, having run nothing, when this instance has one thread or its threads are busy with
     * another caller's work (the caller then does the work itself).
     */
    default boolean runTogether(PartsJob job) {
        return false;
    }

    /** Adds {@code bias[biasOff, biasOff+cols)} to each of {@code rows} rows of {@code inOut} (row stride = cols). */
    void addRowVector(A bias, int biasOff, A inOut, int off, int rows, int cols);

    /** {@code out[j] += Σ_r x[r][j]} over {@code rows} rows of width {@code cols}: the gradient of a bias. */
    void addColumnSums(A x, int off, int rows, int cols, A out, int outOff);

    /** Applies the activation in place to {@code inOut[off, off+n)}. */
    void activate(Activation f, A inOut, int off, int n);

    /**
     * {@code inOut = f(inOut + x)} over {@code inOut[off, off+n)}: the bits of {@link #addInPlace} followed by
     * {@link #activate}, in one pass where the kernels have one.
     */
    default void addActivate(Activation f, A x, int xOff, A inOut, int off, int n) {
        addInPlace(x, xOff, inOut, off, n);
        activate(f, inOut, off, n);
    }

    /**
     * {@code out = f(y + x)} over {@code out[outOff, outOff+n)}, x and y left as they are: the bits of
     * {@link #addActivate} on a copy of y (the add of a product to a row of a table, without copying the row first).
     */
    default void addActivateInto(Activation f, A x, int xOff, A y, int yOff, A out, int outOff, int n) {
        copy(y, yOff, out, outOff, n);
        addActivate(f, x, xOff, out, outOff, n);
    }

    /**
     * Turns {@code gradInOut} = dL/dh into dL/da in place, given the activation's outputs {@code h}:
     * times {@code 1-h²} for tanh, times {@code [h>0]} for relu.
     */
    void activationBackward(Activation f, A h, int hOff, A gradInOut, int off, int n);

    /** {@code out[r] = table[ids[idOff+r]]} for {@code rows} rows of width {@code cols} (an embedding lookup). */
    void gatherRows(A table, int cols, int[] ids, int idOff, int rows, A out, int outOff);

    /** {@code grad[ids[idOff+r]] += x[r]} for {@code rows} rows of width {@code cols} (embedding gradient). */
    void scatterAddRows(A x, int xOff, int rows, int cols, int[] ids, int idOff, A grad);

    /**
     * {@code out[r][j] += m[j][ids[idOff+r]]} for a row-major {@code m} of shape {@code cols × width}: the product
     * {@code M·x} for one-hot {@code x}, without materialising {@code x}.
     */
    void addGatheredColumns(A m, int width, int cols, int[] ids, int idOff, int rows, A out, int outOff);

    /** {@code grad[j][ids[idOff+r]] += x[r][j]}: the gradient of {@link #addGatheredColumns} with respect to m. */
    void scatterAddColumns(A x, int xOff, int rows, int cols, int[] ids, int idOff, A grad, int width);

    /**
     * Softmax cross-entropy of {@code rows} rows of logits (width {@code cols}) against {@code labels}; rows whose
     * label equals {@code ignoreLabel} contribute nothing. Writes {@code scale·(softmax − onehot)} into
     * {@code grad} (zero on ignored rows) unless {@code grad} is null, and returns the summed loss in nats.
     * Labels outside {@code [0, cols)} other than the ignore label are rejected.
     */
    double softmaxCrossEntropy(A logits, int off, int rows, int cols, int[] labels, int labelOff,
                               int ignoreLabel, double scale, A grad, int gradOff);

    /** Writes the softmax of each of {@code rows} rows of {@code logits} into {@code out}. */
    void softmax(A logits, int off, int rows, int cols, A out, int outOff);

    /** {@code Σ x[i]²} over {@code x[off, off+n)}, accumulated in double. */
    double sumOfSquares(A x, int off, int n);

    /** {@code inOut[i] *= s} over {@code inOut[off, off+n)}. */
    void scale(A inOut, int off, int n, double s);

    /** {@code inOut[off+i] *= x[xOff+i]} for {@code i < n} (e.g. applying a dropout mask). */
    default void multiplyInPlace(A x, int xOff, A inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            set(inOut, off + i, get(inOut, off + i) * get(x, xOff + i));
        }
    }

    /** True if any element of {@code x[off, off+n)} is NaN or infinite. */
    boolean hasNonFinite(A x, int off, int n);
}
