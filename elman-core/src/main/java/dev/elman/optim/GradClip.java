package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/** Gradient clipping as {@code torch.nn.utils.clip_grad_norm_} (L2) and {@code clip_grad_value_}, in place. */
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
            for (int j = 0, n = p.size(); j < n; j++) {
                sum += (double) g[j] * g[j];
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1, where {@code norm} is
     * {@link #globalNorm}. A non-finite norm leaves the gradients unchanged (PyTorch would fill them with NaN);
     * callers can test the returned norm and skip the step.
     *
     * @return the global norm before clipping
     */
    public static double clipByNorm(List<Param<float[]>> params, double maxNorm) {
        Check.positive("GradClip", "maxNorm", maxNorm);
        double norm = globalNorm(params);
        double coef = maxNorm / (norm + NORM_EPS);
        if (coef < 1) {
            float c = (float) coef;
            for (Param<float[]> p : params) {
                float[] g = p.grad();
                for (int j = 0, n = p.size(); j < n; j++) {
                    g[j] = g[j] * c;
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]} (NaN stays NaN). */
    public static void clipByValue(List<Param<float[]>> params, double clipValue) {
        Check.positive("GradClip", "clipValue", clipValue);
        float hi = (float) clipValue;
        float lo = -hi;
        for (Param<float[]> p : params) {
            float[] g = p.grad();
            for (int j = 0, n = p.size(); j < n; j++) {
                g[j] = Math.min(Math.max(g[j], lo), hi);
            }
        }
    }
}
