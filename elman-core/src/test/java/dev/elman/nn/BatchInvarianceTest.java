package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sequence's outputs and gradients do not depend on its batch-mates or on padding. */
class BatchInvarianceTest {
    static java.util.List<Kernels<float[]>> kernels() {
        java.util.List<Kernels<float[]>> all = new java.util.ArrayList<>(java.util.List.of(
                FloatReferenceKernels.INSTANCE, dev.elman.math.FastKernels.portable(2)));
        if (dev.elman.math.FastKernels.vectorAvailable()) {
            all.add(dev.elman.math.FastKernels.vector(2));
        }
        return all;
    }

    private final RnnConfig config = RnnConfig.builder().vocabSize(11).embeddingSize(5).hiddenSize(6).layers(2)
            .bidirectional(true).outputSize(4).build();
    private final int[][] tokens = {{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 0}};
    private final int[][] labels = {{0, 1, 2, 3, 0}, {1, 2}, {3, 0, 1, 2}};

    @ParameterizedTest
    @MethodSource("kernels")
    void outputsOfASequenceAreIdenticalAloneAndInABatch(Kernels<float[]> k) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 7);
        Workspace<float[]> batchWs = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(tokens, labels), batchWs);
        for (int s = 0; s < tokens.length; s++) {
            Workspace<float[]> alone = net.newWorkspace();
            net.forward(SequenceBatch.ofTokens(new int[][]{tokens[s]}, null), alone);
            for (int t = 0; t < tokens[s].length; t++) {
                assertArrayEquals(alone.logits(0, t), batchWs.logits(s, t), "logits of sequence " + s + " step " + t);
            }
            assertArrayEquals(alone.finalStates()[3][0], batchWs.finalStates()[3][s], "final state of " + s);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oneHotOutputsAreIdenticalAloneAndInABatchThatReadsThemFromATable(Kernels<float[]> k) {
        // 11 rows of a batch reach the 5 columns of U: b + U x(t) then comes from a table made per pass, while a
        // sequence alone (fewer rows than columns) gathers U's columns row by row
        RnnConfig oneHot = RnnConfig.builder().vocabSize(5).hiddenSize(7).bidirectional(true).outputSize(3).build();
        int[][] ids = {{1, 2, 3, 4, 0}, {4, 1}, {2, 0, 3, 3}};
        ElmanNetwork<float[]> net = ElmanNetwork.create(oneHot, k, 3);
        Workspace<float[]> batchWs = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(ids, null), batchWs);
        for (int s = 0; s < ids.length; s++) {
            Workspace<float[]> alone = net.newWorkspace();
            net.forward(SequenceBatch.ofTokens(new int[][]{ids[s]}, null), alone);
            for (int t = 0; t < ids[s].length; t++) {
                assertArrayEquals(alone.logits(0, t), batchWs.logits(s, t), "logits of sequence " + s + " step " + t);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void paddingChangesNothingAtAnyLength(Kernels<float[]> k) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 7);
        float[][] reference = null;
        double referenceLoss = 0;
        for (int padTo : new int[]{5, 6, 9, 20}) {
            int[][] padded = new int[tokens.length][];
            int[][] paddedLabels = new int[tokens.length][];
            int[] lengths = new int[tokens.length];
            for (int s = 0; s < tokens.length; s++) {
                padded[s] = Arrays.copyOf(tokens[s], padTo);
                Arrays.fill(padded[s], tokens[s].length, padTo, 3);   // a real id: padding must not be read
                paddedLabels[s] = Arrays.copyOf(labels[s], padTo);
                lengths[s] = tokens[s].length;
            }
            net.zeroGrad();
            Workspace<float[]> ws = net.newWorkspace();
            net.forward(SequenceBatch.ofPaddedTokens(padded, paddedLabels, lengths), ws);
            double loss = net.loss(LossSpec.SUM, ws);
            net.backward(ws);
            float[][] grads = net.params().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
            if (reference == null) {
                reference = grads;
                referenceLoss = loss;
            } else {
                assertEquals(referenceLoss, loss, 0.0, "loss padded to " + padTo);
                for (int i = 0; i < grads.length; i++) {
                    assertArrayEquals(reference[i], grads[i], "gradient " + net.params().get(i).name() + " at "
                            + padTo);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void batchGradientIsTheSumOfPerSequenceGradients(Kernels<float[]> k) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, k, 7);
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(tokens, labels), ws);
        double batchLoss = net.loss(LossSpec.SUM, ws);
        net.backward(ws);
        float[][] batchGrads = net.params().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        net.zeroGrad();
        double sumLoss = 0;
        for (int s = 0; s < tokens.length; s++) {
            net.forward(SequenceBatch.ofTokens(new int[][]{tokens[s]}, new int[][]{labels[s]}), ws);
            sumLoss += net.loss(LossSpec.SUM, ws);
            net.backward(ws);
        }
        assertEquals(batchLoss, sumLoss, 1e-5 * Math.abs(batchLoss));
        for (int i = 0; i < batchGrads.length; i++) {
            float[] g = net.params().get(i).grad();
            for (int j = 0; j < g.length; j++) {
                assertEquals(batchGrads[i][j], g[j], 1e-5f * (1 + Math.abs(g[j])), net.params().get(i).name());
            }
        }
    }
}
