package dev.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.elman.loss.LossSpec;
import dev.elman.math.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows that start from h(0) = 0 skip the product W·0 (and, without an initial state to differentiate, its gradient
 * Wᵀ·dL/da): the bits are those of passing zeros as h(0) explicitly, which runs every product.
 */
class ZeroInitialStateTest {
    static java.util.List<Kernels<float[]>> kernels() {
        return BatchInvarianceTest.kernels();
    }

    private final RnnConfig config = RnnConfig.builder().vocabSize(11).embeddingSize(5).hiddenSize(20).layers(2)
            .bidirectional(true).outputSize(4).build();
    private final int[][] tokens = {{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 0}};
    private final int[][] labels = {{0, 1, 2, 3, 0}, {1, 2}, {3, 0, 1, 2}};

    @ParameterizedTest
    @MethodSource("kernels")
    void skippingTheZeroStateProductsChangesNoBit(Kernels<float[]> k) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 5);
        SequenceBatch<float[]> batch = SequenceBatch.ofTokens(tokens, labels);
        float[] zeros = k.alloc(net.stateSize(tokens.length));

        Workspace<float[]> implicit = net.newWorkspace();
        float[][] implicitGrads = train(net, batch, null, implicit);
        Workspace<float[]> explicit = net.newWorkspace();
        float[][] explicitGrads = train(net, batch, zeros, explicit);

        for (int s = 0; s < tokens.length; s++) {
            for (int t = 0; t < tokens[s].length; t++) {
                assertArrayEquals(explicit.logits(s, t), implicit.logits(s, t), "logits of sequence " + s + " step " + t);
                for (int d = 0; d < 2; d++) {
                    assertArrayEquals(explicit.hidden(0, d, s, t), implicit.hidden(0, d, s, t),
                            "h of sequence " + s + " step " + t + " direction " + d);
                }
            }
        }
        for (int i = 0; i < implicitGrads.length; i++) {
            assertArrayEquals(explicitGrads[i], implicitGrads[i], "gradient of " + net.params().get(i).name());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void aNonFiniteWStillTurnsTheFirstStepIntoNaN(Kernels<float[]> k) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 5);
        net.param("rnn.weight_hh_l0").value()[3] = Float.POSITIVE_INFINITY;   // row 0 of W: ∞·0 is NaN in h_0
        SequenceBatch<float[]> batch = SequenceBatch.ofTokens(tokens, null);
        for (ElmanNetwork<float[]> n : java.util.List.of(net, net.freeze())) {
            Workspace<float[]> ws = n.newWorkspace();
            n.forward(batch, ws);
            for (int s = 0; s < tokens.length; s++) {
                assertTrue(Double.isNaN(ws.hidden(0, 0, s, 0)[0]), "h_0 of sequence " + s + " at step 0");
                assertTrue(Double.isFinite(ws.hidden(0, 0, s, 0)[1]), "h_1 of sequence " + s + " at step 0");
            }
        }
    }

    private float[][] train(ElmanNetwork<float[]> net, SequenceBatch<float[]> batch, float[] h0, Workspace<float[]> ws) {
        net.zeroGrad();
        net.forward(batch, h0, ws);
        net.loss(LossSpec.SUM, ws);
        net.backward(ws);
        float[][] grads = new float[net.params().size()][];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = net.params().get(i).grad().clone();
        }
        return grads;
    }
}
