package dev.elman.loss;

/** How per-token cross-entropies combine into L. */
public enum Reduction {
    /** L = Σ over labelled tokens (the seed's definition). */
    SUM,
    /** L = the mean over labelled tokens. */
    MEAN;

    /** Parses {@code sum} or {@code mean}, case-insensitively. */
    public static Reduction parse(String s) {
        for (Reduction r : values()) {
            if (r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reduction '" + s + "': expected sum or mean");
    }
}
