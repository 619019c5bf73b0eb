package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, as
 * {@code torch.optim.SGD}: d = g + λθ; b = d on the first step, else μb + (1−τ)d; θ −= lr·(Nesterov ? d + μb : b).
 *
 * <p>State slot (only with momentum): {@code momentum_buffer}.
 */
public final class Sgd extends Optimizer {
    private final SgdConfig config;

    Sgd(SgdConfig config, List<Param<float[]>> params) {
        super(params, config.lr(), config.momentum() != 0 ? List.of("momentum_buffer") : List.of());
        this.config = config;
    }

    public SgdConfig config() {
        return config;
    }

    @Override
    void update(int index, float[] w, float[] g, int n) {
        float wd = (float) config.weightDecay();
        float negLr = (float) -learningRate();
        if (config.momentum() == 0) {
            for (int j = 0; j < n; j++) {
                float d = wd != 0 ? g[j] + wd * w[j] : g[j];
                w[j] = w[j] + negLr * d;
            }
            return;
        }
        float[] buf = slot(0, index);
        boolean first = stepCount() == 1;  // PyTorch creates the buffer as a copy of the first step's direction
        float mu = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        boolean nesterov = config.nesterov();
        for (int j = 0; j < n; j++) {
            float d = wd != 0 ? g[j] + wd * w[j] : g[j];
            buf[j] = first ? d : buf[j] * mu + keep * d;
            float dir = nesterov ? d + mu * buf[j] : buf[j];
            w[j] = w[j] + negLr * dir;
        }
    }
}
