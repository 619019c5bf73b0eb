package dev.elman.optim;

import dev.elman.nn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State export and import: bit-exact resume and clear errors on mismatched state. */
class OptimizerStateTest {
    private static final int STEPS = 6;
    private static final int SPLIT = 2;
    private static final LrSchedule SCHEDULE = LrSchedule.warmupThenDecay(0.05, 0.2, 2, 0.1, 3);

    static List<String> cases() {
        return OptimizerGoldenTest.cases().toList();
    }

    /** Gradients for step k, the same in every run. */
    private static void setGradients(List<Param<float[]>> params, int k) {
        SplittableRandom rng = new SplittableRandom(1234 + k);
        for (Param<float[]> p : params) {
            float[] g = p.grad();
            for (int j = 0; j < g.length; j++) {
                g[j] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
    }

    private static List<Param<float[]>> initialParams() {
        List<Param<float[]>> params = TestParams.create();
        SplittableRandom rng = new SplittableRandom(99);
        for (Param<float[]> p : params) {
            for (int j = 0; j < p.size(); j++) {
                p.value()[j] = (float) rng.nextGaussian();
            }
        }
        return params;
    }

    private static void run(Optimizer opt, int from, int to) {
        for (int k = from; k < to; k++) {
            setGradients(opt.params(), k);
            SCHEDULE.apply(opt, k);
            opt.step();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void resumesWithIdenticalBits(String name) {
        OptimizerConfig config = OptimizerGoldenTest.config(Fixture.load(name));
        Optimizer whole = config.create(initialParams());
        run(whole, 0, STEPS);

        Optimizer first = config.create(initialParams());
        run(first, 0, SPLIT);
        Map<String, float[]> saved = first.state();
        List<Param<float[]>> restoredParams = TestParams.create();
        for (int i = 0; i < restoredParams.size(); i++) {
            TestParams.set(restoredParams.get(i).value(), first.params().get(i).value());
        }
        Optimizer resumed = config.create(restoredParams);
        resumed.loadState(saved, first.stepCount());
        run(resumed, SPLIT, STEPS);

        assertEquals(whole.stepCount(), resumed.stepCount());
        for (int i = 0; i < restoredParams.size(); i++) {
            assertArrayEquals(whole.params().get(i).value(), resumed.params().get(i).value(), name + " values");
        }
        Map<String, float[]> a = whole.state();
        Map<String, float[]> b = resumed.state();
        assertEquals(a.keySet(), b.keySet());
        for (String key : a.keySet()) {
            assertArrayEquals(a.get(key), b.get(key), name + " " + key);
        }
    }

    @Test
    void stateNamesFollowParamsAndSlots() {
        Optimizer opt = AdamConfig.builder().amsgrad(true).build().create(TestParams.create());
        assertEquals(List.of("rnn.weight_ih_l0.exp_avg", "rnn.weight_ih_l0.exp_avg_sq",
                        "rnn.weight_ih_l0.max_exp_avg_sq", "output.bias.exp_avg", "output.bias.exp_avg_sq",
                        "output.bias.max_exp_avg_sq"), List.copyOf(opt.state().keySet()));
        assertEquals(List.of(), List.copyOf(SgdConfig.builder().lr(1).build().create(TestParams.create())
                .state().keySet()));
        assertEquals(List.of("square_avg", "momentum_buffer", "grad_avg"), RmsPropConfig.builder().momentum(0.5)
                .centered(true).build().create(TestParams.create()).slotNames());
    }

    @Test
    void aStepInPartsGivesTheBitsOfOneStep() {
        Optimizer whole = AdamConfig.builder().lr(0.1).build().create(TestParams.create());
        Optimizer parts = AdamConfig.builder().lr(0.1).build().create(TestParams.create());
        for (int k = 0; k < 3; k++) {
            setGradients(whole.params(), k);
            setGradients(parts.params(), k);
            whole.step();
            parts.beginStep();
            for (int part = 2; part >= 0; part--) {   // any order
                parts.stepPart(part, 3);
            }
        }
        for (int i = 0; i < whole.params().size(); i++) {
            assertArrayEquals(whole.params().get(i).value(), parts.params().get(i).value());
        }
        assertEquals(3, parts.stepCount());
        assertThrows(IllegalArgumentException.class, () -> parts.stepPart(3, 3));
        assertThrows(IllegalArgumentException.class, () -> parts.stepPart(0, 0));
    }

    @Test
    void stateIsACopy() {
        Optimizer opt = AdagradConfig.builder().initialAccumulatorValue(0.5).build().create(TestParams.create());
        Map<String, float[]> s = opt.state();
        s.get("output.bias.sum")[0] = 7;
        assertEquals(0.5f, opt.state().get("output.bias.sum")[0]);
    }

    @Test
    void loadStateRejectsMismatchesAndChangesNothing() {
        Optimizer opt = AdamConfig.builder().build().create(TestParams.create());
        setGradients(opt.params(), 0);
        opt.step();
        Map<String, float[]> before = opt.state();

        Map<String, float[]> missing = new LinkedHashMap<>(before);
        missing.remove("output.bias.exp_avg_sq");
        assertMessage(() -> opt.loadState(missing, 1), "missing state tensor 'output.bias.exp_avg_sq'");

        Map<String, float[]> extra = new LinkedHashMap<>(before);
        extra.put("output.bias.momentum_buffer", new float[5]);
        assertMessage(() -> opt.loadState(extra, 1), "unexpected state tensors [output.bias.momentum_buffer]");

        Map<String, float[]> wrongSize = new LinkedHashMap<>(before);
        wrongSize.replaceAll((k, v) -> k.equals("rnn.weight_ih_l0.exp_avg") ? new float[11] : new float[v.length]);
        assertMessage(() -> opt.loadState(wrongSize, 1), "'rnn.weight_ih_l0.exp_avg' has 11 elements, expected 12");

        assertMessage(() -> opt.loadState(before, -1), "step count");

        assertEquals(1, opt.stepCount());
        Map<String, float[]> after = opt.state();
        for (String key : before.keySet()) {
            assertArrayEquals(before.get(key), after.get(key), key);
        }
    }

    @Test
    void rejectsBadParameterLists() {
        SgdConfig config = SgdConfig.builder().lr(0.1).build();
        assertMessage(() -> config.create(List.of()), "empty parameter list");
        List<Param<float[]>> params = TestParams.create();
        assertMessage(() -> config.create(List.of(params.get(0), params.get(0))),
                "parameter 'rnn.weight_ih_l0' appears twice");
    }

    @Test
    void learningRateMustBeNonNegative() {
        Optimizer opt = SgdConfig.builder().lr(0.1).build().create(TestParams.create());
        assertMessage(() -> opt.setLearningRate(-0.1), "lr");
        assertMessage(() -> opt.setLearningRate(Double.NaN), "lr");
        assertEquals(0.1, opt.learningRate());
    }

    static void assertMessage(Runnable r, String mentioned) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }
}
