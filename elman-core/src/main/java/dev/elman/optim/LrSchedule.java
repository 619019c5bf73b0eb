package dev.elman.optim;

/**
 * A learning rate as a pure function of the number of scheduler steps t taken so far (t = 0 before the first), as
 * PyTorch's schedulers with {@code last_epoch = t}. Whether t counts optimiser steps or epochs is the caller's choice.
 */
public sealed interface LrSchedule permits LrSchedule.Constant, LrSchedule.StepDecay, LrSchedule.Exponential,
        LrSchedule.LinearWarmup {

    /** The learning rate after {@code t} scheduler steps. */
    double lr(long t);

    /** Sets {@code optimizer}'s learning rate to {@link #lr}{@code (t)}. */
    default void apply(Optimizer optimizer, long t) {
        optimizer.setLearningRate(lr(t));
    }

    /** Always {@code lr}. */
    static LrSchedule constant(double lr) {
        return new Constant(lr);
    }

    /** {@code lr · gamma^⌊t / stepSize⌋} (PyTorch's StepLR). */
    static LrSchedule stepDecay(double lr, int stepSize, double gamma) {
        return new StepDecay(lr, stepSize, gamma);
    }

    /** {@code lr · gamma^t} (PyTorch's ExponentialLR). */
    static LrSchedule exponential(double lr, double gamma) {
        return new Exponential(lr, gamma);
    }

    /** Linear warm-up from {@code startFactor · lr} to {@code lr} over {@code warmupSteps}, then constant. */
    static LrSchedule warmup(double lr, double startFactor, int warmupSteps) {
        return new LinearWarmup(lr, startFactor, warmupSteps, 1, 0);
    }

    /** Linear warm-up as {@link #warmup}, then linear decay to {@code endFactor · lr} over {@code decaySteps}. */
    static LrSchedule warmupThenDecay(double lr, double startFactor, int warmupSteps, double endFactor,
                                      int decaySteps) {
        return new LinearWarmup(lr, startFactor, warmupSteps, endFactor, decaySteps);
    }

    private static void checkT(long t) {
        Check.require(t >= 0, "LrSchedule", "step must be >= 0, got " + t);
    }

    /** A constant learning rate. */
    record Constant(double lr) implements LrSchedule {
        public Constant {
            Check.nonNegative("LrSchedule.Constant", "lr", lr);
        }

        @Override
        public double lr(long t) {
            checkT(t);
            return lr;
        }
    }

    /** Multiplies the rate by {@code gamma} every {@code stepSize} steps. */
    record StepDecay(double lr, int stepSize, double gamma) implements LrSchedule {
        public StepDecay {
            Check.nonNegative("LrSchedule.StepDecay", "lr", lr);
            Check.require(stepSize > 0, "LrSchedule.StepDecay", "stepSize must be > 0, got " + stepSize);
            Check.positive("LrSchedule.StepDecay", "gamma", gamma);
        }

        @Override
        public double lr(long t) {
            checkT(t);
            return lr * Math.pow(gamma, t / stepSize);
        }
    }

    /** Multiplies the rate by {@code gamma} every step. */
    record Exponential(double lr, double gamma) implements LrSchedule {
        public Exponential {
            Check.nonNegative("LrSchedule.Exponential", "lr", lr);
            Check.positive("LrSchedule.Exponential", "gamma", gamma);
        }

        @Override
        public double lr(long t) {
            checkT(t);
            return lr * Math.pow(gamma, t);
        }
    }

    /**
     * {@code lr · (s + (1 − s)·t/W)} for t &lt; W, then {@code lr · (1 + (e − 1)·min(t − W, D)/D)}, or {@code lr}
     * when D = 0. The warm-up is PyTorch's LinearLR(start_factor = s, total_iters = W); the decay is a second
     * LinearLR(1, e, D) started at W (as SequentialLR with milestone W).
     *
     * @param lr          the peak learning rate
     * @param startFactor s, in [0, 1]
     * @param warmupSteps W ≥ 0
     * @param endFactor   e, in [0, 1]
     * @param decaySteps  D ≥ 0
     */
    record LinearWarmup(double lr, double startFactor, int warmupSteps, double endFactor, int decaySteps)
            implements LrSchedule {
        public LinearWarmup {
            String owner = "LrSchedule.LinearWarmup";
            Check.nonNegative(owner, "lr", lr);
            Check.unitClosed(owner, "startFactor", startFactor);
            Check.unitClosed(owner, "endFactor", endFactor);
            Check.require(warmupSteps >= 0, owner, "warmupSteps must be >= 0, got " + warmupSteps);
            Check.require(decaySteps >= 0, owner, "decaySteps must be >= 0, got " + decaySteps);
        }

        @Override
        public double lr(long t) {
            checkT(t);
            if (t < warmupSteps) {
                return lr * (startFactor + (1 - startFactor) * t / warmupSteps);
            }
            if (decaySteps == 0) {
                return lr;
            }
            return lr * (1 + (endFactor - 1) * Math.min(t - warmupSteps, decaySteps) / decaySteps);
        }
    }
}
