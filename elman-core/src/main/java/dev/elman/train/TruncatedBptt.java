package dev.elman.train;

import dev.elman.loss.LossSpec;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

/**
 * Truncated backpropagation through time: the batch runs in chunks of k steps; each chunk starts from the
 * previous chunk's final states (the state is carried) but no gradient flows back across a chunk boundary (the
 * gradient is cut). With k at least the longest sequence this is full BPTT.
 */
public final class TruncatedBptt {
    private TruncatedBptt() {
    }

    /**
     * Runs forward, loss and backward chunk by chunk, accumulating dL/dθ into the network's gradients.
     *
     * @param h0        initial states [layers·D][batch][H] in batch order, or null for zeros
     * @param finalOut  receives the final states after the last chunk (same shape), or null
     * @return the summed loss of all chunks (for MEAN, divided by the whole batch's labelled-token count)
     */
    public static <A> double lossAndGradient(ElmanNetwork<A> net, SequenceBatch<A> batch, int k, A h0,
                                             LossSpec spec, Workspace<A> ws, A finalOut) {
        if (k <= 0) {
            throw new IllegalArgumentException("truncation length k must be positive, got " + k);
        }
        var kernels = net.kernels();
        int b = batch.packing().batchSize();
        int stateSize = net.stateSize(b);
        A state = kernels.alloc(stateSize);
        if (h0 != null) {
            kernels.copy(h0, 0, state, 0, stateSize);
        }
        int divisor = countLabelled(batch, spec);
        double loss = 0;
        for (int start = 0; start < batch.packing().maxLength(); start += k) {
            SequenceBatch<A> chunk = batch.window(kernels, start, k);
            net.forward(chunk, state, ws);
            loss += net.loss(spec, divisor, ws);
            net.backward(ws);
            net.finalStatesInto(ws, state);
        }
        if (finalOut != null) {
            kernels.copy(state, 0, finalOut, 0, stateSize);
        }
        return loss;
    }

    private static int countLabelled(SequenceBatch<?> batch, LossSpec spec) {
        int n = 0;
        for (int[] seq : batch.labelsBySequence()) {
            for (int y : seq) {
                if (y != spec.ignoreLabel()) {
                    n++;
                }
            }
        }
        return Math.max(n, 1);
    }
}
