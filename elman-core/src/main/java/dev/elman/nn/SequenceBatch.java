package dev.elman.nn;

import dev.elman.math.Kernels;

/**
 * A batch of variable-length input sequences, with optional per-step labels, in the {@link Packing} layout.
 *
 * <p>Input is either token ids or dense vectors x(t). Labels may use an ignore value (see
 * {@link dev.elman.loss.LossSpec#ignoreLabel()}) for unlabelled positions.
 *
 * @param <A> the array type of dense input
 */
public final class SequenceBatch<A> {
    private final Packing packing;
    private final int[] tokens;   // packed ids, or null
    private final A dense;        // packed rows of width inputWidth, or null
    private final int inputWidth;
    private final int[] labels;   // packed, or null

    private SequenceBatch(Packing packing, int[] tokens, A dense, int inputWidth, int[] labels) {
        this.packing = packing;
        this.tokens = tokens;
        this.dense = dense;
        this.inputWidth = inputWidth;
        this.labels = labels;
    }

    /** Token sequences with optional labels of the same lengths ({@code labels} may be null). */
    public static <A> SequenceBatch<A> ofTokens(int[][] tokens, int[][] labels) {
        Packing p = Packing.of(lengthsOf(tokens, "tokens"));
        return new SequenceBatch<>(p, p.packInts(tokens, "tokens"), null, 0,
                labels == null ? null : p.packInts(labels, "labels"));
    }

    /**
     * Padded token sequences: row {@code s} of {@code padded} holds sequence {@code s} in its first
     * {@code lengths[s]} entries; whatever follows is ignored.
     */
    public static <A> SequenceBatch<A> ofPaddedTokens(int[][] padded, int[][] paddedLabels, int[] lengths) {
        int[][] tokens = new int[lengths.length][];
        int[][] labels = paddedLabels == null ? null : new int[lengths.length][];
        if (padded.length != lengths.length) {
            throw new IllegalArgumentException("tokens: expected " + lengths.length + " rows, got " + padded.length);
        }
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] < 0 || lengths[s] > padded[s].length) {
                throw new IllegalArgumentException("lengths[" + s + "] = " + lengths[s]
                        + " is outside [0, " + padded[s].length + "] (the padded row's width)");
            }
            tokens[s] = java.util.Arrays.copyOf(padded[s], lengths[s]);
            if (labels != null) {
                labels[s] = java.util.Arrays.copyOf(paddedLabels[s], lengths[s]);
            }
        }
        return ofTokens(tokens, labels);
    }

    /** Dense sequences: {@code x[s][t]} is the input vector x(t) of sequence s, all of width {@code width}. */
    public static <A> SequenceBatch<A> ofDense(Kernels<A> kernels, double[][][] x, int[][] labels) {
        int[] lengths = new int[x.length];
        for (int s = 0; s < x.length; s++) {
            lengths[s] = x[s] == null ? 0 : x[s].length;
        }
        Packing p = Packing.of(lengths);
        int width = x[0][0].length;
        A packed = kernels.alloc(Math.multiplyExact(p.totalRows(), width));
        for (int s = 0; s < x.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                if (x[s][t].length != width) {
                    throw new IllegalArgumentException("x[" + s + "][" + t + "]: expected width " + width
                            + ", got " + x[s][t].length);
                }
                int row = p.row(s, t);
                for (int j = 0; j < width; j++) {
                    double v = x[s][t][j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("x[" + s + "][" + t + "][" + j + "] is " + v
                                + ": inputs must be finite");
                    }
                    kernels.set(packed, row * width + j, v);
                }
            }
        }
        return new SequenceBatch<>(p, null, packed, width, labels == null ? null : p.packInts(labels, "labels"));
    }

    /**
     * Wraps already-packed data without copying: {@code tokens} (or {@code dense} rows of width
     * {@code inputWidth}) and {@code labels} in the row order of {@code packing}. Used by trainers that pack
     * into reused buffers.
     */
    public static <A> SequenceBatch<A> packed(Packing packing, int[] tokens, A dense, int inputWidth, int[] labels) {
        if ((tokens == null) == (dense == null)) {
            throw new IllegalArgumentException("exactly one of tokens and dense input must be given");
        }
        return new SequenceBatch<>(packing, tokens, dense, inputWidth, labels);
    }

    private static int[] lengthsOf(int[][] seqs, String what) {
        if (seqs == null || seqs.length == 0) {
            throw new IllegalArgumentException(what + ": batch is empty, expected at least one sequence");
        }
        int[] lengths = new int[seqs.length];
        for (int s = 0; s < seqs.length; s++) {
            if (seqs[s] == null) {
                throw new IllegalArgumentException(what + "[" + s + "] is null");
            }
            lengths[s] = seqs[s].length;
        }
        return lengths;
    }

    /** The layout. */
    public Packing packing() {
        return packing;
    }

    /** Whether the input is token ids. */
    public boolean hasTokens() {
        return tokens != null;
    }

    /** Packed token ids (live array; do not modify), or null for dense input. */
    int[] tokens() {
        return tokens;
    }

    /** Packed dense input (live array; do not modify), or null for token input. */
    A dense() {
        return dense;
    }

    /** Width of dense input vectors (0 for tokens). */
    public int inputWidth() {
        return inputWidth;
    }

    /** Whether labels are present. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Packed labels (live array; do not modify), or null. */
    int[] labels() {
        return labels;
    }

    /**
     * Steps {@code [start, start+k)} of every sequence as a batch of its own (sequences that ended before
     * {@code start} get length 0): the chunks of truncated BPTT.
     */
    public SequenceBatch<A> window(Kernels<A> kernels, int start, int k) {
        if (start < 0 || k <= 0) {
            throw new IllegalArgumentException("window: start must be >= 0 and k > 0, got start=" + start + ", k=" + k);
        }
        Packing w = packing.window(start, k);
        int n = w.totalRows();
        int[] t2 = tokens == null ? null : new int[n];
        int[] l2 = labels == null ? null : new int[n];
        A d2 = dense == null ? null : kernels.alloc(n * inputWidth);
        for (int s = 0; s < w.batchSize(); s++) {
            for (int t = 0; t < w.length(s); t++) {
                int from = packing.row(s, start + t);
                int to = w.row(s, t);
                if (t2 != null) {
                    t2[to] = tokens[from];
                }
                if (l2 != null) {
                    l2[to] = labels[from];
                }
                if (d2 != null) {
                    kernels.copy(dense, from * inputWidth, d2, to * inputWidth, inputWidth);
                }
            }
        }
        return new SequenceBatch<>(w, t2, d2, inputWidth, l2);
    }

    /** Labels of each sequence in batch order (copies), or null. */
    public int[][] labelsBySequence() {
        return labels == null ? null : packing.unpackInts(labels);
    }
}
