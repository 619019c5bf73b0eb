package dev.elman.nn;

import dev.elman.math.Activation;
import dev.elman.math.Kernels;

/**
 * One direction of one Elman layer over a packed batch: a(t) = b + W h(t-1) + U x(t), h(t) = f(a(t)).
 *
 * <p>The products that do not depend on h(t-1) — U x(t) for every t and, in backward, dL/dU, dL/dW, dL/db and
 * dL/dx — run as single whole-batch products outside the time loop; only W h(t-1) and its gradient run per step,
 * against a copy of W laid out once per pass ({@link Kernels#packRight}). Token input reads b + U x(t) instead from
 * a table of one row per token id (a frozen network's, or for one-hot input one made per pass), copied into each
 * step's rows just before the step.
 */
final class ElmanCell<A> {
    final Param<A> u;   // U: hidden × inputSize   (PyTorch weight_ih_l{k})
    final Param<A> w;   // W: hidden × hidden      (weight_hh_l{k}); null when the recurrence is off
    final Param<A> b;   // b: hidden               (bias_ih_l{k} + bias_hh_l{k})
    final int hidden;
    final int inputSize;
    final boolean reverse;
    final Activation activation;

    /** A workspace's laid-out copies of one cell's U and W, and its table of b + U x by token id. */
    static final class Layouts<A> {
        final PackedWeights<A> u = new PackedWeights<>();
        final PackedWeights<A> w = new PackedWeights<>();
        A table;        // one-hot input: row i = b + U e_i, made at each forward pass
        int[] columns;  // 0, 1, ..., inputSize - 1
        final boolean shared;   // a frozen network's, read by many threads: nothing is written here

        Layouts(boolean shared) {
            this.shared = shared;
        }
    }

    ElmanCell(Param<A> u, Param<A> w, Param<A> b, int hidden, int inputSize, boolean reverse, Activation activation) {
        this.u = u;
        this.w = w;
        this.b = b;
        this.hidden = hidden;
        this.inputSize = inputSize;
        this.reverse = reverse;
        this.activation = activation;
    }

    /** Rows of step t whose h(t-1) comes from the neighbouring step rather than from h(0). */
    int rowsFromNeighbour(Packing p, int t) {
        if (reverse) {
            return t + 1 < p.maxLength() ? p.rows(t + 1) : 0;
        }
        return t > 0 ? p.rows(t) : 0;
    }

    int neighbour(int t) {
        return reverse ? t + 1 : t - 1;
    }

