package dev.elman.math;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of {@link PortableMath}'s exp, tanh and softmax: the same reductions and polynomials,
 * evaluated with fma, so results can differ from the portable ones in the last bit (errors stay within 2 ulp).
 * Built from lane-wise IEEE operations only, never from the API's transcendental operators, whose intrinsic (SVML)
 * and Java fallback can disagree, which would make bits depend on whether C2 had compiled the caller yet.
 * Every element of a tanh goes through the vector code (the tail padded), so its bits do not depend on its position
 * in the array; softmax rows mix vector and scalar exp, but in a split fixed by the row width alone. Adds are
 * lane-wise, with the bits of scalar ones.
 */
final class VectorMath implements FloatMath {

    static final VectorMath INSTANCE = new VectorMath();
    private static final VectorSpecies<Float> S = VectorLanes.S;
    private static final int L = VectorLanes.L;
    private static final float MAGIC = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low bits
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    /** The addend of a plain tanh: x + -0 is x for every x. Never written. */
    private static final float[] NEGATIVE_ZEROS = negativeZeros(512);

    private VectorMath() {
    }

    private static float[] negativeZeros(int n) {
        float[] z = new float[n];
        Arrays.fill(z, -0f);
        return z;
    }

    // No method here takes or returns a vector: a vector crossing a call that C2 declines to inline is boxed on
    // the heap. For each operation C2 inlines a few hundred bytecodes of the Vector API's own methods; past about
    // 8,000 in one compilation (its DesiredMethodLimit) it defers the rest and binds the calls on their results by
    // the receiver's type profile. The tanh loop had five such calls (its last blends and store); in one process of
    // sixteen they stayed virtual and boxed every vector (2-13 MB per training step). With the constants below made
    // once, the loop stays within the limit and -XX:+PrintInlining shows no call in it bound by profile. The
    // polynomials' coefficients are broadcast into locals before each loop instead: read from static vectors on
    // every pass, all of them made the tanh 25% slower (with these ten as locals, 6-7%). A second way for such calls
    // to stay virtual, the one behind the boxing seen since (about one JDK-17 process in 24), is outside this code:
    // C2 gives up on the Vector API's type checks once the class-check traps of all the methods it inlines pass
    // -XX:PerMethodTrapLimit, which bin/elman therefore raises (elman-core/README.md).
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector V_MAGIC = FloatVector.broadcast(S, MAGIC);
    private static final IntVector EXPONENT_BIAS = IntVector.broadcast(S.withLanes(int.class), MAGIC_BITS - 127);
    private static final FloatVector LOG2E = FloatVector.broadcast(S, PortableMath.LOG2E);
    private static final FloatVector LN2_HI = FloatVector.broadcast(S, PortableMath.LN2_HI);
    private static final FloatVector LN2_LO = FloatVector.broadcast(S, PortableMath.LN2_LO);
    private static final FloatVector EXP_MIN = FloatVector.broadcast(S, PortableMath.EXP_MIN);
    private static final FloatVector EXP_MAX = FloatVector.broadcast(S, PortableMath.EXP_MAX);
    private static final FloatVector TANH_POLY_MAX = FloatVector.broadcast(S, PortableMath.TANH_POLY_MAX);

