package dev.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.elman.loss.LossSpec;
import dev.elman.math.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A frozen copy computes the same bits as the network it was frozen from, and stays what it was frozen as. */
class FrozenNetworkTest {
    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        RnnConfig embedded = RnnConfig.builder().vocabSize(30).embeddingSize(7).hiddenSize(21).outputSize(5).build();
        RnnConfig deep = RnnConfig.builder().vocabSize(30).embeddingSize(6).hiddenSize(13).layers(2)
                .bidirectional(true).outputSize(4).build();
        RnnConfig oneHot = RnnConfig.builder().vocabSize(11).hiddenSize(17).outputSize(11).build();
        RnnConfig dense = RnnConfig.builder().inputSize(5).hiddenSize(19).outputSize(3).recurrent(false).build();
        for (Kernels<float[]> k : BatchInvarianceTest.kernels()) {
            for (RnnConfig c : new RnnConfig[] {embedded, deep, oneHot, dense}) {
                all.add(Arguments.of(k, c));
            }
        }
        return all;
    }

    private static SequenceBatch<float[]> batch(Kernels<float[]> k, RnnConfig c, int[] lengths,
                                                SplittableRandom rng) {
        int[][] labels = new int[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            labels[s] = rng.ints(lengths[s], 0, c.outputSize()).toArray();
        }
        if (c.tokenInput()) {
            int[][] tokens = new int[lengths.length][];
            for (int s = 0; s < lengths.length; s++) {
                tokens[s] = rng.ints(lengths[s], 0, c.vocabSize()).toArray();
            }
            return SequenceBatch.ofTokens(tokens, labels);
        }
        double[][][] x = new double[lengths.length][][];
        for (int s = 0; s < lengths.length; s++) {
            x[s] = new double[lengths[s]][c.inputSize()];
            for (double[] row : x[s]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = rng.nextDouble(-1, 1);
                }
            }
        }
        return SequenceBatch.ofDense(k, x, labels);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameBitsAsTheNetworkItWasFrozenFrom(Kernels<float[]> k, RnnConfig c) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(c, k, 5);
        ElmanNetwork<float[]> frozen = net.freeze();
        assertTrue(frozen.isFrozen());
        assertFalse(net.isFrozen());
        SplittableRandom rng = new SplittableRandom(8);
        for (int[] lengths : new int[][] {{9, 4, 7, 1, 9, 3, 8}, {20}, {1}}) {
            SequenceBatch<float[]> b = batch(k, c, lengths, rng);
            Workspace<float[]> ws = net.newWorkspace();
            Workspace<float[]> fws = frozen.newWorkspace();
            net.forward(b, ws);
            frozen.forward(b, fws);
            assertEquals(net.loss(LossSpec.SUM, ws), frozen.loss(LossSpec.SUM, fws));
            for (int s = 0; s < lengths.length; s++) {
                for (int t = 0; t < lengths[s]; t++) {
                    assertArrayEquals(ws.logits(s, t), fws.logits(s, t), "sequence " + s + " step " + t);
                }
            }
            assertArrayEquals(flat(ws.finalStates()), flat(fws.finalStates()));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void keepsItsWeightsWhenTheOriginalTrainsOnAndHasNoBackward(Kernels<float[]> k, RnnConfig c) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(c, k, 6);
        SequenceBatch<float[]> b = batch(k, c, new int[] {5, 3}, new SplittableRandom(2));
        ElmanNetwork<float[]> frozen = net.freeze();
        Workspace<float[]> fws = frozen.newWorkspace();
        frozen.forward(b, fws);
        double[] before = fws.logits(0, 4);
        for (Param<float[]> p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * 0.5f + 0.25f;
            }
        }
        frozen.forward(b, fws);
        assertArrayEquals(before, fws.logits(0, 4));
        frozen.loss(LossSpec.MEAN, fws);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> frozen.backward(fws));
        assertTrue(e.getMessage().contains("frozen"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void itsWorkspacesHoldNoBackwardBuffersAndSayWhyWhenAskedForGradients(Kernels<float[]> k, RnnConfig c) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(c, k, 7);
        ElmanNetwork<float[]> frozen = net.freeze();
        SequenceBatch<float[]> b = batch(k, c, new int[] {6, 2, 4}, new SplittableRandom(3));
        Workspace<float[]> fws = frozen.newWorkspace();
        frozen.forward(b, fws);
        frozen.loss(LossSpec.SUM, fws);
        assertTrue(fws.inference);
        assertTrue(fws.dh.isEmpty() && fws.dLayerOut.isEmpty());
        assertTrue(fws.packedW == null && fws.dx0 == null && fws.dh0Ranked == null && fws.dhFinalRanked == null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.backward(fws));
        assertTrue(e.getMessage().contains("for inference"), e.getMessage());
        assertThrows(IllegalStateException.class, fws::initialStateGradient);
        if (!c.tokenInput()) {
            assertThrows(IllegalStateException.class, fws::inputGradientPacked);
        }
        // the trainable network's own workspace has them
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(b, ws);
        net.loss(LossSpec.SUM, ws);
        net.backward(ws);
        assertFalse(ws.inference);
        assertEquals(c.layers() * c.directions(), ws.dh.size());
        assertEquals(b.packing().batchSize(), ws.initialStateGradient()[0].length);
    }

    private static double[] flat(double[][][] a) {
        List<Double> all = new ArrayList<>();
        for (double[][] m : a) {
            for (double[] r : m) {
                for (double v : r) {
                    all.add(v);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
