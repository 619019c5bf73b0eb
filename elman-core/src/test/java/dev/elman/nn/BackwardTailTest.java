package dev.elman.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.elman.loss.LossSpec;
import dev.elman.math.FastKernels;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A backward pass that leaves its tail, with the jobs run in any order on two threads, gives backward()'s bits. */
class BackwardTailTest {
    private static final int[][] TOKENS = {{1, 2, 3, 4, 5}, {6, 0}, {2, 2, 4}};
    private static final int[][] LABELS = {{0, 1, 2, 0, 1}, {1, 2}, {2, 0, 1}};

    private static SequenceBatch<float[]> tokens(Kernels<float[]> k) {
        return SequenceBatch.ofTokens(TOKENS, LABELS);
    }

    private static SequenceBatch<float[]> dense(Kernels<float[]> k) {
        SplittableRandom rng = new SplittableRandom(5);
        double[][][] x = new double[TOKENS.length][][];
        for (int s = 0; s < x.length; s++) {
            x[s] = new double[TOKENS[s].length][6];
            for (double[] row : x[s]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = rng.nextDouble(-1, 1);
                }
            }
        }
        return SequenceBatch.ofDense(k, x, LABELS);
    }

    /** dL/dh_final for the dense two-layer bidirectional configuration, batch order. */
    private static float[] dhFinal(ElmanNetwork<float[]> net) {
        float[] d = new float[net.stateSize(TOKENS.length)];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextDouble(-0.1, 0.1);
        }
        return d;
    }

    private static void check(RnnConfig config, Kernels<float[]> k, Function<Kernels<float[]>, SequenceBatch<float[]>> batch,
                              double dropout, boolean withDhFinal) throws InterruptedException {
        ElmanNetwork<float[]> whole = ElmanNetwork.create(config, k, 11);
        ElmanNetwork<float[]> split = ElmanNetwork.create(config, k, 11);
        Workspace<float[]> wsWhole = whole.newWorkspace();
        Workspace<float[]> wsSplit = split.newWorkspace();
        for (int pass = 0; pass < 2; pass++) {   // twice: the jobs accumulate, as backward() does
            wsWhole.setDropout(dropout, new SplittableRandom(3 + pass));
            wsSplit.setDropout(dropout, new SplittableRandom(3 + pass));
            whole.forward(batch.apply(k), wsWhole);
            split.forward(batch.apply(k), wsSplit);
            whole.loss(LossSpec.MEAN, wsWhole);
            split.loss(LossSpec.MEAN, wsSplit);
            whole.backward(withDhFinal ? dhFinal(whole) : null, wsWhole);
            split.backwardLeavingTail(withDhFinal ? dhFinal(split) : null, wsSplit);
            int jobs = split.tailJobs();
            // the even jobs on another thread, the odd ones here, both from the last job down
            Thread other = new Thread(() -> {
                for (int j = (jobs - 1) / 2 * 2; j >= 0; j -= 2) {
                    split.runTailJob(wsSplit, j);
                }
            });
            other.start();
            for (int j = jobs % 2 == 0 ? jobs - 1 : jobs - 2; j >= 1; j -= 2) {
                split.runTailJob(wsSplit, j);
            }
            other.join();
        }
        List<Param<float[]>> a = whole.params();
        List<Param<float[]>> b = split.params();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).grad(), b.get(i).grad(), config + ": gradient of " + a.get(i).name());
        }
        if (!config.tokenInput()) {
            assertArrayEquals(wsWhole.inputGradientPacked(), wsSplit.inputGradientPacked(), "dL/dx");
        }
        assertArrayEquals(wsWhole.initialStateGradient()[0][0], wsSplit.initialStateGradient()[0][0], "dL/dh(0)");
    }

    @Test
    void embeddingInput() throws InterruptedException {
        RnnConfig config = RnnConfig.builder().vocabSize(7).embeddingSize(5).hiddenSize(160).outputSize(3).build();
        check(config, FastKernels.best(1), BackwardTailTest::tokens, 0, false);
        check(config, FloatReferenceKernels.INSTANCE, BackwardTailTest::tokens, 0, false);
    }

    @Test
    void oneHotInput() throws InterruptedException {
        RnnConfig config = RnnConfig.builder().vocabSize(7).hiddenSize(40).outputSize(3).build();
        check(config, FastKernels.best(1), BackwardTailTest::tokens, 0, false);
    }

    @Test
    void denseInputTwoBidirectionalLayersWithDropoutAndFinalStateGradient() throws InterruptedException {
        RnnConfig config = RnnConfig.builder().inputSize(6).hiddenSize(20).layers(2).bidirectional(true)
                .outputSize(3).build();
        check(config, FastKernels.best(1), BackwardTailTest::dense, 0.3, true);
    }

    @Test
    void jobsNeedABackwardPassThatLeftThem() {
        RnnConfig config = RnnConfig.builder().vocabSize(7).hiddenSize(8).outputSize(3).build();
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, FloatReferenceKernels.INSTANCE, 1);
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(TOKENS, LABELS), ws);
        net.loss(LossSpec.MEAN, ws);
        net.backward(ws);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.runTailJob(ws, 0));
        assertTrue(e.getMessage().contains("backwardLeavingTail"), e.getMessage());
        net.forward(SequenceBatch.ofTokens(TOKENS, LABELS), ws);
        net.loss(LossSpec.MEAN, ws);
        net.backwardLeavingTail(null, ws);
        assertEquals(3, net.tailJobs(), "output, W, U and b");
        IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class, () -> net.runTailJob(ws, 3));
        assertEquals("tail job 3 of 3", out.getMessage());
        net.forward(SequenceBatch.ofTokens(TOKENS, LABELS), ws);
        assertThrows(IllegalStateException.class, () -> net.runTailJob(ws, 0), "a new forward pass");
    }
}
