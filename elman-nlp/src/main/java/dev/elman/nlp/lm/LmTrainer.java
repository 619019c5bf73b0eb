package dev.elman.nlp.lm;

import dev.elman.nn.Param;
import dev.elman.train.Trainer;
import dev.elman.train.TrainerConfig;
import dev.elman.train.TrainingListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@link Trainer} on an {@link LmTask}, optionally within a wall-clock budget. The trainer's metric must
 * be the validation {@code loss} (minimised).
 *
 * <p>With a budget, training stops after the first step that ends past the deadline; the weights kept are the best
 * of those evaluated at epoch ends and those at the stop (evaluated then). Where a run stops depends on the
 * machine's speed, so a budgeted run is not bit-reproducible; one that ends by its epoch count is.
 */
public final class LmTrainer {
    private LmTrainer() {
    }

    /**
     * What a run ended with.
     *
     * @param validLoss  the validation loss of the weights kept
     * @param steps      optimiser steps taken (this run, plus those before a resumed checkpoint)
     * @param epochs     epochs completed
     * @param outOfTime  whether the budget stopped training
     * @param seconds             wall-clock seconds of this run, evaluations included
     * @param characters          training characters processed by this run
     * @param charactersPerSecond the trainer's throughput measure at the last step (epoch-end evaluations
     *                            included)
     */
    public record Outcome(LmLoss validLoss, long steps, int epochs, boolean outOfTime, double seconds,
                          long characters, double charactersPerSecond) {
    }

    /**
     * Trains; at the end the model holds the weights with the lowest validation loss seen.
     *
     * @param budget wall-clock limit, or null for none
     */
    public static Outcome train(LmTask task, TrainerConfig config, List<TrainingListener> listeners,
                                Duration budget) {
        if (!config.metric().equals("loss") || config.maximize()) {
            throw new IllegalArgumentException("language-model training tracks the validation 'loss' (minimised), "
                    + "but the trainer config tracks '" + config.metric() + "'" + (config.maximize() ? " (max)" : ""));
        }
        long start = System.nanoTime();
        Watch watch = new Watch(task.params(), budget != null, budget == null ? 0 : start + budget.toNanos());
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(watch);
        try {
            Trainer.Result r = new Trainer(config, all).run(task);
            // the trainer has restored the best weights; their loss is its best metric
            LmLoss kept = Double.isNaN(r.bestMetric()) ? task.validationLoss()
                    : task.validationLossOfMean(r.bestMetric());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(kept, r.steps(), r.epochs(), false, seconds, watch.characters, watch.rate);
        } catch (OutOfTime e) {
            LmLoss kept = task.validationLoss();
            if (watch.best != null && watch.bestLoss <= kept.natsPerChar()) {
                watch.restoreBest();
                kept = task.validationLossOfMean(watch.bestLoss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(kept, watch.lastStep, watch.epochs, true, seconds, watch.characters, watch.rate);
        }
    }

    /** Thrown from a listener to leave the trainer's loop; never escapes {@link #train}. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super("wall-clock budget used up", null, false, false);
        }
    }

    /** Keeps a copy of the best evaluated weights, counts progress, and stops the run at the deadline. */
    private static final class Watch implements TrainingListener {
        private final List<Param<float[]>> params;
        private final boolean timed;
        private final long deadline;
        List<float[]> best;
        double bestLoss = Double.POSITIVE_INFINITY;
        long lastStep;
        long characters;
        double rate;
        int epochs;

        Watch(List<Param<float[]>> params, boolean timed, long deadline) {
            this.params = params;
            this.timed = timed;
            this.deadline = deadline;
        }

        @Override
        public void onStep(StepEvent e) {
            lastStep = e.globalStep();
            characters += e.tokens();
            rate = e.tokensPerSecond();
            if (timed && System.nanoTime() - deadline > 0) {
                throw new OutOfTime();
            }
        }

        @Override
        public void onEpoch(EpochEvent e) {
            epochs = e.epoch() + 1;
            Double loss = e.metrics().get("loss");
            if (e.improved() && loss != null && loss < bestLoss) {
                bestLoss = loss;
                if (best == null) {
                    best = new ArrayList<>();
                    for (Param<float[]> p : params) {
                        best.add(new float[p.size()]);
                    }
                }
                for (int i = 0; i < params.size(); i++) {
                    System.arraycopy(params.get(i).value(), 0, best.get(i), 0, params.get(i).size());
                }
            }
        }

        void restoreBest() {
            for (int i = 0; i < params.size(); i++) {
                System.arraycopy(best.get(i), 0, params.get(i).value(), 0, params.get(i).size());
            }
        }
    }
}
