package dev.elman.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReduceLrOnPlateauTest {

    private static final PlateauConfig CONFIG = PlateauConfig.builder().factor(0.5).patience(1).cooldown(2).build();

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new PlateauConfig(PlateauConfig.Mode.MIN, 0.1, 10, 1e-4, PlateauConfig.ThresholdMode.REL, 0, 0,
                1e-8), PlateauConfig.builder().build());
    }

    @Test
    void restoredSchedulerContinuesIdentically() {
        double[] metrics = {3, 2, 2, 2, 2, 2, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0};
        ReduceLrOnPlateau whole = new ReduceLrOnPlateau(CONFIG, 0.1);
        ReduceLrOnPlateau first = new ReduceLrOnPlateau(CONFIG, 0.1);
        for (int i = 0; i < 5; i++) {
            whole.step(metrics[i]);
            first.step(metrics[i]);
        }
        ReduceLrOnPlateau resumed = new ReduceLrOnPlateau(CONFIG, 123);
        resumed.restore(first.state());
        for (int i = 5; i < metrics.length; i++) {
            assertEquals(whole.step(metrics[i]), resumed.step(metrics[i]), "epoch " + i);
            assertEquals(whole.state(), resumed.state());
        }
        assertEquals(metrics.length, whole.state().epochs());
    }

    @Test
    void nanMetricCountsAsBad() {
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(PlateauConfig.builder().factor(0.5).patience(0).build(), 1);
        assertEquals(1, p.step(1.0));
        assertEquals(0.5, p.step(Double.NaN));
    }

    @Test
    void rejectsBadSettings() {
        LrScheduleGoldenTest.assertMessage(() -> PlateauConfig.builder().factor(1).build(), "factor");
        LrScheduleGoldenTest.assertMessage(() -> PlateauConfig.builder().patience(-1).build(), "patience");
        LrScheduleGoldenTest.assertMessage(() -> new ReduceLrOnPlateau(CONFIG, 0.1).restore(
                new ReduceLrOnPlateau.State(0.1, 1, -1, 0, 0)), "counters");
    }
}
