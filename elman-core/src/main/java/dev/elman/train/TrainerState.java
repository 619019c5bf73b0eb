package dev.elman.train;

import dev.elman.optim.ReduceLrOnPlateau;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The trainer's counters, as kept in checkpoints. Mutable; owned by one {@link Trainer} run. */
final class TrainerState {
    int epoch;              // the epoch in progress
    int batch;              // the next batch of that epoch (the data cursor)
    long globalStep;        // optimiser steps and skipped batches so far
    long optimizerSteps;
    double bestMetric = Double.NaN;
    int bestEpoch = -1;
    int badEpochs;
    long skipped;
    double epochLoss;       // summed loss over the epoch so far
    long epochTokens;
    ReduceLrOnPlateau.State plateau;
    long seed;

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epoch", Integer.toString(epoch));
        m.put("batch", Integer.toString(batch));
        m.put("global_step", Long.toString(globalStep));
        m.put("optimizer_steps", Long.toString(optimizerSteps));
        m.put("best_metric", Double.toString(bestMetric));
        m.put("best_epoch", Integer.toString(bestEpoch));
        m.put("bad_epochs", Integer.toString(badEpochs));
        m.put("skipped", Long.toString(skipped));
        m.put("epoch_loss", Double.toString(epochLoss));
        m.put("epoch_tokens", Long.toString(epochTokens));
        m.put("seed", Long.toString(seed));
        if (plateau != null) {
            m.put("plateau", plateau.lr() + "," + plateau.best() + "," + plateau.badEpochs() + ","
                    + plateau.cooldownCounter() + "," + plateau.epochs());
        }
        return m;
    }

    static TrainerState fromMetadata(Map<String, String> m, String source) throws IOException {
        TrainerState s = new TrainerState();
        try {
            s.epoch = Integer.parseInt(get(m, "epoch", source));
            s.batch = Integer.parseInt(get(m, "batch", source));
            s.globalStep = Long.parseLong(get(m, "global_step", source));
            s.optimizerSteps = Long.parseLong(get(m, "optimizer_steps", source));
            s.bestMetric = Double.parseDouble(get(m, "best_metric", source));
            s.bestEpoch = Integer.parseInt(get(m, "best_epoch", source));
            s.badEpochs = Integer.parseInt(get(m, "bad_epochs", source));
            s.skipped = Long.parseLong(get(m, "skipped", source));
            s.epochLoss = Double.parseDouble(get(m, "epoch_loss", source));
            s.epochTokens = Long.parseLong(get(m, "epoch_tokens", source));
            s.seed = Long.parseLong(get(m, "seed", source));
            String p = m.get("plateau");
            if (p != null) {
                String[] f = p.split(",");
                s.plateau = new ReduceLrOnPlateau.State(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]));
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(source + ": malformed checkpoint counter: " + e.getMessage(), e);
        }
        if (s.epoch < 0 || s.batch < 0 || s.globalStep < 0) {
            throw new IOException(source + ": negative checkpoint counter");
        }
        return s;
    }

    private static String get(Map<String, String> m, String key, String source) throws IOException {
        String v = m.get(key);
        if (v == null) {
            throw new IOException(source + ": checkpoint metadata lacks '" + key + "'");
        }
        return v;
    }
}