    /**
     * Runs the recurrence. Writes {@code h} (packed h(t), N×H), {@code prev} (the h(t-1) each row saw, N×H, for the
     * backward pass; not kept for a frozen network's layouts, which never run backward) and {@code hFinal}
     * (rank-ordered final states, B×H). {@code h0} is rank-ordered B×H or null for zeros.
     * Input is {@code tokens} (one-hot columns of U) or {@code x} (packed rows of width inputSize). {@code layouts}
     * holds this cell's Wᵀ and Uᵀ as laid out by the last forward pass in this workspace. With {@code projected}
     * (a frozen network's E·Uᵀ + b or Uᵀ + b, one row per token id), b + U x(t) is read from its rows for
     * {@code tokens}.
     * {@code scratch} needs B×H elements (overwritten). A few rows run split over the kernels' threads by
     * {@code splitter} when they can ({@link SplitRecurrence}).
     */
    void forward(Kernels<A> k, Packing p, int[] tokens, A x, A h0, int h0Off, A h, A prev, A hFinal, int hFinalOff,
                 Layouts<A> layouts, A projected, A scratch, SplitRecurrence<A> splitter) {
        final int n = p.totalRows();
        final int hs = hidden;
        // b + U x(t) by token id, copied into each step's rows just before its product (while they are in cache)
        A table = projected != null ? projected : oneHotTable(k, tokens, n, layouts);
        if (table == null) {
            if (tokens != null) {
                k.fill(h, 0, n * hs, 0);
                k.addGatheredColumns(u.value(), inputSize, hs, tokens, 0, n, h, 0);
            } else {
                A packedU = layouts.u.of(k, u.value(), hs, inputSize);
                k.gemmPackedRight(n, hs, inputSize, x, 0, inputSize, packedU, false, h, 0, hs);
            }
            k.addRowVector(b.value(), 0, h, 0, n, hs);
        }
        A packedW = w != null ? layouts.w.of(k, w.value(), hs, hs) : null;
        final int steps = p.maxLength();
        // a frozen network never runs backward, so keeps no h(t-1) per row
        final boolean keepPrev = !layouts.shared;
        boolean ranSplit = w != null && SplitRecurrence.applies(k, p, h0 != null || layouts.w.allFinite())
                && splitter.run(this, k, p, tokens, table, h0, h0Off, h, prev, packedW, scratch, keepPrev);
        int serialSteps = ranSplit ? 0 : steps;
        for (int s = 0; s < serialSteps; s++) {
            int t = reverse ? steps - 1 - s : s;
            int rows = p.rows(t);
            int off = p.offset(t) * hs;
            if (table != null) {
                k.gatherRows(table, hs, tokens, p.offset(t), rows, h, off);
            }
            if (w != null) {
                int nb = rowsFromNeighbour(p, t);
                // rows starting from h(0) = 0 get W·0, which is +0 everywhere when W is finite: no product
                int multiplied = h0 == null && layouts.w.allFinite() ? nb : rows;
                // without prev to keep, the product reads h(t-1) where it is
                boolean inPlace = !keepPrev && multiplied == nb;
                if (!inPlace) {
                    if (nb > 0) {
                        k.copy(h, p.offset(neighbour(t)) * hs, prev, off, nb * hs);
                    }
                    if (rows > nb) {
                        if (h0 != null) {
                            k.copy(h0, h0Off + nb * hs, prev, off + nb * hs, (rows - nb) * hs);
                        } else {
                            k.fill(prev, off + nb * hs, (rows - nb) * hs, 0);
                        }
                    }
                }
                // W h(t-1) into scratch, then added: a product that stores is faster than one that accumulates,
                // and c + s is the bits an accumulating product gives
                if (multiplied > 0) {
                    A from = inPlace ? h : prev;
                    int fromOff = inPlace ? p.offset(neighbour(t)) * hs : off;
                    k.gemmPackedRight(multiplied, hs, hs, from, fromOff, hs, packedW, false, scratch, 0, hs);
                }
                if (multiplied < rows) {
                    k.fill(scratch, multiplied * hs, (rows - multiplied) * hs, 0);
                }
                k.addActivate(activation, scratch, 0, h, off, rows * hs);
            } else {
                k.activate(activation, h, off, rows * hs);
            }
        }
        for (int r = 0; r < p.batchSize(); r++) {
            int len = p.length(p.sequenceAt(r));
            if (len == 0) {
                if (h0 != null) {
                    k.copy(h0, h0Off + r * hs, hFinal, hFinalOff + r * hs, hs);
                } else {
                    k.fill(hFinal, hFinalOff + r * hs, hs, 0);
                }
            } else {
                int step = reverse ? 0 : len - 1;
                k.copy(h, (p.offset(step) + r) * hs, hFinal, hFinalOff + r * hs, hs);
            }
        }
    }

    /**
     * This pass's table of b + U x per token id for one-hot input, in the workspace's layouts; null for dense input,
     * for fewer rows than token ids (gathering U's columns row by row is then cheaper) and for a frozen network's
     * shared layouts (which are never written).
     */
    private A oneHotTable(Kernels<A> k, int[] tokens, int n, Layouts<A> layouts) {
        if (tokens == null || inputSize > n || layouts.shared) {
            return null;
        }
        if (layouts.table == null) {
            layouts.table = k.alloc(inputSize * hidden);
            layouts.columns = columnIds(inputSize);
        }
        oneHotRows(k, layouts.table, layouts.columns);
        return layouts.table;
    }

