package dev.elman.nlp.lm;

import java.util.Arrays;

/**
 * The recurrent state of a language model after some prefix: h of every layer. Immutable: stepping returns a new
 * state, so a state can be kept, shared between threads, and resumed from any number of times (e.g. to branch
 * several continuations from one prompt).
 */
public final class LmState {
    private final float[] h;   // [layer][H]; owned, never written after construction

    LmState(float[] h) {
        this.h = h;
    }

    /**
     * A state from explicit values, [layer][H] flattened (e.g. one saved with {@link #toArray()}).
     *
     * @throws IllegalArgumentException if the size does not fit the model or a value is not finite
     */
    public static LmState of(LmModel model, float[] values) {
        if (values.length != model.stateSize()) {
            throw new IllegalArgumentException("state: expected " + model.layers() + " × " + model.hiddenSize()
                    + " = " + model.stateSize() + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("state: value " + i + " is " + values[i]);
            }
        }
        return new LmState(values.clone());
    }

    /** Number of floats: layers × H. */
    public int size() {
        return h.length;
    }

    /** Value {@code index} of the flattened [layer][H] array: h_j of layer l is at {@code l·H + j}. */
    public float get(int index) {
        return h[index];
    }

    /** A copy of the values, [layer][H] flattened. */
    public float[] toArray() {
        return h.clone();
    }

    /** The live array, for the engine to read; never to be written. */
    float[] values() {
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LmState s && Arrays.equals(h, s.h);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(h);
    }

    @Override
    public String toString() {
        return "LmState(" + h.length + " values)";
    }
}
