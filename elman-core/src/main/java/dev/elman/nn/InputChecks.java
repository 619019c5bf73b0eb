package dev.elman.nn;

import dev.elman.math.Kernels;

/** Validation of what callers pass to {@link ElmanNetwork}: messages name the tensor, the expected and the actual. */
final class InputChecks {
    private InputChecks() {
    }

    static <A> void checkState(RnnConfig config, Kernels<A> kernels, int expected, A state, int batchSize,
                                  String what) {
        if (kernels.length(state) != expected) {
            throw new IllegalArgumentException(what + ": expected shape [" + config.layers() * config.directions()
                    + "][" + batchSize + "][" + config.hiddenSize() + "] = " + expected + " elements, got "
                    + kernels.length(state));
        }
        if (kernels.hasNonFinite(state, 0, expected)) {
            throw new IllegalArgumentException(what + " contains NaN or infinite values");
        }
    }

    static <A> void checkBatch(RnnConfig config, Kernels<A> kernels, SequenceBatch<A> batch) {
        if (config.tokenInput() != batch.hasTokens()) {
            throw new IllegalArgumentException("input: this network takes "
                    + (config.tokenInput() ? "token ids" : "dense vectors of width " + config.inputSize())
                    + " but the batch holds " + (batch.hasTokens() ? "token ids" : "dense vectors"));
        }
        int n = batch.packing().totalRows();
        if (batch.hasTokens()) {
            int[] t = batch.tokens();
            for (int i = 0; i < n; i++) {
                if (t[i] < 0 || t[i] >= config.vocabSize()) {
                    throw new IllegalArgumentException("tokens: id " + t[i] + " is outside [0, " + config.vocabSize()
                            + ") at step " + stepOf(batch.packing(), i));
                }
            }
        } else {
            if (batch.inputWidth() != config.inputSize()) {
                throw new IllegalArgumentException("x: expected input width " + config.inputSize() + ", got "
                        + batch.inputWidth());
            }
            if (kernels.hasNonFinite(batch.dense(), 0, n * batch.inputWidth())) {
                throw new IllegalArgumentException("x contains NaN or infinite values");
            }
        }
    }

    private static String stepOf(Packing p, int row) {
        for (int s = 0; s < p.batchSize(); s++) {
            for (int t = 0; t < p.length(s); t++) {
                if (p.row(s, t) == row) {
                    return t + " of sequence " + s;
                }
            }
        }
        return "row " + row;
    }
}
