package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, as
 * {@code torch.optim.SGD}: d = g + λθ; b = d on the first step, else μb + (1−τ)d; θ −= lr·(Nesterov ? d + μb : b).
 *
 * <p>State slot (only with momentum): {@code momentum_buffer}. Without momentum and weight decay, only the touched
 * rows of a {@linkplain Param#rowSparse() row-sparse} parameter are updated: the others would not change.
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
    boolean zeroGradientIsNoOp() {
        // θ + (−lr)·0 is θ for a finite float lr; momentum and weight decay move θ where g = 0
        return config.momentum() == 0 && config.weightDecay() == 0 && Float.isFinite((float) -learningRate());
    }

    @Override
    void update(int index, float[] w, float[] g, int from, int to) {
        float wd = (float) config.weightDecay();
        float negLr = (float) -learningRate();
        if (config.momentum() == 0) {
            for (int j = from; j < to; j++) {
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
        for (int j = from; j < to; j++) {
            float d = wd != 0 ? g[j] + wd * w[j] : g[j];
            buf[j] = first ? d : buf[j] * mu + keep * d;
            float dir = nesterov ? d + mu * buf[j] : buf[j];
            w[j] = w[j] + negLr * dir;
        }
    }
}
