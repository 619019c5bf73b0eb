package dev.elman.train;

import dev.elman.nn.Param;
import dev.elman.optim.GradClip;
import dev.elman.optim.Optimizer;
import dev.elman.optim.ReduceLrOnPlateau;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link TrainingTask}: epochs of batches, gradient clipping, an optimiser with a learning-rate schedule,
 * evaluation after each epoch, best-model keeping, early stopping, a divergence guard and atomic checkpoints
 * from which a run resumes exactly.
 *
 * <p>Given the same seed, thread count and data, a run — interrupted and resumed or not — ends with the same bits.
 */
public final class Trainer {
    private final TrainerConfig config;
    private final List<TrainingListener> listeners;

    public Trainer(TrainerConfig config, List<TrainingListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /** What a run ended with. */
    public record Result(int epochs, long steps, double bestMetric, int bestEpoch, long skippedBatches,
                         boolean stoppedEarly) {
    }

    /**
     * Trains from scratch, or resumes from the checkpoint in the configured directory if there is one. At the end the
     * task's parameters hold the best weights seen by evaluation.
     */
    public Result run(TrainingTask task) {
        try {
            return new Run(task).go();
        } finally {
            listeners.forEach(TrainingListener::onEnd);
        }
    }

    private final class Run {
        final TrainingTask task;
        final List<Param<float[]>> params;
        final Optimizer optimizer;
        final ReduceLrOnPlateau plateau;
        final double baseLr;
        final List<float[]> best = new ArrayList<>();
        final DataParallel threads;                               // the task's, or null
        final List<Runnable> stepParts = new ArrayList<>();      // the optimiser step, one part per thread
        boolean hasBest;
        TrainerState s = new TrainerState();

        Run(TrainingTask task) {
            this.task = task;
            this.params = task.params();
            this.optimizer = config.optimizer().create(params);
            this.baseLr = config.optimizer().lr();
            this.plateau = config.plateau() == null ? null : new ReduceLrOnPlateau(config.plateau(), baseLr);
            for (Param<float[]> p : params) {
                best.add(new float[p.size()]);
            }
            s.seed = config.seed();
            threads = task.threads();
            int parts = threads == null ? 1 : threads.threads();
            for (int i = 0; i < parts; i++) {
                int part = i;
                stepParts.add(() -> optimizer.stepPart(part, parts));
            }
        }

        Result go() {
            Path dir = config.checkpointDir();
            if (Checkpoint.exists(dir)) {
                resume(dir);
            }
            long started = System.nanoTime();
            long tokensSinceStart = 0;
            boolean stoppedEarly = false;
            while (s.epoch < config.epochs()) {
                task.startEpoch(s.epoch, config.seed());
                int batches = task.batchesInEpoch();
                long totalSteps = (long) batches * config.epochs();
                for (; s.batch < batches; s.batch++) {
                    for (Param<float[]> p : params) {
                        p.zeroGrad();
                    }
                    TrainingTask.StepResult r = task.step(s.batch, stepRandom(s.globalStep));
                    double norm = GradClip.globalNorm(params);
                    boolean finite = Double.isFinite(r.loss()) && Double.isFinite(norm);
                    double lr = learningRate();
                    if (!finite) {
                        handleNonFinite(r, norm);
                    } else {
                        if (config.clipNorm() > 0) {
                            GradClip.clipByNorm(params, config.clipNorm(), norm);
                        }
                        if (config.clipValue() > 0) {
                            GradClip.clipByValue(params, config.clipValue());
                        }
                        optimizer.setLearningRate(lr);
                        step();
                        s.optimizerSteps++;
                        s.epochLoss += r.loss();
                        s.epochTokens += r.tokens();
                    }
                    s.globalStep++;
                    tokensSinceStart += r.tokens();
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    var event = new TrainingListener.StepEvent(s.epoch, s.batch, batches, s.globalStep, totalSteps,
                            r.tokens() == 0 ? 0 : r.loss() / r.tokens(), r.tokens(), tokensSinceStart / elapsed, lr,
                            norm, !finite, elapsed);
                    listeners.forEach(l -> l.onStep(event));
                    if (config.checkpointEvery() > 0 && s.globalStep % config.checkpointEvery() == 0
                            && s.batch + 1 < batches) {
                        s.batch++;
                        checkpoint();
                        s.batch--;
                    }
                    if (config.maxSeconds() > 0 && elapsed >= config.maxSeconds() && s.batch + 1 < batches) {
                        s.batch++;
                        stopForTime();
                        stoppedEarly = true;
                        break;
                    }
                }
                if (stoppedEarly) {
                    break;
                }
                stoppedEarly = endEpoch(started)
                        || config.maxSeconds() > 0 && (System.nanoTime() - started) / 1e9 >= config.maxSeconds();
                if (stoppedEarly) {
                    break;
                }
            }
            if (hasBest) {
                for (int i = 0; i < params.size(); i++) {
                    System.arraycopy(best.get(i), 0, params.get(i).value(), 0, params.get(i).size());
                }
            }
            return new Result(s.epoch, s.globalStep, s.bestMetric, s.bestEpoch, s.skipped, stoppedEarly);
        }

        /**
         * One optimiser step, on the task's threads when it has several: a dense optimiser such as Adam reads and
         * writes every element of every parameter (the embeddings too) at each step, which would otherwise leave
         * the other threads idle for a good part of a small batch's step.
         */
        void step() {
            if (stepParts.size() == 1) {
                optimizer.step();
            } else {
                optimizer.beginStep();
                threads.runAll(stepParts);
            }
        }

        /** Evaluates, updates best/plateau/early stopping, checkpoints; returns whether to stop. */
        boolean endEpoch(long started) {
            Map<String, Double> metrics = task.evaluate();
            Double m = metrics.get(config.metric());
            if (m == null) {
                throw new IllegalStateException("evaluation returned " + metrics.keySet() + " but the trainer tracks '"
                        + config.metric() + "'");
            }
            boolean improved = !Double.isNaN(m) && (Double.isNaN(s.bestMetric)
                    || (config.maximize() ? m > s.bestMetric : m < s.bestMetric));
            if (improved) {
                s.bestMetric = m;
                s.bestEpoch = s.epoch;
                s.badEpochs = 0;
                hasBest = true;
                for (int i = 0; i < params.size(); i++) {
                    System.arraycopy(params.get(i).value(), 0, best.get(i), 0, params.get(i).size());
                }
            } else {
                s.badEpochs++;
            }
            if (plateau != null) {
                plateau.step(m);
            }
            double trainLoss = s.epochTokens == 0 ? Double.NaN : s.epochLoss / s.epochTokens;
            var event = new TrainingListener.EpochEvent(s.epoch, trainLoss, metrics, improved,
                    (System.nanoTime() - started) / 1e9);
            listeners.forEach(l -> l.onEpoch(event));
            s.epoch++;
            s.batch = 0;
            s.epochLoss = 0;
            s.epochTokens = 0;
            checkpoint();
            if (config.patience() > 0 && s.badEpochs >= config.patience()) {
                String msg = "early stop: no improvement of " + config.metric() + " for " + s.badEpochs
                        + " epochs (best " + s.bestMetric + " after epoch " + (s.bestEpoch + 1) + ")";
                listeners.forEach(l -> l.onMessage(msg));
                return true;
            }
            return false;
        }

        /** Out of time mid-epoch: checkpoint the cursor, and keep the current weights if they beat the best. */
        void stopForTime() {
            checkpoint();
            Map<String, Double> metrics = task.evaluate();
            Double m = metrics.get(config.metric());
            if (m != null && !Double.isNaN(m) && (Double.isNaN(s.bestMetric)
                    || (config.maximize() ? m > s.bestMetric : m < s.bestMetric))) {
                s.bestMetric = m;
                s.bestEpoch = s.epoch;
                hasBest = true;
                for (int i = 0; i < params.size(); i++) {
                    System.arraycopy(params.get(i).value(), 0, best.get(i), 0, params.get(i).size());
                }
            }
            String msg = String.format(java.util.Locale.ROOT, "time budget of %.0f s reached at step %d (epoch %d); "
                    + "%s %.4f now, best %.4f", config.maxSeconds(), s.globalStep, s.epoch + 1, config.metric(),
                    m == null ? Double.NaN : m, s.bestMetric);
            listeners.forEach(l -> l.onMessage(msg));
        }

        double learningRate() {
            double lr = config.schedule() == null ? baseLr : config.schedule().lr(s.optimizerSteps);
            if (plateau != null && baseLr > 0) {
                lr *= plateau.learningRate() / baseLr;
            }
            return lr;
        }

        void handleNonFinite(TrainingTask.StepResult r, double norm) {
            String what = "step " + s.globalStep + " (epoch " + (s.epoch + 1) + ", batch " + (s.batch + 1) + "): "
                    + (Double.isFinite(r.loss()) ? "gradient norm is " + norm : "loss is " + r.loss());
            if (config.nonFinite() == NonFinitePolicy.SKIP) {
                s.skipped++;
                listeners.forEach(l -> l.onMessage("skipped " + what));
                return;
            }
            String kept = Checkpoint.exists(config.checkpointDir())
                    ? "; the last good checkpoint in " + config.checkpointDir() + " is kept"
                    : "; no checkpoint was written";
            throw new TrainingDivergedException("training diverged at " + what + kept, s.globalStep);
        }

        SplittableRandom stepRandom(long step) {
            return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 17);
        }

        void checkpoint() {
            Path dir = config.checkpointDir();
            if (dir == null) {
                return;
            }
            if (plateau != null) {
                s.plateau = plateau.state();
            }
            try {
                Checkpoint.write(dir, s, params, hasBest ? best : null, optimizer.state(), task.extraState());
            } catch (IOException e) {
                String msg = "checkpoint not written (" + e.getMessage() + "); the previous checkpoint in " + dir
                        + " is intact";
                listeners.forEach(l -> l.onMessage(msg));
                throw new UncheckedIOException(msg, e);
            }
        }

        void resume(Path dir) {
            try {
                Checkpoint.Loaded c = Checkpoint.read(dir, params, best);
                if (c.state().seed != config.seed()) {
                    throw new IllegalArgumentException("checkpoint in " + dir + " was made with seed "
                            + c.state().seed + " but this run has seed " + config.seed());
                }
                s = c.state();
                hasBest = c.hasBest();
                optimizer.loadState(c.optimizerState(), s.optimizerSteps);
                task.loadExtraState(c.extra());
                if (plateau != null && s.plateau != null) {
                    plateau.restore(s.plateau);
                }
                String msg = "resumed from " + dir.resolve(Checkpoint.FILE) + " at epoch " + (s.epoch + 1)
                        + ", batch " + (s.batch + 1) + ", step " + s.globalStep;
                listeners.forEach(l -> l.onMessage(msg));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resume from " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
