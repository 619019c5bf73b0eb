package dev.elman.train;

/** What the trainer does when a loss or gradient is NaN or infinite. */
public enum NonFinitePolicy {
    /** Stop with an error naming the step; the last good checkpoint is kept. */
    STOP,
    /** Skip the batch (no update), count it, and go on. */
    SKIP
}
