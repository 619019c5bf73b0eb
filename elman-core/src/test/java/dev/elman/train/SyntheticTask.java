package dev.elman.train;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small token-tagging task for trainer tests: the label of a token is (token + previous token) mod 3, so the
 * recurrence matters. Sequences and batch order are fixed by the seeds; {@code poison} makes one step's loss NaN.
 */
final class SyntheticTask implements TrainingTask {
    final ElmanNetwork<float[]> net;
    private final Workspace<float[]> ws;
    private final List<int[]> tokens = new ArrayList<>();
    private final List<int[]> labels = new ArrayList<>();
    private final int batchSize = 4;
    private int[] order;
    private final long stepDelayMillis;
    long poisonStep = -1;
    private long steps;
    int growExtraFloats;   // > 0: the checkpoint's extra state grows by this many floats per step
    DataParallel threads;  // offered to the trainer for its optimiser step; null: none

    SyntheticTask(long dataSeed, long stepDelayMillis) {
        this.net = ElmanNetwork.create(RnnConfig.builder().vocabSize(9).embeddingSize(4).hiddenSize(8).outputSize(3)
                .build(), FloatReferenceKernels.INSTANCE, 5);
        this.ws = net.newWorkspace();
        this.stepDelayMillis = stepDelayMillis;
        SplittableRandom rng = new SplittableRandom(dataSeed);
        for (int s = 0; s < 40; s++) {
            int[] t = rng.ints(2 + rng.nextInt(7), 0, 9).toArray();
            int[] y = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                y[i] = (t[i] + (i > 0 ? t[i - 1] : 0)) % 3;
            }
            tokens.add(t);
            labels.add(y);
        }
    }

    @Override
    public List<Param<float[]>> params() {
        return net.params();
    }

    @Override
    public DataParallel threads() {
        return threads;
    }

    @Override
    public void startEpoch(int epoch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + epoch);
        order = new int[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    @Override
    public int batchesInEpoch() {
        return tokens.size() / batchSize;
    }

    @Override
    public StepResult step(int index, SplittableRandom rng) {
        if (stepDelayMillis > 0) {
            try {
                Thread.sleep(stepDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int[][] t = new int[batchSize][];
        int[][] y = new int[batchSize][];
        long n = 0;
        for (int i = 0; i < batchSize; i++) {
            t[i] = tokens.get(order[index * batchSize + i]);
            y[i] = labels.get(order[index * batchSize + i]);
            n += t[i].length;
        }
        net.forward(SequenceBatch.ofTokens(t, y), ws);
        double loss = net.loss(LossSpec.SUM, ws);
        net.backward(ws);
        if (steps++ == poisonStep) {
            net.param("output.bias").grad()[0] = Float.NaN;
        }
        return new StepResult(loss, n);
    }

    @Override
    public Map<String, Double> evaluate() {
        int[][] t = tokens.subList(0, 8).toArray(new int[0][]);
        int[][] y = labels.subList(0, 8).toArray(new int[0][]);
        net.forward(SequenceBatch.ofTokens(t, y), ws);
        return Map.of("loss", net.loss(LossSpec.MEAN, ws));
    }

    @Override
    public Map<String, float[]> extraState() {
        return growExtraFloats == 0 ? Map.of() : Map.of("pad", new float[(int) (steps * growExtraFloats)]);
    }

    @Override
    public void loadExtraState(Map<String, float[]> state) {
        // the padding carries nothing
    }

    /** All weights, concatenated, for bitwise comparison. */
    float[] weights() {
        int n = net.params().stream().mapToInt(Param::size).sum();
        float[] all = new float[n];
        int off = 0;
        for (Param<float[]> p : net.params()) {
            System.arraycopy(p.value(), 0, all, off, p.size());
            off += p.size();
        }
        return all;
    }

    /**
     * Entry point for the subprocess tests: trains with a checkpoint after every step, slowly ({@code args[1]}
     * milliseconds per step), optionally with checkpoints that grow by {@code args[2]} floats per step.
     */
    public static void main(String[] args) {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        SyntheticTask task = new SyntheticTask(11, Long.parseLong(args[1]));
        task.growExtraFloats = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        try {
            new Trainer(TrainerTest.config(dir, 1), List.of(new TrainingListener() {
                @Override
                public void onMessage(String m) {
                    System.err.println(m);
                }
            })).run(task);
        } catch (RuntimeException e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
