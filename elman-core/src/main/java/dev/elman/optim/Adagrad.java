package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.Arrays;
import java.util.List;

/**
 * Adagrad as {@code torch.optim.Adagrad} (the optimiser of min-char-rnn): d = g + λθ; s += d²;
 * θ −= lr/(1 + (t−1)·lrDecay) · d / (√s + ε).
 *
 * <p>State slot: {@code sum}, starting at the configured initial accumulator value.
 */
public final class Adagrad extends Optimizer {
    private final AdagradConfig config;

    Adagrad(AdagradConfig config, List<Param<float[]>> params) {
        super(params, config.lr(), List.of("sum"));
        this.config = config;
        for (int i = 0; i < params.size(); i++) {
            Arrays.fill(slot(0, i), (float) config.initialAccumulatorValue());
        }
    }

    public AdagradConfig config() {
        return config;
    }

    @Override
    void update(int index, float[] w, float[] g, int from, int to) {
        float[] sum = slot(0, index);
        float wd = (float) config.weightDecay();
        float eps = (float) config.eps();
        double clr = learningRate() / (1 + (stepCount() - 1) * config.lrDecay());
        float negClr = (float) -clr;
        for (int j = from; j < to; j++) {
            float d = wd != 0 ? g[j] + wd * w[j] : g[j];
            sum[j] = sum[j] + d * d;
            float std = (float) Math.sqrt(sum[j]) + eps;
            w[j] = w[j] + negClr * d / std;
        }
    }
}
