package dev.elman.math;

/**
 * A single-threaded float matrix product with the meaning of {@link Kernels#gemm}. Implementations compute each
 * output element in an order that depends only on k (and the machine), never on m, n or the element's position, so
 * any split of the output into blocks gives the same bits.
 */
interface FloatGemm {

    /** See {@link Kernels#gemm}. */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              boolean accumulate, float[] c, int cOff, int ldc);

    /** Elements of the packed form of a k×n op(B) (see {@link Kernels#packedRightSize}). */
    int packedSize(int k, int n);

    /** Writes op(B) (k×n; stored n×k when {@code transB}) into {@code packed} in this product's layout. */
    void pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed);

    /**
     * Columns {@code [j0, j0+n)} of A·op(B), with A m×k row-major and op(B) k×nb packed by {@link #pack}; {@code j0}
     * is a multiple of 32. Each element summed exactly as {@code gemm(false, false, ...)} sums it.
     */
    void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, int nb, int j0,
                    boolean accumulate, float[] c, int cOff, int ldc);

    /**
     * Terms p in [p0, p1) of columns {@code [j0, j0+n)} of {@link #gemmPacked} (without accumulate), into C's
     * columns [0, n) at {@code cOff}: their sums when p0 = 0, else carried on from the sums already there. Spans
     * covering [0, k) in order give each element the bits of the whole product.
     */
    void gemmPackedSpan(int m, int n, int k, int p0, int p1, float[] a, int aOff, int lda, float[] packed, int nb,
                        int j0, float[] c, int cOff, int ldc);
}
