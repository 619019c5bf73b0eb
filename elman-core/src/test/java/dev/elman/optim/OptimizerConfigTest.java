package dev.elman.optim;

import org.junit.jupiter.api.Test;

import static dev.elman.optim.OptimizerStateTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builders' defaults are PyTorch 1.13's; out-of-range options fail in build() naming the option. */
class OptimizerConfigTest {

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new SgdConfig(0.1, 0, 0, false, 0), SgdConfig.builder().lr(0.1).build());
        assertEquals(new AdagradConfig(1e-2, 0, 0, 0, 1e-10), AdagradConfig.builder().build());
        assertEquals(new RmsPropConfig(1e-2, 0.99, 1e-8, 0, 0, false), RmsPropConfig.builder().build());
        assertEquals(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, false, false), AdamConfig.builder().build());
        assertEquals(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, true), AdamConfig.adamWBuilder().build());
    }

    @Test
    void sgdNeedsALearningRate() {
        assertMessage(() -> SgdConfig.builder().build(), "lr must be set");
    }

    @Test
    void nesterovNeedsMomentumWithoutDampening() {
        assertMessage(() -> SgdConfig.builder().lr(0.1).nesterov(true).build(), "nesterov");
        assertMessage(() -> SgdConfig.builder().lr(0.1).momentum(0.9).dampening(0.1).nesterov(true).build(),
                "nesterov");
        assertTrue(SgdConfig.builder().lr(0.1).momentum(0.9).nesterov(true).build().nesterov());
    }

    @Test
    void rejectsOutOfRangeOptions() {
        assertMessage(() -> SgdConfig.builder().lr(-1).build(), "SgdConfig: lr");
        assertMessage(() -> SgdConfig.builder().lr(0.1).momentum(-0.5).build(), "momentum");
        assertMessage(() -> SgdConfig.builder().lr(0.1).dampening(2).build(), "dampening");
        assertMessage(() -> AdagradConfig.builder().lrDecay(-1).build(), "lrDecay");
        assertMessage(() -> AdagradConfig.builder().initialAccumulatorValue(-1).build(), "initialAccumulatorValue");
        assertMessage(() -> AdagradConfig.builder().eps(Double.POSITIVE_INFINITY).build(), "eps");
        assertMessage(() -> RmsPropConfig.builder().alpha(1.5).build(), "alpha");
        assertMessage(() -> RmsPropConfig.builder().weightDecay(-1).build(), "weightDecay");
        assertMessage(() -> AdamConfig.builder().betas(1.0, 0.999).build(), "AdamConfig: beta1");
        assertMessage(() -> AdamConfig.adamWBuilder().betas(0.9, -0.1).build(), "AdamWConfig: beta2");
        assertMessage(() -> AdamConfig.builder().lr(Double.NaN).build(), "lr");
    }

    @Test
    void learningRateCanChangeBetweenSteps() {
        var params = TestParams.create();
        Optimizer opt = SgdConfig.builder().lr(1).build().create(params);
        params.get(1).grad()[0] = 1;
        opt.step();
        opt.setLearningRate(0.5);
        opt.step();
        assertEquals(-1.5f, params.get(1).value()[0]);
    }
}
