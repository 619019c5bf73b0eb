package dev.elman.train;

/** Training stopped because a loss or gradient became NaN or infinite. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The global step (0-based) at which the non-finite value appeared. */
    public long step() {
        return step;
    }
}
