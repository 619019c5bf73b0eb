package dev.elman.nn;

import java.util.Arrays;

/**
 * The packed, time-major layout of a batch of variable-length sequences (PyTorch's PackedSequence layout).
 *
 * <p>Sequences are ranked by length, longest first (ties keep batch order). Step t holds the {@link #rows(int)}
 * sequences still running at t, ranks {@code 0..rows(t)-1}, in consecutive rows starting at {@link #offset(int)}.
 * So padded positions take no rows at all: they cannot change h, leak the bias or add to the loss, and every
 * step's rows form one contiguous block for the matrix products.
 */
public final class Packing {
    private final int[] lengths;     // by batch index
    private final int[] rankOf;      // batch index -> rank
    private final int[] seqAtRank;   // rank -> batch index
    private final int[] rows;        // rows per step
    private final int[] offsets;     // first packed row of each step; offsets[maxLength] = total
    private final int maxLength;

    private Packing(int[] lengths) {
        this.lengths = lengths;
        int b = lengths.length;
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(lengths[y], lengths[x]));
        seqAtRank = new int[b];
        rankOf = new int[b];
        for (int r = 0; r < b; r++) {
            seqAtRank[r] = order[r];
            rankOf[order[r]] = r;
        }
        maxLength = b == 0 ? 0 : lengths[seqAtRank[0]];
        rows = new int[maxLength];
        offsets = new int[maxLength + 1];
        int r = b;
        for (int t = 0; t < maxLength; t++) {
            while (r > 0 && lengths[seqAtRank[r - 1]] <= t) {
                r--;
            }
            rows[t] = r;
            offsets[t + 1] = offsets[t] + r;
        }
    }

    /**
     * The layout for sequences of the given lengths.
     *
     * @param allowEmpty whether a length may be 0 (such a sequence takes no rows and its final state is its
     *                   initial state; truncated BPTT uses this for sequences that ended in an earlier chunk)
     */
    public static Packing of(int[] lengths, boolean allowEmpty) {
        if (lengths.length == 0) {
            throw new IllegalArgumentException("batch is empty: expected at least one sequence");
        }
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0 || (lengths[i] == 0 && !allowEmpty)) {
                throw new IllegalArgumentException("sequence " + i + " has length " + lengths[i]
                        + ": expected at least 1 step");
            }
        }
        return new Packing(lengths.clone());
    }

    /** Same as {@code of(lengths, false)}: every sequence must have at least one step. */
    public static Packing of(int... lengths) {
        return of(lengths, false);
    }

    /** Number of sequences. */
    public int batchSize() {
        return lengths.length;
    }

    /** Length of the longest sequence. */
    public int maxLength() {
        return maxLength;
    }

    /** Total number of real steps over all sequences (rows of every packed tensor). */
    public int totalRows() {
        return offsets[maxLength];
    }

    /** Length of sequence {@code seq} (batch order). */
    public int length(int seq) {
        return lengths[seq];
    }

    /** A copy of the lengths in batch order. */
    public int[] lengths() {
        return lengths.clone();
    }

    /** Number of sequences still running at step {@code t}. */
    public int rows(int t) {
        return rows[t];
    }

    /** First packed row of step {@code t}. */
    public int offset(int t) {
        return offsets[t];
    }

    /** Rank of sequence {@code seq}: its row within every step block and in rank-ordered state tensors. */
    public int rank(int seq) {
        return rankOf[seq];
    }

    /** The sequence (batch index) at rank {@code r}. */
    public int sequenceAt(int r) {
        return seqAtRank[r];
    }

    /** The packed row of step {@code t} of sequence {@code seq}; {@code t} must be below its length. */
    public int row(int seq, int t) {
        return offsets[t] + rankOf[seq];
    }

    /** Packs per-sequence int values (e.g. token ids or labels), each array as long as its sequence. */
    public int[] packInts(int[][] perSequence, String what) {
        if (perSequence.length != lengths.length) {
            throw new IllegalArgumentException(what + ": expected " + lengths.length + " sequences, got "
                    + perSequence.length);
        }
        int[] out = new int[totalRows()];
        for (int s = 0; s < lengths.length; s++) {
            if (perSequence[s] == null || perSequence[s].length != lengths[s]) {
                throw new IllegalArgumentException(what + "[" + s + "]: expected length " + lengths[s] + ", got "
                        + (perSequence[s] == null ? "null" : perSequence[s].length));
            }
            for (int t = 0; t < lengths[s]; t++) {
                out[row(s, t)] = perSequence[s][t];
            }
        }
        return out;
    }

    /** Splits packed int values back into per-sequence arrays in batch order. */
    public int[][] unpackInts(int[] packed) {
        int[][] out = new int[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            out[s] = new int[lengths[s]];
            for (int t = 0; t < lengths[s]; t++) {
                out[s][t] = packed[row(s, t)];
            }
        }
        return out;
    }

    /** The layout of steps {@code [start, start+k)} of every sequence (ended sequences get length 0). */
    public Packing window(int start, int k) {
        int[] w = new int[lengths.length];
        for (int s = 0; s < w.length; s++) {
            w[s] = Math.max(0, Math.min(k, lengths[s] - start));
        }
        return new Packing(w);
    }
}
