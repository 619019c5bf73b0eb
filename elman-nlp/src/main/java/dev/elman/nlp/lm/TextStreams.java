package dev.elman.nlp.lm;

import dev.elman.nn.Packing;

/**
 * A stretch of text cut into parallel contiguous streams, read in chunks of a fixed number of steps: the layout of
 * stateful truncated BPTT (as char-rnn trains). Stream s reads its characters left to right; chunk c holds steps
 * {@code [c·k, (c+1)·k)} of every stream, so the state after chunk c is the right initial state for chunk c+1.
 *
 * <p>Every input position in {@code [from, to)} belongs to exactly one stream, and its target is the character
 * after it. The first {@code (to − from) mod streams} streams are one step longer than the others.
 */
final class TextStreams {
    private final int[] ids;
    private final int[] starts;    // first input position of each stream
    private final int[] lengths;   // input steps of each stream
    private final int chunk;
    private final int maxLength;
    private final Packing[] fullChunks;   // a full chunk's packing for each number of streams, made on first use

    /**
     * @param ids     the text as character ids (not copied; must not change)
     * @param from    first input position
     * @param to      end of the input positions (exclusive); at most {@code ids.length − 1}, as each input needs
     *                the character after it as its target
     * @param streams number of parallel streams
     * @param chunk   steps per chunk
     */
    TextStreams(int[] ids, int from, int to, int streams, int chunk) {
        if (streams <= 0 || chunk <= 0) {
            throw new IllegalArgumentException("streams and chunk length must be positive, got " + streams + " and "
                    + chunk);
        }
        if (from < 0 || to > ids.length - 1 || from > to) {
            throw new IllegalArgumentException("input positions [" + from + ", " + to + ") do not fit a text of "
                    + ids.length + " characters");
        }
        int steps = to - from;
        if (steps == 0) {
            throw new IllegalArgumentException("nothing to predict: a text of " + ids.length + " characters, from "
                    + "position " + from + "; at least 2 characters are needed (an input and its target)");
        }
        if (steps < streams) {
            throw new IllegalArgumentException("a text of " + ids.length + " characters has " + steps
                    + " positions to predict, fewer than the " + streams + " parallel streams; use fewer streams");
        }
        this.ids = ids;
        this.chunk = chunk;
        this.starts = new int[streams];
        this.lengths = new int[streams];
        int base = steps / streams;
        int extra = steps % streams;
        for (int s = 0; s < streams; s++) {
            lengths[s] = base + (s < extra ? 1 : 0);
            starts[s] = from + s * base + Math.min(s, extra);
        }
        this.maxLength = lengths[0];
        this.fullChunks = new Packing[streams + 1];
    }

    int streams() {
        return starts.length;
    }

    /** Number of chunks. */
    int chunks() {
        return (maxLength + chunk - 1) / chunk;
    }

    /** Number of predicted positions over all streams and chunks. */
    long targets() {
        long n = 0;
        for (int len : lengths) {
            n += len;
        }
        return n;
    }

    /**
     * Writes chunk {@code c}'s inputs and targets into {@code tokens} and {@code labels} (each at least
     * streams × chunk long) in the order of the returned packing.
     */
    Packing fill(int c, int[] tokens, int[] labels) {
        return fill(c, 0, streams(), tokens, labels);
    }

    /**
     * As {@link #fill(int, int[], int[])} for streams {@code [from, to)} only, which become sequences
     * {@code 0 .. to−from−1} of the returned packing.
     */
    Packing fill(int c, int from, int to, int[] tokens, int[] labels) {
        if (c < 0 || c >= chunks()) {
            throw new IllegalArgumentException("chunk " + c + " is outside [0, " + chunks() + ")");
        }
        if (from < 0 || to > streams() || from >= to) {
            throw new IllegalArgumentException("streams [" + from + ", " + to + ") are not a part of [0, " + streams()
                    + ")");
        }
        int first = c * chunk;
        int width = to - from;
        Packing p;
        if (lengths[to - 1] < first + chunk) {
            int[] lens = new int[width];
            for (int s = 0; s < width; s++) {
                lens[s] = Math.max(0, Math.min(chunk, lengths[from + s] - first));
            }
            p = Packing.of(lens, true);
        } else {
            if (fullChunks[width] == null) {
                int[] full = new int[width];
                java.util.Arrays.fill(full, chunk);
                fullChunks[width] = Packing.of(full);
            }
            p = fullChunks[width];
        }
        for (int s = 0; s < width; s++) {
            int len = p.length(s);
            int pos = starts[from + s] + first;
            for (int t = 0; t < len; t++) {
                int row = p.row(s, t);
                tokens[row] = ids[pos + t];
                labels[row] = ids[pos + t + 1];
            }
        }
        return p;
    }
}
