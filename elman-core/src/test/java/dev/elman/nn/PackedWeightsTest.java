package dev.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.elman.math.Kernels;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A workspace reuses its layouts of W, U and V only while they are unchanged: weights changed in place are seen. */
class PackedWeightsTest {
    static java.util.List<Kernels<float[]>> kernels() {
        return BatchInvarianceTest.kernels();
    }

    static java.util.List<org.junit.jupiter.params.provider.Arguments> cases() {
        java.util.List<org.junit.jupiter.params.provider.Arguments> all = new java.util.ArrayList<>();
        for (Kernels<float[]> k : kernels()) {
            for (String name : new String[] {"rnn.weight_hh_l1", "rnn.weight_ih_l1", "output.weight"}) {
                all.add(org.junit.jupiter.params.provider.Arguments.of(k, name));
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aForwardPassSeesWeightsChangedInPlace(Kernels<float[]> k, String changed) {
        RnnConfig config = RnnConfig.builder().vocabSize(9).embeddingSize(4).hiddenSize(20).layers(2).outputSize(3)
                .build();
        SequenceBatch<float[]> batch = SequenceBatch.ofTokens(new int[][]{{1, 2, 3, 4}, {5, 6}}, null);
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 3);
        Workspace<float[]> reused = net.newWorkspace();
        net.forward(batch, reused);
        double[] before = reused.logits(0, 3);
        for (Param<float[]> p : net.params()) {
            if (p.name().equals(changed)) {
                float[] w = p.value();
                w[7] = -w[7] * 1.5f - 0.5f;   // one element of W, U or V, changed behind the network's back
            }
        }
        net.forward(batch, reused);
        Workspace<float[]> fresh = net.newWorkspace();
        net.forward(batch, fresh);
        assertFalse(Arrays.equals(before, reused.logits(0, 3)), "changing W must change the output");
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(fresh.logits(0, t), reused.logits(0, t), "step " + t);
        }
    }
}
