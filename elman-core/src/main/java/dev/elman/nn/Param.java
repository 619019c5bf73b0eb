package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A named parameter tensor θ and its gradient dL/dθ, both flat row-major arrays of the same shape.
 *
 * <p>{@link #value()} and {@link #grad()} return the live arrays, not copies: optimisers update them in place.
 * Gradients accumulate across backward passes until {@link #zeroGrad} is called.
 *
 * <p>A parameter can be {@linkplain #trackRows() row-sparse}: it then records which rows (indices of the first
 * dimension) may have a non-zero gradient since the last {@link #zeroGrad}, and zeroing, optimisers, clipping and
 * gradient sums visit only those rows, with results identical to the dense ones. Code that writes non-zero values
 * into the gradient of such a parameter other than through {@link #addToGradRows} must {@link #markRow} them (or
 * {@link #markAllRows}).
 *
 * @param <A> the array type ({@code float[]} or {@code double[]})
 */
public final class Param<A> {
    private final Kernels<A> kernels;
    private final String name;
    private final int[] shape;
    private final int size;
    private final int rows;
    private final int rowSize;
    private final A value;
    private final A grad;
    private BitSet touched;   // null unless row-sparse
    private int touchedCount;

    Param(Kernels<A> kernels, String name, int... shape) {
        this.kernels = kernels;
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.size = n;
        this.rows = shape.length == 0 ? 1 : shape[0];
        this.rowSize = rows == 0 ? 0 : n / rows;
        this.value = kernels.alloc(n);
        this.grad = kernels.alloc(n);
    }

    private Param(Param<A> master, Kernels<A> kernels) {
        this.kernels = kernels;
        this.name = master.name;
        this.shape = master.shape;
        this.size = master.size;
        this.rows = master.rows;
        this.rowSize = master.rowSize;
        this.value = master.value;
        this.grad = kernels.alloc(size);
        this.touched = master.touched == null ? null : new BitSet(rows);
    }

    /**
     * A parameter that shares this one's value array but has its own gradient: a data-parallel worker's view of
     * the same weights. It is row-sparse if this one is.
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

    /** Number of elements in one row (one index of the first dimension). */
    public int rowSize() {
        return rowSize;
    }

    /** The live value array (modifiable: optimisers write it). */
    public A value() {
        return value;
    }

    /**
     * The live gradient array dL/dθ (modifiable: backward passes accumulate into it). For a row-sparse parameter,
     * rows made non-zero here must be {@linkplain #markRow marked}.
     */
    public A grad() {
        return grad;
    }

    /**
     * Makes this parameter row-sparse (no-op if it already is). Every row counts as touched until the next
     * {@link #zeroGrad}.
     *
     * @return this parameter
     */
    public Param<A> trackRows() {
        if (shape.length == 0) {
            throw new IllegalStateException(name + ": a scalar has no rows to track");
        }
        if (touched == null) {
            touched = new BitSet(rows);
            markAllRows();
        }
        return this;
    }

    /** Whether this parameter records its touched rows (see {@link #trackRows()}). */
    public boolean rowSparse() {
        return touched != null;
    }

    /** Number of rows whose gradient may be non-zero: all rows unless {@linkplain #rowSparse() row-sparse}. */
    public int touchedRowCount() {
        return touched == null ? rows : touchedCount;
    }

    /**
     * The first row at or after {@code from} whose gradient may be non-zero, or -1 if there is none; rows come in
     * ascending order. Every row qualifies unless the parameter is {@linkplain #rowSparse() row-sparse}.
     */
    public int nextTouchedRow(int from) {
        if (from < 0) {
            throw new IndexOutOfBoundsException("from = " + from);
        }
        if (touched == null) {
            return from < rows ? from : -1;
        }
        return touched.nextSetBit(from);
    }

    /** Records that row {@code row}'s gradient may be non-zero (no-op unless row-sparse). */
    public void markRow(int row) {
        if (touched != null && !touched.get(row)) {
            if (row >= rows) {
                throw new IndexOutOfBoundsException(name + ": row " + row + " of " + rows);
            }
            touched.set(row);
            touchedCount++;
        }
    }

    /** Records every row that may be non-zero in {@code other}'s gradient (a replica's) as such in this one. */
    public void markRowsOf(Param<?> other) {
        if (touched == null) {
            return;
        }
        if (other.touched == null) {
            markAllRows();
        } else {
            touched.or(other.touched);
            touchedCount = touched.cardinality();
        }
    }

    /**
     * The first row of part {@code part} of {@code parts} equal row ranges ({@code rows·part/parts}); part = parts
     * gives the row count. Work split this way over threads touches disjoint elements.
     */
    public int partStart(int part, int parts) {
        return (int) ((long) rows * part / parts);
    }

    /** Records that every row's gradient may be non-zero (no-op unless row-sparse). */
    public void markAllRows() {
        if (touched != null) {
            touched.set(0, rows);
            touchedCount = rows;
        }
    }

    /**
     * {@code grad[ids[idOff + r]] += x[xOff + r]} for {@code count} rows of {@link #rowSize()} elements (an
     * embedding's gradient), marking those rows.
     */
    public void addToGradRows(A x, int xOff, int[] ids, int idOff, int count) {
        kernels.scatterAddRows(x, xOff, count, rowSize, ids, idOff, grad);
        if (touched != null) {
            for (int r = 0; r < count; r++) {
                markRow(ids[idOff + r]);
            }
        }
    }

    /** Sets every gradient element to zero (only the touched rows need it when row-sparse). */
    public void zeroGrad() {
        zeroGrad(kernels);
    }

    /** As {@link #zeroGrad()}, filling with {@code kernels}. */
    public void zeroGrad(Kernels<A> kernels) {
        if (touched == null || touchedCount == rows) {
            kernels.fill(grad, 0, size, 0);
        } else {
            for (int r = touched.nextSetBit(0); r >= 0; r = touched.nextSetBit(r + 1)) {
                kernels.fill(grad, r * rowSize, rowSize, 0);
            }
        }
        if (touched != null) {
            touched.clear();
            touchedCount = 0;
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
