package dev.elman.optim;

/**
 * Reduces the learning rate when a metric stops improving, as PyTorch's {@code ReduceLROnPlateau}: after more than
 * {@code patience} consecutive epochs without improvement the rate becomes max(lr·factor, minLr), followed by
 * {@code cooldown} epochs in which bad epochs are not counted. A NaN metric counts as no improvement.
 *
 * <p>Stateful (not thread-safe); {@link #state()} and {@link #restore} carry that state through checkpoints.
 */
public final class ReduceLrOnPlateau {
    /** Everything that evolves between epochs. */
    public record State(double lr, double best, int badEpochs, int cooldownCounter, long epochs) {
    }

    private final PlateauConfig config;
    private double lr;
    private double best;
    private int badEpochs;
    private int cooldownCounter;
    private long epochs;

    /** A fresh scheduler starting at {@code initialLr} with no best metric yet. */
    public ReduceLrOnPlateau(PlateauConfig config, double initialLr) {
        Check.nonNegative("ReduceLrOnPlateau", "initialLr", initialLr);
        this.config = config;
        this.lr = initialLr;
        this.best = config.mode() == PlateauConfig.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    public PlateauConfig config() {
        return config;
    }

    /** The current learning rate. */
    public double learningRate() {
        return lr;
    }

    /** Records one epoch's metric and returns the (possibly reduced) learning rate. */
    public double step(double metric) {
        epochs++;
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > config.patience()) {
            double reduced = Math.max(lr * config.factor(), config.minLr());
            if (lr - reduced > config.eps()) {
                lr = reduced;
            }
            cooldownCounter = config.cooldown();
            badEpochs = 0;
        }
        return lr;
    }

    /** {@link #step(double)}, then sets {@code optimizer}'s learning rate to the result. */
    public double step(double metric, Optimizer optimizer) {
        double next = step(metric);
        optimizer.setLearningRate(next);
        return next;
    }

    private boolean isBetter(double metric) {
        double t = config.threshold();
        boolean rel = config.thresholdMode() == PlateauConfig.ThresholdMode.REL;
        if (config.mode() == PlateauConfig.Mode.MIN) {
            return metric < (rel ? best * (1 - t) : best - t);
        }
        return metric > (rel ? best * (1 + t) : best + t);
    }

    /** A snapshot of the evolving state. */
    public State state() {
        return new State(lr, best, badEpochs, cooldownCounter, epochs);
    }

    /** Replaces the evolving state with {@code state}, e.g. from a checkpoint. */
    public void restore(State state) {
        String owner = "ReduceLrOnPlateau";
        Check.nonNegative(owner, "state.lr", state.lr());
        Check.require(!Double.isNaN(state.best()), owner, "state.best must not be NaN");
        Check.require(state.badEpochs() >= 0 && state.cooldownCounter() >= 0 && state.epochs() >= 0, owner,
                "state counters must be >= 0, got " + state);
        lr = state.lr();
        best = state.best();
        badEpochs = state.badEpochs();
        cooldownCounter = state.cooldownCounter();
        epochs = state.epochs();
    }
}
