package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Gradient clipping as {@code torch.nn.utils.clip_grad_norm_} (L2) and {@code clip_grad_value_}, in place. Only the
 * touched rows of {@linkplain Param#rowSparse() row-sparse} parameters are read: the others are zero.
 */
public final class GradClip {
    /** Added to the norm before dividing, as PyTorch does. */
    static final double NORM_EPS = 1e-6;

    private GradClip() {
    }

    /** The L2 norm of all gradients taken together as one vector (accumulated in double). */
    public static double globalNorm(List<Param<float[]>> params) {
        double sum = 0;
        for (Param<float[]> p : params) {
            float[] g = p.grad();
            if (!p.rowSparse()) {
                sum = addSquares(g, 0, p.size(), sum);
                continue;
            }
            int width = p.rowSize();
            for (int r = p.nextTouchedRow(0); r >= 0; r = p.nextTouchedRow(r + 1)) {
                sum = addSquares(g, r * width, r * width + width, sum);
            }
        }
        return Math.sqrt(sum);
    }

    private static double addSquares(float[] g, int from, int to, double sum) {
        for (int j = from; j < to; j++) {
            sum += (double) g[j] * g[j];
        }
        return sum;
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1, where {@code norm} is
     * {@link #globalNorm}. A NaN norm leaves the gradients unchanged (PyTorch would fill them with NaN); an infinite
     * one scales them by 0, as PyTorch does. Callers can test the returned norm and skip the step.
     *
     * @return the global norm before clipping
     */
    public static double clipByNorm(List<Param<float[]>> params, double maxNorm) {
        return clipByNorm(params, maxNorm, globalNorm(params));
    }

    /** As {@link #clipByNorm(List, double)} with the {@link #globalNorm} already computed by the caller. */
    public static double clipByNorm(List<Param<float[]>> params, double maxNorm, double norm) {
        Check.positive("GradClip", "maxNorm", maxNorm);
        double coef = maxNorm / (norm + NORM_EPS);
        if (coef < 1) {
            float c = (float) coef;
            for (Param<float[]> p : params) {
                float[] g = p.grad();
                if (!p.rowSparse()) {
                    scale(g, 0, p.size(), c);
                    continue;
                }
                int width = p.rowSize();
                for (int r = p.nextTouchedRow(0); r >= 0; r = p.nextTouchedRow(r + 1)) {
                    scale(g, r * width, r * width + width, c);
                }
            }
        }
        return norm;
    }

    private static void scale(float[] g, int from, int to, float c) {
        for (int j = from; j < to; j++) {
            g[j] = g[j] * c;
        }
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]} (NaN stays NaN). */
    public static void clipByValue(List<Param<float[]>> params, double clipValue) {
        Check.positive("GradClip", "clipValue", clipValue);
        float hi = (float) clipValue;
        for (Param<float[]> p : params) {
            float[] g = p.grad();
            if (!p.rowSparse()) {
                clamp(g, 0, p.size(), hi);
                continue;
            }
            int width = p.rowSize();
            for (int r = p.nextTouchedRow(0); r >= 0; r = p.nextTouchedRow(r + 1)) {
                clamp(g, r * width, r * width + width, hi);
            }
        }
    }

    private static void clamp(float[] g, int from, int to, float hi) {
        float lo = -hi;
        for (int j = from; j < to; j++) {
            g[j] = Math.min(Math.max(g[j], lo), hi);
        }
    }
}
