package dev.elman.math;

/**
 * Plain-loop float32 kernels: the oracle the tests hold the fast kernels to. Every product is a textbook triple loop
 * summing over k in increasing order.
 */
public final class FloatReferenceKernels implements Kernels<float[]> {

    /** The shared instance (the class is stateless). */
    public static final FloatReferenceKernels INSTANCE = new FloatReferenceKernels();

    private FloatReferenceKernels() {
    }

    @Override
    public String name() {
        return "float-reference";
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
        java.util.Arrays.fill(out, off, off + n, (float) value);
    }

    @Override
    public void copy(float[] src, int srcOff, float[] out, int outOff, int n) {
        System.arraycopy(src, srcOff, out, outOff, n);
    }

    @Override
    public void addInPlace(float[] x, int xOff, float[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] += x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     boolean accumulate, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    @Override
    public void addRowVector(float[] bias, int biasOff, float[] inOut, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                inOut[off + r * cols + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void addColumnSums(float[] x, int off, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[off + r * cols + j];
            }
        }
    }

    @Override
    public void activate(Activation f, float[] inOut, int off, int n) {
        for (int i = off; i < off + n; i++) {
            inOut[i] = f == Activation.TANH ? (float) Math.tanh(inOut[i]) : Math.max(0f, inOut[i]);
        }
    }

    @Override
    public void activationBackward(Activation f, float[] h, int hOff, float[] gradInOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            float hv = h[hOff + i];
            float d = f == Activation.TANH ? 1f - hv * hv : (hv > 0f ? 1f : 0f);
            gradInOut[off + i] *= d;
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
        for (int r = 0; r < rows; r++) {
            int g = ids[idOff + r] * cols;
            for (int j = 0; j < cols; j++) {
                grad[g + j] += x[xOff + r * cols + j];
            }
        }
    }

    @Override
    public void addGatheredColumns(float[] m, int width, int cols, int[] ids, int idOff, int rows,
                                   float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int id = ids[idOff + r];
            for (int j = 0; j < cols; j++) {
                out[outOff + r * cols + j] += m[j * width + id];
            }
        }
    }

    @Override
    public void scatterAddColumns(float[] x, int xOff, int rows, int cols, int[] ids, int idOff,
                                  float[] grad, int width) {
        for (int r = 0; r < rows; r++) {
            int id = ids[idOff + r];
            for (int j = 0; j < cols; j++) {
                grad[j * width + id] += x[xOff + r * cols + j];
            }
        }
    }

    @Override
    public double softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                                      int ignoreLabel, double scale, float[] grad, int gradOff) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[labelOff + r];
            int row = off + r * cols;
            int g = gradOff + r * cols;
            if (label == ignoreLabel) {
                if (grad != null) {
                    java.util.Arrays.fill(grad, g, g + cols, 0f);
                }
                continue;
            }
            KernelChecks.checkLabel(label, cols, labelOff + r);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            double logZ = max + Math.log(sum);
            loss += logZ - logits[row + label];
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    double p = Math.exp(logits[row + j] - logZ);
                    grad[g + j] = (float) (scale * (j == label ? p - 1 : p));
                }
            }
        }
        return loss;
    }

    @Override
    public void softmax(float[] logits, int off, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                out[outOff + r * cols + j] = (float) (Math.exp(logits[row + j] - max) / sum);
            }
        }
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
