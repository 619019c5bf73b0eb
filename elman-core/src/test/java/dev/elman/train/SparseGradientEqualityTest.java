package dev.elman.train;

import dev.elman.loss.LossSpec;
import dev.elman.math.FastKernels;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import dev.elman.optim.AdagradConfig;
import dev.elman.optim.AdamConfig;
import dev.elman.optim.GradClip;
import dev.elman.optim.Optimizer;
import dev.elman.optim.OptimizerConfig;
import dev.elman.optim.RmsPropConfig;
import dev.elman.optim.SgdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training with the row-sparse embedding gradient ends with the same bits as the dense computation. The dense
 * reference runs the same network but zeroes gradients in full and hands copies of them to untracked parameters,
 * on which the optimiser, clipping and gradient sums take their dense paths.
 */
class SparseGradientEqualityTest {
    private static final RnnConfig CONFIG = RnnConfig.builder().vocabSize(40).embeddingSize(6).hiddenSize(8)
            .outputSize(5).build();
    private static final int STEPS = 6;

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("sgd", SgdConfig.builder().lr(0.5).build(), 0.0, 0.0),
                Arguments.of("sgd, clip norm", SgdConfig.builder().lr(0.5).build(), 0.05, 0.0),
                Arguments.of("sgd, clip value", SgdConfig.builder().lr(0.5).build(), 0.0, 0.01),
                Arguments.of("sgd, momentum", SgdConfig.builder().lr(0.5).momentum(0.9).build(), 0.0, 0.0),
                Arguments.of("sgd, weight decay", SgdConfig.builder().lr(0.5).weightDecay(0.1).build(), 0.0, 0.0),
                Arguments.of("adam", AdamConfig.builder().lr(0.05).build(), 0.05, 0.0),
                Arguments.of("adamw", AdamConfig.adamWBuilder().lr(0.05).weightDecay(0.1).build(), 0.0, 0.0),
                Arguments.of("rmsprop", RmsPropConfig.builder().lr(0.01).build(), 0.0, 0.0),
                Arguments.of("adagrad", AdagradConfig.builder().lr(0.1).build(), 0.0, 0.0),
                Arguments.of("adagrad, weight decay", AdagradConfig.builder().lr(0.1).weightDecay(0.1).build(), 0.0,
                        0.0));
    }

    static List<Kernels<float[]>> kernels() {
        List<Kernels<float[]>> all = new ArrayList<>(List.of(FloatReferenceKernels.INSTANCE));
        if (FastKernels.vectorAvailable()) {
            all.add(FastKernels.vector(2));
        }
        return all;
    }

    /**
     * Tokens of step {@code step} of shard {@code shard}: a few rows of the vocabulary, in a window that moves with
     * the step and comes back every third step (so rows are touched, left alone, then touched again).
     */
    private static int[][] tokens(int step, int shard) {
        SplittableRandom rng = new SplittableRandom(step * 31L + shard);
        int[][] tokens = new int[3][];
        int from = step % 3 * 8 + shard * 2;
        for (int s = 0; s < 3; s++) {
            tokens[s] = rng.ints(2 + s, from, from + 7).toArray();
        }
        return tokens;
    }

    private static SequenceBatch<float[]> batch(int step, int shard) {
        SplittableRandom rng = new SplittableRandom(step * 17L + shard + 1000);
        int[][] tokens = tokens(step, shard);
        int[][] labels = new int[tokens.length][];
        for (int s = 0; s < tokens.length; s++) {
            labels[s] = rng.ints(tokens[s].length, 0, 5).toArray();
        }
        return SequenceBatch.ofTokens(tokens, labels);
    }

    private static void backward(ElmanNetwork<float[]> net, Workspace<float[]> ws, SequenceBatch<float[]> batch) {
        net.forward(batch, ws);
        net.loss(LossSpec.MEAN, ws);
        net.backward(ws);
    }

    private static void clip(List<Param<float[]>> params, double clipNorm, double clipValue) {
        if (clipNorm > 0) {
            GradClip.clipByNorm(params, clipNorm);
        }
        if (clipValue > 0) {
            GradClip.clipByValue(params, clipValue);
        }
    }

    /** Untracked parameters of the same names and shapes as {@code net}'s, holding copies of its values. */
    private static List<Param<float[]>> denseCopies(ElmanNetwork<float[]> net) {
        List<Param<float[]>> out = new ArrayList<>();
        for (Param<float[]> p : net.params()) {
            Param<float[]> q = Param.create(net.kernels(), p.name(), p.shape());
            System.arraycopy(p.value(), 0, q.value(), 0, p.size());
            out.add(q);
        }
        return out;
    }

    private static void copy(List<Param<float[]>> from, List<Param<float[]>> to, boolean grads) {
        for (int i = 0; i < from.size(); i++) {
            float[] src = grads ? from.get(i).grad() : from.get(i).value();
            System.arraycopy(src, 0, grads ? to.get(i).grad() : to.get(i).value(), 0, src.length);
        }
    }

    private static int[][] bits(List<Param<float[]>> params, boolean grads) {
        int[][] out = new int[params.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] a = grads ? params.get(i).grad() : params.get(i).value();
            out[i] = new int[a.length];
            for (int j = 0; j < a.length; j++) {
                out[i][j] = Float.floatToRawIntBits(a[j]);
            }
        }
        return out;
    }

    /** Trains {@code shards} data-parallel shards for {@link #STEPS} steps the way the trainer does. */
    private static List<Param<float[]>> trainSparse(Kernels<float[]> k, int shards, OptimizerConfig oc,
                                                    double clipNorm, double clipValue) {
        return trainSparse(k, shards, oc, clipNorm, clipValue, null);
    }

    /**
     * As above; with {@code parallel}, the sum and (without clipping) the optimiser step run split over its
     * threads by a {@link ReplicaUpdate}.
     */
    private static List<Param<float[]>> trainSparse(Kernels<float[]> k, int shards, OptimizerConfig oc,
                                                    double clipNorm, double clipValue, DataParallel parallel) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(CONFIG, k, 5);
        List<ElmanNetwork<float[]>> nets = new ArrayList<>(List.of(net));
        List<List<Param<float[]>>> others = new ArrayList<>();
        for (int s = 1; s < shards; s++) {
            nets.add(net.replica());
            others.add(nets.get(s).params());
        }
        Optimizer opt = oc.create(net.params());
        ReplicaUpdate update = parallel == null ? null : new ReplicaUpdate(parallel, net.params(), others, opt);
        boolean clipping = clipNorm > 0 || clipValue > 0;
        Param<float[]> emb = net.param("embedding.weight");
        for (int step = 0; step < STEPS; step++) {
            for (int s = 0; s < shards; s++) {
                nets.get(s).zeroGrad();
                backward(nets.get(s), nets.get(s).newWorkspace(), batch(step, s));
            }
            if (update != null && !clipping) {
                update.sumAndStep();
                assertThat(emb.touchedRowCount()).as("the sparse path is taken").isLessThan(CONFIG.vocabSize() / 2);
                continue;
            }
            if (update != null) {
                update.sum();
            } else {
                DataParallel.sumGradients(net.params(), others);
            }
            assertThat(emb.touchedRowCount()).as("the sparse path is taken").isLessThan(CONFIG.vocabSize() / 2);
            clip(net.params(), clipNorm, clipValue);
            opt.step();
        }
        return net.params();
    }

    /** The same training with dense zeroing, and dense sums, clipping and updates on untracked copies. */
    private static List<Param<float[]>> trainDense(Kernels<float[]> k, int shards, OptimizerConfig oc,
                                                   double clipNorm, double clipValue) {
        ElmanNetwork<float[]> net = ElmanNetwork.create(CONFIG, k, 5);
        List<Param<float[]>> master = denseCopies(net);
        List<ElmanNetwork<float[]>> nets = new ArrayList<>(List.of(net));
        List<List<Param<float[]>>> others = new ArrayList<>();
        for (int s = 1; s < shards; s++) {
            nets.add(net.replica());
            others.add(denseCopies(net));
        }
        Optimizer opt = oc.create(master);
        for (int step = 0; step < STEPS; step++) {
            copy(master, net.params(), false);
            for (int s = 0; s < shards; s++) {
                for (Param<float[]> p : nets.get(s).params()) {
                    Arrays.fill(p.grad(), 0f);
                }
                backward(nets.get(s), nets.get(s).newWorkspace(), batch(step, s));
                copy(nets.get(s).params(), s == 0 ? master : others.get(s - 1), true);
            }
            DataParallel.sumGradients(master, others);
            clip(master, clipNorm, clipValue);
            opt.step();
        }
        return master;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void trainingGivesTheDenseBits(String name, OptimizerConfig oc, double clipNorm, double clipValue) {
        for (Kernels<float[]> k : kernels()) {
            for (int shards : new int[]{1, 3}) {
                assertThat(bits(trainSparse(k, shards, oc, clipNorm, clipValue), false))
                        .as("%s, %s, %d shards", name, k.name(), shards)
                        .isEqualTo(bits(trainDense(k, shards, oc, clipNorm, clipValue), false));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void sumAndStepSplitOverThreadsGiveTheSameBits(String name, OptimizerConfig oc, double clipNorm,
                                                   double clipValue) {
        Kernels<float[]> k = FloatReferenceKernels.INSTANCE;
        for (int threads : new int[]{2, 3}) {
            try (DataParallel parallel = new DataParallel(threads)) {
                assertThat(bits(trainSparse(k, 3, oc, clipNorm, clipValue, parallel), false))
                        .as("%s, %d threads", name, threads)
                        .isEqualTo(bits(trainDense(k, 3, oc, clipNorm, clipValue), false));
            }
        }
    }

    @Test
    void sgdLeavesUntouchedRowsAloneAndMovesTouchedOnes() {
        List<Param<float[]>> trained = trainSparse(FloatReferenceKernels.INSTANCE, 1,
                SgdConfig.builder().lr(0.5).build(), 0, 0);
        float[] initial = ElmanNetwork.create(CONFIG, FloatReferenceKernels.INSTANCE, 5)
                .param("embedding.weight").value();
        float[] after = trained.get(0).value();
        int row = tokens(0, 0)[0][0];
        assertThat(Arrays.copyOfRange(after, row * 6, row * 6 + 6)).as("row %d is touched", row)
                .isNotEqualTo(Arrays.copyOfRange(initial, row * 6, row * 6 + 6));
        assertThat(Arrays.copyOfRange(after, 39 * 6, 40 * 6)).as("row 39 is never touched")
                .isEqualTo(Arrays.copyOfRange(initial, 39 * 6, 40 * 6));
    }

    @Test
    void gradientSumNormAndClippingMatchTheDenseOnes() {
        Kernels<float[]> k = FloatReferenceKernels.INSTANCE;
        ElmanNetwork<float[]> net = ElmanNetwork.create(CONFIG, k, 5);
        ElmanNetwork<float[]> replica = net.replica();
        net.zeroGrad();
        replica.zeroGrad();
        backward(net, net.newWorkspace(), batch(1, 0));
        backward(replica, replica.newWorkspace(), batch(1, 1));
        List<Param<float[]>> dense = denseCopies(net);
        List<Param<float[]>> denseReplica = denseCopies(net);
        copy(net.params(), dense, true);
        copy(replica.params(), denseReplica, true);

        TreeSet<Integer> union = touchedRows(net);
        union.addAll(touchedRows(replica));
        assertThat(union.size()).isGreaterThan(touchedRows(net).size());
        DataParallel.sumGradients(net.params(), List.of(replica.params()));
        DataParallel.sumGradients(dense, List.of(denseReplica));
        assertThat(bits(net.params(), true)).isEqualTo(bits(dense, true));
        assertThat(touchedRows(net)).isEqualTo(union);

        assertThat(GradClip.globalNorm(net.params())).isEqualTo(GradClip.globalNorm(dense));
        double norm = GradClip.clipByNorm(net.params(), 0.01);
        assertThat(norm).isEqualTo(GradClip.clipByNorm(dense, 0.01)).isGreaterThan(0.01);
        GradClip.clipByValue(net.params(), 1e-4);
        GradClip.clipByValue(dense, 1e-4);
        assertThat(bits(net.params(), true)).isEqualTo(bits(dense, true));
    }

    private static TreeSet<Integer> touchedRows(ElmanNetwork<float[]> net) {
        Param<float[]> emb = net.param("embedding.weight");
        TreeSet<Integer> rows = new TreeSet<>();
        for (int r = emb.nextTouchedRow(0); r >= 0; r = emb.nextTouchedRow(r + 1)) {
            rows.add(r);
        }
        return rows;
    }

    @Test
    void anUntrackedReplicaMakesTheSumDense() {
        Kernels<float[]> k = FloatReferenceKernels.INSTANCE;
        Param<float[]> target = Param.create(k, "t", 4, 2).trackRows();
        target.zeroGrad();
        target.grad()[2] = 1f;
        target.markRow(1);
        Param<float[]> dense = Param.create(k, "t", 4, 2);
        dense.grad()[7] = 2f;
        DataParallel.sumGradients(List.of(target), List.of(List.of(dense)));
        assertThat(target.touchedRowCount()).isEqualTo(4);
        assertThat(target.grad()).containsExactly(0f, 0f, 1f, 0f, 0f, 0f, 0f, 2f);
    }
}
