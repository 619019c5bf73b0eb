package dev.elman.nn;

import dev.elman.math.Kernels;
import dev.elman.math.PartsJob;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The time loop of one cell's forward pass over a few rows, split by columns of h over the kernels' threads
 * ({@link Kernels#runTogether}): each part forms its columns of a(t) = b + U x(t) + W h(t-1) and of h(t). A step of
 * one sentence reads the whole of W for a single row, which on one core is bound by how fast its cache delivers W;
 * split, each core reads only its half of W, which stays in its own cache from step to step. Several rows meet at
 * a barrier after every step. One row does without: each part starts a step's product on the columns of h(t-1) it
 * formed itself and waits for another part's only where its sums reach them ({@link Kernels#gemmPackedSpan}),
 * so passing h between the cores overlaps the arithmetic. Every element is formed by the very operations of the
 * one-thread loop, so the bits are the same. One per workspace: it holds the arguments of the pass it runs.
 */
final class SplitRecurrence<A> implements PartsJob {
    /** Largest batch split this way; larger batches keep a core busy by themselves. */
    static final int MAX_ROWS = 4;

    private ElmanCell<A> cell;
    private Kernels<A> k;
    private Packing p;
    private int[] tokens;
    private A table;
    private A h0;
    private int h0Off;
    private A h;
    private A prev;
    private A packedW;
    private A scratch;
    private boolean keepPrev;

    // One row: instead of a barrier after every step, each part counts the steps it has finished in its own slot
    // (PAD longs apart), and waits for another part's count only when its product reaches that part's columns of
    // h(t-1). A part starts each step with the columns it formed itself, the other parts' meanwhile arriving.
    private static final VarHandle DONE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PAD = 16;
    private long[] done = new long[0];
    /** The count before this pass's first step: counts only grow, so none left from an earlier pass is mistaken. */
    private long base;

    /**
     * Whether a recurrent cell's loop over this batch may run split: several threads, few rows, and no W·0 to form
     * ({@code noZeroProduct}: h(0) given, or W finite so that W·0 is +0).
     */
    static boolean applies(Kernels<?> k, Packing p, boolean noZeroProduct) {
        return fewRows(k, p) && noZeroProduct;
    }

    /** Whether the batch is few enough rows, and the kernels have threads enough, to share its steps out. */
    static boolean fewRows(Kernels<?> k, Packing p) {
        return k.parts() > 1 && p.batchSize() <= MAX_ROWS;
    }

    /**
     * Runs the loop of {@link ElmanCell#forward} split, with its arguments ({@code table} holds b + U x by token id,
     * or null when {@code h} already holds b + U x(t); {@code keepPrev} whether to write {@code prev} for a backward
     * pass); false if the threads were busy and nothing ran.
     */
    boolean run(ElmanCell<A> cell, Kernels<A> k, Packing p, int[] tokens, A table, A h0, int h0Off, A h, A prev,
                A packedW, A scratch, boolean keepPrev) {
        this.cell = cell;
        this.k = k;
        this.p = p;
        this.tokens = tokens;
        this.table = table;
        this.h0 = h0;
        this.h0Off = h0Off;
        this.h = h;
        this.prev = prev;
        this.packedW = packedW;
        this.scratch = scratch;
        this.keepPrev = keepPrev;
        if (done.length < k.parts() * PAD) {
            done = new long[k.parts() * PAD];
        }
        try {
            return k.runTogether(this);
        } finally {
            this.cell = null;
            this.k = null;
            this.p = null;
            this.tokens = null;
            this.table = null;
            this.h0 = null;
            this.h = null;
            this.prev = null;
            this.packedW = null;
            this.scratch = null;
            base += p.maxLength() + 1;
        }
    }

    @Override
    public void run(int part, int parts, Barrier barrier) {
        int hs = cell.hidden;
        int blocks = (hs + Kernels.COLUMN_BLOCK - 1) / Kernels.COLUMN_BLOCK;
        int lo = firstColumn(part, parts, blocks, hs);
        int hi = firstColumn(part + 1, parts, blocks, hs);
        int steps = p.maxLength();
        if (p.batchSize() == 1 && k.splitsSums()) {
            for (int s = 0; s < steps; s++) {
                if (lo < hi) {
                    oneRow(s, cell.reverse ? steps - 1 - s : s, hs, part, parts, blocks, lo, hi, barrier);
                }
                DONE.setRelease(done, part * PAD, base + s + 1);
            }
            return;
        }
        for (int s = 0; s < steps; s++) {
            if (lo < hi) {
                step(cell.reverse ? steps - 1 - s : s, hs, lo, hi);
            }
            barrier.await();   // h(t) is whole before any part reads it as h(t-1)
        }
    }

    /** Part q's first column of h (q = parts gives the end): whole column blocks, shared out evenly. */
    private static int firstColumn(int q, int parts, int blocks, int hs) {
        return Math.min(hs, Kernels.COLUMN_BLOCK * (blocks * q / parts));
    }

    /** Columns [lo, hi) of step t. */
    private void step(int t, int hs, int lo, int hi) {
        int w = hi - lo;
        int rows = p.rows(t);
        int off = p.offset(t) * hs;
        int nb = cell.rowsFromNeighbour(p, t);
        int from = nb > 0 ? p.offset(cell.neighbour(t)) * hs : 0;
        for (int r = 0; r < rows; r++) {
            int at = off + r * hs + lo;
            if (keepPrev) {
                if (r < nb) {
                    k.copy(h, from + r * hs + lo, prev, at, w);
                } else if (h0 != null) {
                    k.copy(h0, h0Off + r * hs + lo, prev, at, w);
                } else {
                    k.fill(prev, at, w, 0);
                }
            }
            if (r >= nb && h0 == null) {
                k.fill(scratch, r * hs + lo, w, 0);   // W·0 of a finite W
            }
        }
        // read h(t-1) where it is, not from prev: another part is writing prev's other columns
        if (nb > 0) {
            k.gemmPackedRightColumns(nb, lo, hi, hs, hs, h, from, hs, packedW, scratch, 0, hs);
        }
        if (rows > nb && h0 != null) {
            k.gemmPackedRightColumns(rows - nb, lo, hi, hs, hs, h0, h0Off + nb * hs, hs, packedW, scratch, nb * hs,
                    hs);
        }
        for (int r = 0; r < rows; r++) {
            int at = off + r * hs + lo;
            if (table != null) {
                // b + U x(t) read from its row of the table: no copy into h first
                k.addActivateInto(cell.activation, scratch, r * hs + lo, table, tokens[p.offset(t) + r] * hs + lo, h,
                        at, w);
            } else {
                k.addActivate(cell.activation, scratch, r * hs + lo, h, at, w);
            }
        }
    }

    /** Columns [lo, hi) of step t, the s-th of a one-row pass. */
    private void oneRow(int s, int t, int hs, int part, int parts, int blocks, int lo, int hi, Barrier barrier) {
        int w = hi - lo;
        int at = p.offset(t) * hs + lo;
        boolean fromNeighbour = cell.rowsFromNeighbour(p, t) > 0;
        A src = fromNeighbour ? h : h0;
        int srcOff = fromNeighbour ? p.offset(cell.neighbour(t)) * hs : h0Off;
        if (keepPrev) {
            if (src != null) {
                k.copy(src, srcOff + lo, prev, at, w);
            } else {
                k.fill(prev, at, w, 0);
            }
        }
        if (src == null) {
            k.fill(scratch, lo, w, 0);   // W·0 of a finite W
        } else {
            for (int q = 0; q < parts; q++) {
                int qlo = firstColumn(q, parts, blocks, hs);
                int qhi = firstColumn(q + 1, parts, blocks, hs);
                if (qlo == qhi) {
                    continue;
                }
                if (q != part && fromNeighbour) {
                    awaitStep(q, s - 1, barrier);
                }
                k.gemmPackedSpan(1, lo, hi, hs, hs, qlo, qhi, src, srcOff, hs, packedW, scratch, 0, hs);
            }
        }
        if (table != null) {
            k.addActivateInto(cell.activation, scratch, lo, table, tokens[p.offset(t)] * hs + lo, h, at, w);
        } else {
            k.addActivate(cell.activation, scratch, lo, h, at, w);
        }
    }

    /** Returns once part q has finished the s-th step of this pass (throws if a part failed). */
    private void awaitStep(int q, int s, Barrier barrier) {
        long want = base + s + 1;
        while ((long) DONE.getAcquire(done, q * PAD) < want) {
            barrier.checkOthers();
            Thread.onSpinWait();
        }
    }
}
