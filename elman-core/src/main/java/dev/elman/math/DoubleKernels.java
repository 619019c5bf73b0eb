package dev.elman.math;

/**
 * Plain-loop float64 kernels: the precision in which the gradient checks run the engine. Every product is a
 * textbook triple loop
 * summing over k in increasing order.
 */
public final class DoubleKernels implements Kernels<double[]> {

    /** The shared instance (the class is stateless). */
    public static final DoubleKernels INSTANCE = new DoubleKernels();

    private DoubleKernels() {
    }

    @Override
    public String name() {
        return "double";
    }

    @Override
    public double[] alloc(int n) {
        return new double[n];
    }

    @Override
    public int length(double[] a) {
        return a.length;
    }

    @Override
    public double get(double[] a, int i) {
        return a[i];
    }

    @Override
    public void set(double[] a, int i, double value) {
        a[i] = value;
    }

    @Override
    public void fill(double[] out, int off, int n, double value) {
        java.util.Arrays.fill(out, off, off + n, value);
    }

    @Override
    public void copy(double[] src, int srcOff, double[] out, int outOff, int n) {
        System.arraycopy(src, srcOff, out, outOff, n);
    }

    @Override
    public void addInPlace(double[] x, int xOff, double[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] += x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     boolean accumulate, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    @Override
    public void addRowVector(double[] bias, int biasOff, double[] inOut, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                inOut[off + r * cols + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void addColumnSums(double[] x, int off, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[outOff + j] += x[off + r * cols + j];
            }
        }
    }

    @Override
    public void activate(Activation f, double[] inOut, int off, int n) {
        for (int i = off; i < off + n; i++) {
            inOut[i] = f == Activation.TANH ? Math.tanh(inOut[i]) : Math.max(0, inOut[i]);
        }
    }

    @Override
    public void activationBackward(Activation f, double[] h, int hOff, double[] gradInOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            double hv = h[hOff + i];
            double d = f == Activation.TANH ? 1 - hv * hv : (hv > 0 ? 1 : 0);
            gradInOut[off + i] *= d;
        }
    }

    @Override
    public void gatherRows(double[] table, int cols, int[] ids, int idOff, int rows, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(table, ids[idOff + r] * cols, out, outOff + r * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(double[] x, int xOff, int rows, int cols, int[] ids, int idOff, double[] grad) {
        for (int r = 0; r < rows; r++) {
            int g = ids[idOff + r] * cols;
            for (int j = 0; j < cols; j++) {
                grad[g + j] += x[xOff + r * cols + j];
            }
        }
    }

    @Override
    public void addGatheredColumns(double[] m, int width, int cols, int[] ids, int idOff, int rows,
                                   double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int id = ids[idOff + r];
            for (int j = 0; j < cols; j++) {
                out[outOff + r * cols + j] += m[j * width + id];
            }
        }
    }

    @Override
    public void scatterAddColumns(double[] x, int xOff, int rows, int cols, int[] ids, int idOff,
                                  double[] grad, int width) {
        for (int r = 0; r < rows; r++) {
            int id = ids[idOff + r];
            for (int j = 0; j < cols; j++) {
                grad[j * width + id] += x[xOff + r * cols + j];
            }
        }
    }

    @Override
    public double softmaxCrossEntropy(double[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                                      int ignoreLabel, double scale, double[] grad, int gradOff) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[labelOff + r];
            int row = off + r * cols;
            int g = gradOff + r * cols;
            if (label == ignoreLabel) {
                if (grad != null) {
                    java.util.Arrays.fill(grad, g, g + cols, 0.0);
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
                    grad[g + j] = scale * (j == label ? p - 1 : p);
                }
            }
        }
        return loss;
    }

    @Override
    public void softmax(double[] logits, int off, int rows, int cols, double[] out, int outOff) {
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
                out[outOff + r * cols + j] = Math.exp(logits[row + j] - max) / sum;
            }
        }
    }

    @Override
    public double sumOfSquares(double[] x, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    @Override
    public void scale(double[] inOut, int off, int n, double s) {
        double f = s;
        for (int i = off; i < off + n; i++) {
            inOut[i] *= f;
        }
    }

    @Override
    public boolean hasNonFinite(double[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!Double.isFinite(x[i])) {
                return true;
            }
        }
        return false;
    }
}
