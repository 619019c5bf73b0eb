package dev.elman.train;

import dev.elman.optim.AdamConfig;
import dev.elman.optim.LrSchedule;
import dev.elman.optim.OptimizerConfig;
import dev.elman.optim.PlateauConfig;

import java.nio.file.Path;

/**
 * How to train; immutable, validated by {@link Builder#build()}, whose field initialisers are the defaults.
 *
 * @param epochs          maximum number of epochs
 * @param seed            the run's seed: batch order, dropout and everything random derive from it
 * @param optimizer       the optimiser and its initial learning rate
 * @param schedule        learning rate per optimiser step, or null for the optimiser's constant rate
 * @param plateau         reduce-on-plateau on the tracked metric after each epoch, or null
 * @param clipNorm        clip the gradient's global L2 norm to this (0 = off)
 * @param clipValue       clip each gradient element to ±this (0 = off)
 * @param metric          the evaluation metric that picks the best model and drives early stopping
 * @param maximize        whether a larger metric is better
 * @param patience        stop after this many epochs without improvement (0 = never)
 * @param checkpointDir   where checkpoints go (null = none)
 * @param checkpointEvery also checkpoint every this many steps (0 = only at epoch ends)
 * @param nonFinite       what to do on a NaN/Inf loss or gradient
 * @param maxSeconds      stop after this much wall-clock time (0 = no limit); the run then ends with the better of
 *                        the best evaluated weights and the current ones. Time-limited runs are not bit-reproducible.
 */
public record TrainerConfig(int epochs, long seed, OptimizerConfig optimizer, LrSchedule schedule,
                            PlateauConfig plateau, double clipNorm, double clipValue, String metric,
                            boolean maximize, int patience, Path checkpointDir, int checkpointEvery,
                            NonFinitePolicy nonFinite, double maxSeconds) {

    public TrainerConfig {
        check(epochs > 0, "epochs must be positive, got " + epochs);
        check(optimizer != null, "optimizer must be set");
        check(clipNorm >= 0 && clipValue >= 0, "clip thresholds must be >= 0");
        check(metric != null && !metric.isEmpty(), "metric must be named");
        check(patience >= 0 && checkpointEvery >= 0, "patience and checkpointEvery must be >= 0");
        check(nonFinite != null, "nonFinite policy must be set");
        check(maxSeconds >= 0, "maxSeconds must be >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TrainerConfig: " + message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; its field initialisers are the defaults. */
    public static final class Builder {
        private int epochs = 10;
        private long seed = 1;
        private OptimizerConfig optimizer = AdamConfig.builder().lr(1e-3).build();
        private LrSchedule schedule;
        private PlateauConfig plateau;
        private double clipNorm = 5.0;
        private double clipValue;
        private String metric = "loss";
        private boolean maximize;
        private int patience;
        private Path checkpointDir;
        private int checkpointEvery;
        private NonFinitePolicy nonFinite = NonFinitePolicy.STOP;
        private double maxSeconds;

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder optimizer(OptimizerConfig v) {
            optimizer = v;
            return this;
        }

        public Builder schedule(LrSchedule v) {
            schedule = v;
            return this;
        }

        public Builder plateau(PlateauConfig v) {
            plateau = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder clipValue(double v) {
            clipValue = v;
            return this;
        }

        /** The metric to track and whether larger is better. */
        public Builder metric(String name, boolean maximize) {
            this.metric = name;
            this.maximize = maximize;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder checkpoints(Path dir, int everySteps) {
            checkpointDir = dir;
            checkpointEvery = everySteps;
            return this;
        }

        public Builder nonFinite(NonFinitePolicy v) {
            nonFinite = v;
            return this;
        }

        /** A wall-clock budget in seconds (0 = none). */
        public Builder maxSeconds(double v) {
            maxSeconds = v;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(epochs, seed, optimizer, schedule, plateau, clipNorm, clipValue, metric,
                    maximize, patience, checkpointDir, checkpointEvery, nonFinite, maxSeconds);
        }
    }
}
