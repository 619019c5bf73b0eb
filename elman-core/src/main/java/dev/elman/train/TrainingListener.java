package dev.elman.train;

import java.util.Map;

/** Receives training progress: a progress bar, a metrics log, a test probe. */
public interface TrainingListener {

    /** After each optimiser step (or skipped batch). */
    default void onStep(StepEvent event) {
    }

    /** After each epoch's evaluation. */
    default void onEpoch(EpochEvent event) {
    }

    /** A one-line note for the user (checkpoint written, early stop, resumed from ...). */
    default void onMessage(String message) {
    }

    /** At the end of training (also after an error). */
    default void onEnd() {
    }

    /**
     * One step.
     *
     * @param epoch           0-based epoch
     * @param batch           0-based batch index within the epoch
     * @param batchesInEpoch  batches in this epoch
     * @param globalStep      steps done so far, this one included
     * @param totalSteps      planned steps of the whole run (for the ETA)
     * @param loss            loss per labelled token of this batch (nats)
     * @param tokens          labelled tokens in this batch
     * @param tokensPerSecond throughput since the run (or resume) started
     * @param learningRate    the rate used for this step
     * @param gradNorm        global L2 norm of the gradient before clipping
     * @param skipped         whether the batch was skipped for a non-finite value
     * @param elapsedSeconds  seconds since the run (or resume) started
     */
    record StepEvent(int epoch, int batch, int batchesInEpoch, long globalStep, long totalSteps, double loss,
                     long tokens, double tokensPerSecond, double learningRate, double gradNorm, boolean skipped,
                     double elapsedSeconds) {
    }

    /**
     * One epoch.
     *
     * @param epoch          0-based epoch
     * @param trainLoss      mean training loss per labelled token over the epoch (nats)
     * @param metrics        the task's evaluation
     * @param improved       whether the tracked metric improved (the best model was updated)
     * @param elapsedSeconds seconds since the run (or resume) started
     */
    record EpochEvent(int epoch, double trainLoss, Map<String, Double> metrics, boolean improved,
                      double elapsedSeconds) {
    }
}
