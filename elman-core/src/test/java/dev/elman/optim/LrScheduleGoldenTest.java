package dev.elman.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reproduces the learning-rate sequences of PyTorch's schedulers from the golden fixtures, to a relative 1e-12
 * (PyTorch updates the rate recursively, the schedules here evaluate closed forms).
 */
class LrScheduleGoldenTest {

    static Stream<String> cases() {
        return Fixture.names("sched_");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Fixture f = Fixture.load(name);
        double[] expected = f.doubles("lrs");
        double[] actual = new double[expected.length];
        if (f.kind.equals("plateau")) {
            ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(plateauConfig(f), f.option("lr", Double.NaN));
            double[] metrics = f.doubles("metrics");
            for (int i = 0; i < metrics.length; i++) {
                actual[i] = plateau.step(metrics[i]);
            }
        } else {
            LrSchedule s = schedule(f);
            for (int t = 0; t < actual.length; t++) {
                actual[t] = s.lr(t);
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * expected[i], name + " at " + i);
        }
    }

    @Test
    void everyScheduleHasAFixture() {
        assertEquals(7, cases().count());
    }

    static LrSchedule schedule(Fixture f) {
        double lr = f.option("lr", Double.NaN);
        return switch (f.kind) {
            case "constant" -> LrSchedule.constant(lr);
            case "step_lr" -> LrSchedule.stepDecay(lr, (int) f.option("step_size", 0), f.option("gamma", 0));
            case "exponential" -> LrSchedule.exponential(lr, f.option("gamma", 0));
            case "warmup" -> LrSchedule.warmup(lr, f.option("start_factor", 0), (int) f.option("warmup_iters", 0));
            case "warmup_decay" -> LrSchedule.warmupThenDecay(lr, f.option("start_factor", 0),
                    (int) f.option("warmup_iters", 0), f.option("end_factor", 0), (int) f.option("decay_iters", 0));
            default -> throw new IllegalArgumentException(f.name + ": unknown schedule " + f.kind);
        };
    }

    static PlateauConfig plateauConfig(Fixture f) {
        PlateauConfig.Builder b = PlateauConfig.builder()
                .mode(PlateauConfig.Mode.valueOf(f.config.get("mode").toUpperCase()))
                .factor(f.option("factor", 0.1))
                .patience((int) f.option("patience", 10))
                .threshold(f.option("threshold", 1e-4),
                        PlateauConfig.ThresholdMode.valueOf(f.config.getOrDefault("threshold_mode", "rel").toUpperCase()))
                .cooldown((int) f.option("cooldown", 0))
                .minLr(f.option("min_lr", 0));
        return b.build();
    }

    @Test
    void warmupStartsAtStartFactorAndDecaysToEndFactor() {
        LrSchedule s = LrSchedule.warmupThenDecay(1.0, 0, 10, 0, 90);
        assertEquals(0, s.lr(0));
        assertEquals(0.5, s.lr(5), 1e-15);
        assertEquals(1, s.lr(10));
        assertEquals(0.5, s.lr(55), 1e-15);
        assertEquals(0, s.lr(100));
        assertEquals(0, s.lr(1000));
    }

    @Test
    void zeroWarmupIsConstant() {
        LrSchedule s = LrSchedule.warmup(0.3, 0.1, 0);
        assertEquals(0.3, s.lr(0));
        assertEquals(0.3, s.lr(7));
    }

    @Test
    void appliesToOptimizer() {
        Optimizer opt = SgdConfig.builder().lr(1).build().create(TestParams.create());
        LrSchedule.stepDecay(1, 2, 0.5).apply(opt, 4);
        assertEquals(0.25, opt.learningRate());
    }

    @Test
    void rejectsBadSettings() {
        assertMessage(() -> LrSchedule.stepDecay(0.1, 0, 0.5), "stepSize");
        assertMessage(() -> LrSchedule.exponential(0.1, 0), "gamma");
        assertMessage(() -> LrSchedule.warmup(0.1, 1.5, 3), "startFactor");
        assertMessage(() -> LrSchedule.warmupThenDecay(0.1, 0.5, 3, -0.1, 3), "endFactor");
        assertMessage(() -> LrSchedule.constant(-1), "lr");
        assertMessage(() -> LrSchedule.constant(0.1).lr(-1), "step");
    }

    static void assertMessage(Runnable r, String mentioned) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }
}
