package dev.elman.optim;

/** Range checks shared by the configuration records; failures name the record and the option. */
final class Check {
    private Check() {
    }

    static void require(boolean ok, String owner, String message) {
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + message);
        }
    }

    /** {@code value} is finite and at least 0. */
    static void nonNegative(String owner, String name, double value) {
        require(Double.isFinite(value) && value >= 0, owner, name + " must be finite and >= 0, got " + value);
    }

    /** {@code value} lies in {@code [0, 1)}. */
    static void unitOpen(String owner, String name, double value) {
        require(value >= 0 && value < 1, owner, name + " must be in [0, 1), got " + value);
    }

    /** {@code value} lies in {@code [0, 1]}. */
    static void unitClosed(String owner, String name, double value) {
        require(value >= 0 && value <= 1, owner, name + " must be in [0, 1], got " + value);
    }

    /** {@code value} is finite and greater than 0. */
    static void positive(String owner, String name, double value) {
        require(Double.isFinite(value) && value > 0, owner, name + " must be finite and > 0, got " + value);
    }
}