    static int[] columnIds(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /**
     * Writes into {@code table} (inputSize × H) the rows (0 + U[j][i]) + b[j] for every token id i: the very sums
     * the one-hot forward pass without a table forms for each row, so gathering them gives the same bits.
     * {@code columns} holds 0, 1, ..., inputSize - 1.
     */
    void oneHotRows(Kernels<A> k, A table, int[] columns) {
        k.fill(table, 0, inputSize * hidden, 0);
        k.addGatheredColumns(u.value(), inputSize, hidden, columns, 0, inputSize, table, 0);
        k.addRowVector(b.value(), 0, table, 0, inputSize, hidden);
    }

    /**
     * Backpropagation through time, the part each step needs the last one for. {@code dh} holds dL/dh(t) from above
     * (N×H) and is overwritten with dL/da(t). Accumulates into {@code dh0} (rank-ordered, may be null).
     * {@code dhFinal} (rank-ordered, may be null) is dL/dh_final from outside, e.g. a later chunk. {@code scratch}
     * needs B×H elements, {@code packedW} {@code k.packedRightSize(H, H)} (overwritten). The gradients of the
     * parameters and of the input follow from dL/da by {@link #weightGradient}, {@link #inputWeightGradient} and
     * {@link #inputGradient}, in any order.
     */
    void backwardSteps(Kernels<A> k, Packing p, A h, A dh, A dhFinal, int dhFinalOff, A dh0, int dh0Off, A scratch,
                       A packedW) {
        final int hs = hidden;
        final int steps = p.maxLength();
        if (dhFinal != null) {
            for (int r = 0; r < p.batchSize(); r++) {
                int len = p.length(p.sequenceAt(r));
                if (len == 0) {
                    if (dh0 != null) {
                        k.addInPlace(dhFinal, dhFinalOff + r * hs, dh0, dh0Off + r * hs, hs);
                    }
                } else {
                    int step = reverse ? 0 : len - 1;
                    k.addInPlace(dhFinal, dhFinalOff + r * hs, dh, (p.offset(step) + r) * hs, hs);
                }
            }
        }
        if (w != null) {
            k.packRight(false, hs, hs, w.value(), 0, hs, packedW);
        }
        for (int s = 0; s < steps; s++) {
            int t = reverse ? s : steps - 1 - s;
            int rows = p.rows(t);
            int off = p.offset(t) * hs;
            k.activationBackward(activation, h, off, dh, off, rows * hs);
            if (w != null) {
                int nb = rowsFromNeighbour(p, t);
                // dL/dh(t-1) of rows that started from h(0) is wanted only for dh0
                int multiplied = dh0 != null ? rows : nb;
                if (multiplied > 0) {
                    k.gemmPackedRight(multiplied, hs, hs, dh, off, hs, packedW, false, scratch, 0, hs);
                }
                if (nb > 0) {
                    k.addInPlace(scratch, 0, dh, p.offset(neighbour(t)) * hs, nb * hs);
                }
                if (rows > nb && dh0 != null) {
                    k.addInPlace(scratch, nb * hs, dh0, dh0Off + nb * hs, (rows - nb) * hs);
                }
            }
        }
    }

    /** Adds dL/dW = Σ dL/da(t)ᵀ h(t-1) to W's gradient, from {@code da} (N×H) and {@code prev} (each row's h(t-1)). */
    void weightGradient(Kernels<A> k, Packing p, A da, A prev) {
        k.gemm(true, false, hidden, hidden, p.totalRows(), da, 0, hidden, prev, 0, hidden, true, w.grad(), 0, hidden);
    }

    /** Adds dL/db and dL/dU (from {@code tokens}, one-hot, or the dense input {@code x}) to their gradients. */
    void inputWeightGradient(Kernels<A> k, Packing p, int[] tokens, A x, A da) {
        final int n = p.totalRows();
        final int hs = hidden;
        k.addColumnSums(da, 0, n, hs, b.grad(), 0);
        if (tokens != null) {
            k.scatterAddColumns(da, 0, n, hs, tokens, 0, u.grad(), inputSize);
        } else {
            k.gemm(true, false, hs, inputSize, n, da, 0, hs, x, 0, inputSize, true, u.grad(), 0, inputSize);
        }
    }

    /** Adds dL/dx = dL/da · U (dense input) to {@code dx} (N×inputSize). */
    void inputGradient(Kernels<A> k, Packing p, A da, A dx) {
        k.gemm(false, false, p.totalRows(), inputSize, hidden, da, 0, hidden, u.value(), 0, inputSize, true, dx, 0,
                inputSize);
    }
}
