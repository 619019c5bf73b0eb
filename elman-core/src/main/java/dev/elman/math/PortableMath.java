package dev.elman.math;

/**
 * Scalar float exp, tanh and softmax without {@code Math.exp}/{@code Math.tanh} (which work in double and, for tanh
 * on JDK 17, in software): polynomial approximations with errors below float rounding, evaluated with plain
 * multiplies and adds so that they need no FMA hardware.
 *
 * <p>{@link #exp}: Cody–Waite reduction {@code x = n·ln2 + r}, {@code |r| ≤ ln2/2}, a degree-6 polynomial
 * fitted for relative error 3e-9 on that range, and {@code 2^n} built from the exponent bits; inputs are clamped to
 * [-87, 88], so the result is never subnormal or infinite.
 * {@link #tanh}: for {@code |x| < 0.625} the odd polynomial {@code x + x³·P(x²)} (P of degree 4, fitted for relative
 * error 4.4e-9); above, {@code 1 − 2/(e^{2|x|} + 1)} with the sign of x. Measured error against
 * {@code Math.tanh}: 1.31 ulp over every 7th float in [0, 20] (the rest is exactly ±1); exp: 1.01 ulp on [-87, 0].
 * NaN gives NaN, ±∞ gives ±1, ±0 gives ±0.
 */
final class PortableMath implements FloatMath {

    static final PortableMath INSTANCE = new PortableMath();

    // exp: 2^n·e^r with ln2 split so that n·LN2_HI is exact for |n| < 2^15
    static final float LOG2E = 1.44269504f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 88f;
    // e^r ≈ 1 + r + r²·(E0 + E1 r + E2 r² + E3 r³ + E4 r⁴), |r| ≤ ln2/2
    static final float E0 = 0.4999999344711482f;
    static final float E1 = 0.16666520623650558f;
    static final float E2 = 0.04166838817008871f;
    static final float E3 = 0.008368717713951179f;
    static final float E4 = 0.001381459402353992f;
    // tanh x ≈ x + x³·(T0 + T1 z + T2 z² + T3 z³ + T4 z⁴), z = x², |x| < TANH_POLY_MAX
    static final float TANH_POLY_MAX = 0.625f;
    static final float T0 = -0.33333281936946924f;
    static final float T1 = 0.13331442079108918f;
    static final float T2 = -0.05373970604843842f;
    static final float T3 = 0.02063905971177104f;
    static final float T4 = -0.005704957788647973f;

    private PortableMath() {
    }

    /** e^x in float, to within 2 ulp (clamped to e^-87 .. e^88). */
    static float exp(float x) {
        float v = Math.max(EXP_MIN, Math.min(EXP_MAX, x));
        float n = Math.round(v * LOG2E);
        float r = (v - n * LN2_HI) - n * LN2_LO;
        float p = 1f + (r + r * r * (E0 + r * (E1 + r * (E2 + r * (E3 + r * E4)))));
        float scale = Float.intBitsToFloat(((int) n + 127) << 23);
        return p * scale;
    }

    /** tanh x in float, to within 2 ulp. */
    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_POLY_MAX) {
            float z = x * x;
            return x == 0f ? x : x + x * z * (T0 + z * (T1 + z * (T2 + z * (T3 + z * T4))));
        }
        float y = 1f - 2f / (exp(2f * a) + 1f);
        return x < 0 ? -y : y;
    }

    @Override
    public void tanh(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            x[i] = tanh(x[i]);
        }
    }

    @Override
    public void addTanh(float[] a, int aOff, float[] x, int off, int n) {
        addTanh(a, aOff, x, off, x, off, n);
    }

    @Override
    public void addTanh(float[] a, int aOff, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = tanh(x[xOff + i] + a[aOff + i]);
        }
    }

    @Override
    public void tanhBackward(float[] h, int hOff, float[] g, int off, int n) {
        for (int i = 0; i < n; i++) {
            float hv = h[hOff + i];
            g[off + i] *= 1f - hv * hv;
        }
    }

    @Override
    public void addInPlace(float[] x, int xOff, float[] inOut, int off, int n) {
        for (int i = 0; i < n; i++) {
            inOut[off + i] += x[xOff + i];
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
            float max = rowMax(logits, row, cols);
            double sum = 0;
            if (grad != null) {
                for (int j = 0; j < cols; j++) {
                    float e = exp(logits[row + j] - max);
                    grad[g + j] = e;
                    sum += e;
                }
                float f = (float) (scale / sum);
                for (int j = 0; j < cols; j++) {
                    grad[g + j] *= f;
                }
                grad[g + label] = (float) (scale * (exp(logits[row + label] - max) / sum - 1));
            } else {
                for (int j = 0; j < cols; j++) {
                    sum += exp(logits[row + j] - max);
                }
            }
            loss += max + Math.log(sum) - logits[row + label];
        }
        return loss;
    }

    @Override
    public void softmax(float[] logits, int off, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            int o = outOff + r * cols;
            float max = rowMax(logits, row, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = exp(logits[row + j] - max);
                out[o + j] = e;
                sum += e;
            }
            float f = (float) (1 / sum);
            for (int j = 0; j < cols; j++) {
                out[o + j] *= f;
            }
        }
    }

    static float rowMax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + n; j++) {
            max = Math.max(max, x[j]);
        }
        return max;
    }
}
