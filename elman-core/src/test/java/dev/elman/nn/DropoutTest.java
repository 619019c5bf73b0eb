package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.math.DoubleKernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout on layer outputs: gradients match finite differences under a fixed mask; off means no change. */
class DropoutTest {
    private final RnnConfig config = RnnConfig.builder().vocabSize(7).embeddingSize(3).hiddenSize(4).layers(2)
            .bidirectional(true).outputSize(3).build();
    private final int[][] tokens = {{1, 2, 3, 4}, {5, 6}};
    private final int[][] labels = {{0, 1, 2, 0}, {1, 2}};

    private double loss(ElmanNetwork<double[]> net, Workspace<double[]> ws) {
        ws.setDropout(0.3, new SplittableRandom(7));   // the same masks on every pass
        net.forward(SequenceBatch.ofTokens(tokens, labels), ws);
        return net.loss(LossSpec.SUM, ws);
    }

    @Test
    void gradientsMatchFiniteDifferencesUnderAFixedMask() {
        ElmanNetwork<double[]> net = ElmanNetwork.create(config, DoubleKernels.INSTANCE, 3);
        Workspace<double[]> ws = net.newWorkspace();
        loss(net, ws);
        net.backward(ws);
        double worst = 0;
        for (Param<double[]> p : net.params()) {
            double[] g = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                double saved = p.value()[i];
                p.value()[i] = saved + 1e-5;
                double up = loss(net, ws);
                p.value()[i] = saved - 1e-5;
                double down = loss(net, ws);
                p.value()[i] = saved;
                double numeric = (up - down) / 2e-5;
                worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i])));
            }
        }
        assertTrue(worst < 1e-6, "max relative error " + worst);
    }

    @Test
    void dropoutZeroIsInference() {
        ElmanNetwork<double[]> net = ElmanNetwork.create(config, DoubleKernels.INSTANCE, 3);
        Workspace<double[]> plain = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(tokens, labels), plain);
        Workspace<double[]> ws = net.newWorkspace();
        loss(net, ws);
        double dropped = ws.loss();
        ws.setDropout(0, null);
        net.forward(SequenceBatch.ofTokens(tokens, labels), ws);
        assertArrayEquals(plain.logits(0, 3), ws.logits(0, 3));
        assertTrue(Math.abs(dropped - net.loss(LossSpec.SUM, ws)) > 1e-6, "dropout changed the loss");
    }
}
