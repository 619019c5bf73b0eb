package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import dev.elman.train.TruncatedBptt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Truncated BPTT carries the state across chunks and cuts the gradient. */
class TruncatedBpttTest {
    private final Kernels<float[]> k = FloatReferenceKernels.INSTANCE;
    private final RnnConfig config = RnnConfig.builder().vocabSize(9).hiddenSize(5).outputSize(3).build();
    private final int[][] tokens = {{1, 2, 3, 4, 5, 6, 7}, {8, 1, 2}};
    private final int[][] labels = {{0, 1, 2, 0, 1, 2, 0}, {1, 1, 2}};

    @Test
    void aChunkAtLeastAsLongAsTheSequencesIsFullBptt() {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 3);
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(tokens, labels), ws);
        double full = net.loss(LossSpec.MEAN, ws);
        net.backward(ws);
        float[] fullGrad = net.param("rnn.weight_hh_l0").grad().clone();
        net.zeroGrad();
        double truncated = TruncatedBptt.lossAndGradient(net, SequenceBatch.ofTokens(tokens, labels), 7, null,
                LossSpec.MEAN, ws, null);
        assertEquals(full, truncated, 1e-6);
        assertArrayEquals(fullGrad, net.param("rnn.weight_hh_l0").grad(), 1e-6f);
    }

    @Test
    void stateIsCarriedButGradientIsCut() {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 3);
        Workspace<float[]> ws = net.newWorkspace();
        SequenceBatch<float[]> batch = SequenceBatch.ofTokens(tokens, labels);
        net.forward(batch, ws);
        double full = net.loss(LossSpec.SUM, ws);
        float[] fullFinal = new float[net.stateSize(2)];
        net.finalStatesInto(ws, fullFinal);
        net.backward(ws);
        float[] fullGrad = net.param("rnn.weight_hh_l0").grad().clone();
        net.zeroGrad();
        float[] truncFinal = new float[net.stateSize(2)];
        double truncated = TruncatedBptt.lossAndGradient(net, batch, 2, null, LossSpec.SUM, ws, truncFinal);
        assertEquals(full, truncated, 1e-5, "same forward computation, so the same loss");
        assertArrayEquals(fullFinal, truncFinal, 1e-6f, "the state is carried across chunks");
        assertNotEquals(fullGrad[0], net.param("rnn.weight_hh_l0").grad()[0], "the gradient is cut");
    }
}
