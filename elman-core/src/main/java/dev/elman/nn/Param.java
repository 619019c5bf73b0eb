package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.Arrays;

/**
 * A named parameter tensor θ and its gradient dL/dθ, both flat row-major arrays of the same shape.
 *
 * <p>{@link #value()} and {@link #grad()} return the live arrays, not copies: optimisers update them in place.
 * Gradients accumulate across backward passes until {@link #zeroGrad} is called.
 *
 * @param <A> the array type ({@code float[]} or {@code double[]})
 */
public final class Param<A> {
    private final String name;
    private final int[] shape;
    private final int size;
    private final A value;
    private final A grad;

    Param(Kernels<A> kernels, String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.size = n;
        this.value = kernels.alloc(n);
        this.grad = kernels.alloc(n);
    }

    private Param(Param<A> master, Kernels<A> kernels) {
        this.name = master.name;
        this.shape = master.shape;
        this.size = master.size;
        this.value = master.value;
        this.grad = kernels.alloc(size);
    }

    /**
     * A parameter that shares this one's value array but has its own gradient: a data-parallel worker's view of
     * the same weights.
     */
    public Param<A> sharingValue(Kernels<A> kernels) {
        return new Param<>(this, kernels);
    }

    /** A new zero parameter of the given name and shape, for layers built outside {@link ElmanNetwork}. */
    public static <A> Param<A> create(Kernels<A> kernels, String name, int... shape) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return new Param<>(kernels, name, shape);
    }

    /** The parameter's name, e.g. {@code rnn.weight_hh_l0} (see {@link ElmanNetwork} for the mapping). */
    public String name() {
        return name;
    }

    /** The shape, outermost dimension first. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The live value array (modifiable: optimisers write it). */
    public A value() {
        return value;
    }

    /** The live gradient array dL/dθ (modifiable: backward passes accumulate into it). */
    public A grad() {
        return grad;
    }

    /** Sets every gradient element to zero. */
    public void zeroGrad(Kernels<A> kernels) {
        kernels.fill(grad, 0, size, 0);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
