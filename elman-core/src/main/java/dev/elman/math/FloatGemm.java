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
}