    /**
     * out = tanh(x + addend) lane-wise (tanh as {@link PortableMath#tanh}) over {@code out[outOff, outOff+n)}, n a
     * multiple of L. Plain tanh passes an addend of -0, which leaves every x as it is (x + -0 is x for +0 too).
     */
    private static void addTanhSpan(float[] addend, int aOff, float[] x, int off, float[] out, int outOff, int n) {
        FloatVector t0 = FloatVector.broadcast(S, PortableMath.T0);
        FloatVector t1 = FloatVector.broadcast(S, PortableMath.T1);
        FloatVector t2 = FloatVector.broadcast(S, PortableMath.T2);
        FloatVector t3 = FloatVector.broadcast(S, PortableMath.T3);
        FloatVector t4 = FloatVector.broadcast(S, PortableMath.T4);
        FloatVector e0 = FloatVector.broadcast(S, PortableMath.E0);
        FloatVector e1 = FloatVector.broadcast(S, PortableMath.E1);
        FloatVector e2 = FloatVector.broadcast(S, PortableMath.E2);
        FloatVector e3 = FloatVector.broadcast(S, PortableMath.E3);
        FloatVector e4 = FloatVector.broadcast(S, PortableMath.E4);
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i).add(FloatVector.fromArray(S, addend, aOff + i));
            FloatVector a = v.abs();
            FloatVector z = v.mul(v);
            FloatVector poly = z.fma(t4, t3).fma(z, t2).fma(z, t1).fma(z, t0).mul(v.mul(z)).add(v);
            // e^(2|x|), as PortableMath#exp. 2|x| is +0 or more, or NaN: the clamp from below is the identity, and
            // the one from above a compare and blend (NaN compares false and stays), which are what Math.max/min
            // give here without their NaN and -0 fix-ups (five instructions each on AVX2)
            FloatVector w = a.add(a);
            w = w.blend(EXP_MAX, w.compare(VectorOperators.GT, EXP_MAX));
            FloatVector t = w.fma(LOG2E, V_MAGIC);
            FloatVector k = t.sub(V_MAGIC);
            FloatVector r = w.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.fma(e4, e3).fma(r, e2).fma(r, e1).fma(r, e0);
            p = p.mul(r).fma(r, r).add(ONE);
            IntVector bits = t.reinterpretAsInts().sub(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.mul(bits.reinterpretAsFloats());
            FloatVector big = ONE.sub(TWO.div(e.add(ONE)));
            big.blend(big.neg(), v.compare(VectorOperators.LT, ZERO))
                    .blend(poly, a.compare(VectorOperators.LT, TANH_POLY_MAX))
                    .blend(v, a.compare(VectorOperators.EQ, ZERO))
                    .intoArray(out, outOff + i);
        }
    }

    @Override
    public void tanh(float[] x, int off, int n) {
        int main = S.loopBound(n);
        for (int c = 0; c < main; c += NEGATIVE_ZEROS.length) {
            addTanhSpan(NEGATIVE_ZEROS, 0, x, off + c, x, off + c, Math.min(NEGATIVE_ZEROS.length, main - c));
        }
        tail(x, off, main, n);
    }

    @Override
    public void addTanh(float[] a, int aOff, float[] x, int off, int n) {
        addTanh(a, aOff, x, off, x, off, n);
    }

    @Override
    public void addTanh(float[] a, int aOff, float[] x, int xOff, float[] out, int outOff, int n) {
        int main = S.loopBound(n);
        addTanhSpan(a, aOff, x, xOff, out, outOff, main);
        for (int i = main; i < n; i++) {
            out[outOff + i] = x[xOff + i] + a[aOff + i];   // the same sum as a lane's
        }
        tail(out, outOff, main, n);
    }

    /**
     * tanh of {@code x[off+main, off+n)}, fewer than L elements, through the same vector code, zero-padded: the
     * scalar PortableMath.tanh rounds differently, and whether an element falls in the tail depends on how many
     * rows share the call.
     */
    private static void tail(float[] x, int off, int main, int n) {
        if (main < n) {
            int rest = n - main;
            float[] pad = GemmScratch.get().lanes(L);
            System.arraycopy(x, off + main, pad, 0, rest);
            Arrays.fill(pad, rest, L, 0f);
            addTanhSpan(NEGATIVE_ZEROS, 0, pad, 0, pad, 0, L);
            System.arraycopy(pad, 0, x, off + main, rest);
        }
    }

    @Override
    public void tanhBackward(float[] h, int hOff, float[] g, int off, int n) {
        int i = 0;
        for (int main = S.loopBound(n); i < main; i += L) {
            FloatVector hv = FloatVector.fromArray(S, h, hOff + i);
            // ONE, a constant, as in the other loops here, rather than a broadcast into a local before the loop
            FloatVector.fromArray(S, g, off + i).mul(ONE.sub(hv.mul(hv))).intoArray(g, off + i);
        }
        for (; i < n; i++) {
            float hv = h[hOff + i];
            g[off + i] *= 1f - hv * hv;
        }
    }

    @Override
    public void addInPlace(float[] x, int xOff, float[] inOut, int off, int n) {
        addSpan(x, xOff, inOut, off, n);
    }

    /** {@code y[yOff + i] += x[xOff + i]}: lane-wise adds, the bits of scalar ones. */
    private static void addSpan(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int main = S.loopBound(n); i < main; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    @Override
    public double softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels, int labelOff,
                                      int ignoreLabel, double scale, float[] grad, int gradOff) {
        double loss = 0;
        float[] scratch = grad != null ? null : GemmScratch.get().rows(1, cols)[0];
        for (int r = 0; r < rows; r++) {
            int label = labels[labelOff + r];
            int row = off + r * cols;
            int g = gradOff + r * cols;
            if (label == ignoreLabel) {
                if (grad != null) {
                    Arrays.fill(grad, g, g + cols, 0f);
                }
                continue;
            }
            KernelChecks.checkLabel(label, cols, labelOff + r);
            float max = rowMax(logits, row, cols);
            double sum = grad != null ? expRow(logits, row, cols, max, grad, g)
                    : expRow(logits, row, cols, max, scratch, 0);
            if (grad != null) {
                float eLabel = grad[g + label];
                scaleRow(grad, g, cols, (float) (scale / sum));
                grad[g + label] = (float) (scale * (eLabel / sum - 1));
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
            double sum = expRow(logits, row, cols, rowMax(logits, row, cols), out, o);
            scaleRow(out, o, cols, (float) (1 / sum));
        }
    }

    private static float rowMax(float[] x, int off, int n) {
        // scalar: max is exact in any order, and a vector max carried round a loop is where C2 once lost the
        // vector's exact type, made the call virtual and boxed every vector
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        return max;
    }

    /**
     * Writes {@code e^(x[j] − max)} to {@code out} and returns their sum: L lane sums in float, added in
     * {@link VectorLanes#dot}'s fixed tree, then the tail in double.
     */
    private static double expRow(float[] x, int off, int n, float max, float[] out, int outOff) {
        FloatVector e0 = FloatVector.broadcast(S, PortableMath.E0);
        FloatVector e1 = FloatVector.broadcast(S, PortableMath.E1);
        FloatVector e2 = FloatVector.broadcast(S, PortableMath.E2);
        FloatVector e3 = FloatVector.broadcast(S, PortableMath.E3);
        FloatVector e4 = FloatVector.broadcast(S, PortableMath.E4);
        int j = 0;
        int end = S.loopBound(n);
        for (; j < end; j += L) {
            // e^(x − max), as PortableMath#exp
            FloatVector w = FloatVector.fromArray(S, x, off + j).sub(max).max(EXP_MIN).min(EXP_MAX);
            FloatVector t = w.fma(LOG2E, V_MAGIC);
            FloatVector k = t.sub(V_MAGIC);
            FloatVector r = w.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.fma(e4, e3).fma(r, e2).fma(r, e1).fma(r, e0);
            p = p.mul(r).fma(r, r).add(ONE);
            IntVector bits = t.reinterpretAsInts().sub(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.mul(bits.reinterpretAsFloats());
            e.intoArray(out, outOff + j);
        }
        // lane l sums e[l], e[L + l], ... in order, in float: what a vector accumulator would hold, without one
        // carried round the loop
        float[] lanes = GemmScratch.get().lanes(L);
        for (int l = 0; l < L; l++) {
            float sum = 0f;
            for (int i = l; i < end; i += L) {
                sum += out[outOff + i];
            }
            lanes[l] = sum;
        }
        double sum = VectorLanes.dot(lanes, 0, 0, 0, lanes, 0, lanes, 0);
        for (; j < n; j++) {
            float e = PortableMath.exp(x[off + j] - max);
            out[outOff + j] = e;
            sum += e;
        }
        return sum;
    }

    private static void scaleRow(float[] x, int off, int n, float f) {
        int j = 0;
        for (int end = S.loopBound(n); j < end; j += L) {
            FloatVector.fromArray(S, x, off + j).mul(f).intoArray(x, off + j);
        }
        for (; j < n; j++) {
            x[off + j] *= f;
        }
    }
}
