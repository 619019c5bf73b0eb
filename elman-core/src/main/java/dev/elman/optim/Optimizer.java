package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A first-order optimiser over a fixed list of float parameters, following {@code torch.optim} (PyTorch 1.13)
 * update rules and float32 operation order.
 *
 * <p>{@link #step()} reads each parameter's gradient dL/dθ and subtracts the update from its value in place; it never
 * zeroes gradients. The learning rate may change between steps ({@link #setLearningRate}), e.g. from an
 * {@link LrSchedule}. Per-parameter state (moment estimates, accumulators) is exported by {@link #state()} under
 * {@code <param>.<slot>} names with torch's slot names, plus {@link #stepCount()}; {@link #loadState} restores it so
 * that training resumes with identical bits.
 */
public abstract sealed class Optimizer permits Sgd, Adagrad, RmsProp, Adam {
    private final List<Param<float[]>> params;
    private final List<String> slotNames;
    private final float[][][] slots;  // [slot][param][element]
    private double lr;
    private long steps;

    Optimizer(List<Param<float[]>> params, double lr, List<String> slotNames) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": empty parameter list");
        }
        Set<String> names = new HashSet<>();
        for (Param<float[]> p : params) {
            if (p == null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": null parameter in " + params);
            }
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + p.name()
                        + "' appears twice");
            }
        }
        this.params = List.copyOf(params);
        this.slotNames = List.copyOf(slotNames);
        this.slots = new float[slotNames.size()][params.size()][];
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < params.size(); i++) {
                slots[s][i] = new float[params.get(i).size()];
            }
        }
        setLearningRate(lr);
    }

    /** Applies one update to every parameter from its current gradient. */
    public final void step() {
        beginStep();
        stepPart(0, 1);
    }

    /**
     * Counts a step whose update {@link #stepPart} then applies in parts, possibly on several threads at once;
     * {@code beginStep()} followed by every part gives the same bits as {@link #step()}.
     */
    public final void beginStep() {
        steps++;
    }

    /**
     * Applies part {@code part} of {@code parts} of the step counted by {@link #beginStep()}: rows
     * {@code [rows·part/parts, rows·(part+1)/parts)} of every parameter. Parts touch disjoint elements, so they may
     * run concurrently; together they are the whole update.
     */
    public final void stepPart(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        boolean skipZero = zeroGradientIsNoOp();
        for (int i = 0; i < params.size(); i++) {
            Param<float[]> p = params.get(i);
            int width = p.rowSize();
            int r0 = p.partStart(part, parts);
            int r1 = p.partStart(part + 1, parts);
            if (skipZero && p.rowSparse()) {
                for (int r = p.nextTouchedRow(r0); r >= 0 && r < r1; r = p.nextTouchedRow(r + 1)) {
                    update(i, p.value(), p.grad(), r * width, r * width + width);
                }
            } else if (r1 > r0) {
                update(i, p.value(), p.grad(), r0 * width, r1 * width);
            }
        }
    }

    /**
     * Updates elements {@code [from, to)} of parameter {@code index}'s value {@code w} from its gradient {@code g};
     * called by {@link #step()} after the step count has been incremented.
     */
    abstract void update(int index, float[] w, float[] g, int from, int to);

    /**
     * Whether this step's {@link #update} leaves an element whose gradient is zero bit for bit unchanged (no state
     * and no weight decay); {@link #step()} then skips the untouched rows of {@linkplain Param#rowSparse()
     * row-sparse} parameters.
     */
    boolean zeroGradientIsNoOp() {
        return false;
    }

    /** The state array of slot {@code slot} (index into the slot names) for parameter {@code param}. */
    final float[] slot(int slot, int param) {
        return slots[slot][param];
    }

    /** The parameters this optimiser updates, in order. */
    public final List<Param<float[]>> params() {
        return params;
    }

    /** The learning rate used by the next {@link #step()}. */
    public final double learningRate() {
        return lr;
    }

    /** Sets the learning rate for the following steps. */
    public final void setLearningRate(double lr) {
        Check.nonNegative(getClass().getSimpleName(), "lr", lr);
        this.lr = lr;
    }

    /** Number of {@link #step()} calls so far (PyTorch's per-parameter {@code step}, shared by all parameters). */
    public final long stepCount() {
        return steps;
    }

    /** The slot names of this optimiser's state, e.g. {@code exp_avg}, in export order. */
    public final List<String> slotNames() {
        return slotNames;
    }

    /**
     * A copy of the per-parameter state, keyed {@code <param name>.<slot>} (e.g. {@code output.bias.exp_avg}),
     * parameters in order, slots in {@link #slotNames()} order. Empty for plain SGD.
     */
    public final Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            for (int s = 0; s < slots.length; s++) {
                out.put(params.get(i).name() + "." + slotNames.get(s), slots[s][i].clone());
            }
        }
        return out;
    }

    /**
     * Replaces the state with {@code state} (as returned by {@link #state()}) and the step count with
     * {@code stepCount}. Every expected name must be present with the parameter's size and no other name may appear;
     * nothing changes if the check fails.
     *
     * @throws IllegalArgumentException naming the missing, unexpected or mis-sized tensor
     */
    public final void loadState(Map<String, float[]> state, long stepCount) {
        String owner = getClass().getSimpleName();
        Check.require(stepCount >= 0, owner, "step count must be >= 0, got " + stepCount);
        Check.require(state != null, owner, "state is null");
        Map<String, float[]> expected = state();
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        Check.require(unexpected.isEmpty(), owner, "unexpected state tensors " + unexpected
                + "; expected " + expected.keySet());
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] given = state.get(e.getKey());
            Check.require(given != null, owner, "missing state tensor '" + e.getKey() + "'; expected "
                    + expected.keySet());
            Check.require(given.length == e.getValue().length, owner, "state tensor '" + e.getKey() + "' has "
                    + given.length + " elements, expected " + e.getValue().length);
        }
        for (int i = 0; i < params.size(); i++) {
            for (int s = 0; s < slots.length; s++) {
                float[] given = state.get(params.get(i).name() + "." + slotNames.get(s));
                System.arraycopy(given, 0, slots[s][i], 0, given.length);
            }
        }
        steps = stepCount;
    }
}
