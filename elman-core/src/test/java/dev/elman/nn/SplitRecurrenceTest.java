package dev.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.elman.math.FastKernels;
import dev.elman.math.FloatKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few rows' time loop split by columns over two threads gives the bits of the one-thread loop: frozen or not,
 * from h(0) = 0 or a given h(0), both directions, hidden sizes that split unevenly or leave a part nothing; one
 * sequence (parts waiting for each other's columns of h(t-1), no barrier) and several.
 */
class SplitRecurrenceTest {
    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<FloatKernels[]> pairs = new ArrayList<>();
        pairs.add(new FloatKernels[]{FastKernels.portable(1), FastKernels.portable(2)});
        if (FastKernels.vectorAvailable()) {
            pairs.add(new FloatKernels[]{FastKernels.vector(1), FastKernels.vector(2)});
        }
        for (FloatKernels[] pair : pairs) {
            for (int hidden : new int[]{20, 70, 96, 200}) {
                for (boolean frozen : new boolean[]{false, true}) {
                    all.add(Arguments.of(pair[0], pair[1], hidden, frozen));
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitLoopHasTheBitsOfTheOneThreadLoop(FloatKernels one, FloatKernels two, int hidden, boolean frozen) {
        RnnConfig config = RnnConfig.builder().vocabSize(30).embeddingSize(7).hiddenSize(hidden).layers(2)
                .bidirectional(true).outputSize(5).build();
        ElmanNetwork<float[]> a = ElmanNetwork.create(config, one, 11);
        ElmanNetwork<float[]> b = ElmanNetwork.create(config, two, 11);
        if (frozen) {
            a = a.freeze();
            b = b.freeze();
        }
        SplittableRandom rng = new SplittableRandom(hidden);
        int[][][] batches = {{rng.ints(9, 0, 30).toArray()},
                {rng.ints(6, 0, 30).toArray(), rng.ints(2, 0, 30).toArray(), rng.ints(6, 0, 30).toArray()}};
        for (int[][] tokens : batches) {
            SequenceBatch<float[]> batch = SequenceBatch.ofTokens(tokens, null);
            assertTrue(SplitRecurrence.applies(two, batch.packing(), true), "the split must apply");
            float[] h0 = new float[a.stateSize(tokens.length)];
            for (int i = 0; i < h0.length; i++) {
                h0[i] = (float) rng.nextDouble(-1, 1);
            }
            for (float[] initial : new float[][]{null, h0}) {
                Workspace<float[]> wa = a.newWorkspace();
                Workspace<float[]> wb = b.newWorkspace();
                for (int pass = 0; pass < 2; pass++) {   // the second pass reuses the workspace's layouts
                    a.forward(batch, initial, wa);
                    b.forward(batch, initial, wb);
                    for (int s = 0; s < tokens.length; s++) {
                        for (int t = 0; t < tokens[s].length; t++) {
                            String at = "sequence " + s + " step " + t + (initial == null ? "" : " with h0");
                            assertArrayEquals(wa.logits(s, t), wb.logits(s, t), "logits of " + at);
                            for (int l = 0; l < 2; l++) {
                                for (int d = 0; d < 2; d++) {
                                    assertArrayEquals(wa.hidden(l, d, s, t), wb.hidden(l, d, s, t),
                                            "h of layer " + l + " direction " + d + " at " + at);
                                }
                            }
                        }
                    }
                    assertArrayEquals(flatten(wa.finalStates()), flatten(wb.finalStates()), "final states");
                }
            }
        }
    }

    private static double[] flatten(double[][][] x) {
        return java.util.Arrays.stream(x).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }
}
