package dev.elman.math;

/** The nonlinearity of an Elman layer: h(t) = f(a(t)). */
public enum Activation {
    /** h = tanh(a), the seed's choice. */
    TANH,
    /** h = max(0, a). */
    RELU;

    /** Parses {@code tanh} or {@code relu}, case-insensitively. */
    public static Activation parse(String s) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown nonlinearity '" + s + "': expected tanh or relu");
    }
}
