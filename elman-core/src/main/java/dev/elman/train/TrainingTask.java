package dev.elman.train;

import dev.elman.nn.Param;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the {@link Trainer} trains: a model's parameters, its data cut into batches, and its evaluation.
 *
 * <p>For exact resumption every random choice must come from the arguments: the batch order of an epoch from
 * {@code (seed, epoch)} in {@link #startEpoch}, and dropout and the like from the {@code rng} given to
 * {@link #step}, which the trainer derives from the seed and the global step.
 */
public interface TrainingTask {

    /** The parameters to optimise, with live value and gradient arrays. */
    List<Param<float[]>> params();

    /** Prepares epoch {@code epoch}: the number and order of its batches may depend only on the seed and epoch. */
    void startEpoch(int epoch, long seed);

    /** Number of batches in the current epoch. */
    int batchesInEpoch();

    /**
     * Forward and backward on batch {@code index} of the current epoch, accumulating dL/dθ into the (zeroed)
     * gradients. Returns the batch's loss and size.
     */
    StepResult step(int index, SplittableRandom rng);

    /** Evaluates the current parameters (e.g. on a dev set); the map must hold the trainer's metric. */
    Map<String, Double> evaluate();

    /**
     * The threads this task trains on, which the {@link Trainer} also uses to apply each optimiser step in parts
     * (the same bits as one thread); null, the default, for a task that runs on the calling thread alone.
     */
    default DataParallel threads() {
        return null;
    }

    /** State besides the parameters that a checkpoint must keep (e.g. hidden states carried between batches). */
    default Map<String, float[]> extraState() {
        return Map.of();
    }

    /** Restores what {@link #extraState()} returned. */
    default void loadExtraState(Map<String, float[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("this task keeps no extra state but the checkpoint has "
                    + state.keySet());
        }
    }

    /**
     * The result of one training step.
     *
     * @param loss   the loss the gradient is of (nats)
     * @param tokens number of labelled tokens in the batch
     */
    record StepResult(double loss, long tokens) {
    }
}
