package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop as {@code torch.optim.RMSprop}: d = g + λθ; v = αv + (1−α)d²; centered: m = αm + (1−α)d and
 * r = √(v − m²) + ε, else r = √v + ε; with momentum b = μb + d/r and θ −= lr·b, else θ −= lr·d/r.
 *
 * <p>State slots: {@code square_avg}, then {@code momentum_buffer} (with momentum), then {@code grad_avg} (centered).
 */
public final class RmsProp extends Optimizer {
    private final RmsPropConfig config;

    RmsProp(RmsPropConfig config, List<Param<float[]>> params) {
        super(params, config.lr(), slotNames(config));
        this.config = config;
    }

    private static List<String> slotNames(RmsPropConfig config) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (config.momentum() > 0) {
            names.add("momentum_buffer");
        }
        if (config.centered()) {
            names.add("grad_avg");
        }
        return names;
    }

    public RmsPropConfig config() {
        return config;
    }

    @Override
    void update(int index, float[] w, float[] g, int from, int to) {
        boolean withMomentum = config.momentum() > 0;
        boolean centered = config.centered();
        float[] sq = slot(0, index);
        float[] buf = withMomentum ? slot(1, index) : null;
        float[] avg = centered ? slot(withMomentum ? 2 : 1, index) : null;
        float wd = (float) config.weightDecay();
        float alpha = (float) config.alpha();
        float oneMinusAlpha = (float) (1 - config.alpha());
        float eps = (float) config.eps();
        float mu = (float) config.momentum();
        float negLr = (float) -learningRate();
        for (int j = from; j < to; j++) {
            float d = wd != 0 ? g[j] + wd * w[j] : g[j];
            sq[j] = sq[j] * alpha + oneMinusAlpha * d * d;
            float r;
            if (centered) {
                avg[j] = avg[j] * alpha + oneMinusAlpha * d;
                r = (float) Math.sqrt(sq[j] - avg[j] * avg[j]);
            } else {
                r = (float) Math.sqrt(sq[j]);
            }
            r = r + eps;
            if (withMomentum) {
                buf[j] = buf[j] * mu + d / r;
                w[j] = w[j] + negLr * buf[j];
            } else {
                w[j] = w[j] + negLr * d / r;
            }
        }
    }
}
