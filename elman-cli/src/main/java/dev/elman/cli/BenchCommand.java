package dev.elman.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.elman.loss.LossSpec;
import dev.elman.math.FastKernels;
import dev.elman.math.Kernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import dev.elman.optim.Optimizer;
import dev.elman.optim.SgdConfig;
import dev.elman.train.DataParallel;
import dev.elman.train.ReplicaUpdate;
import dev.elman.train.ShardStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code elman bench}: the peer benchmark's configurations (../shared/bench) run in elman — float32, full BPTT, plain
 * SGD — reporting training and inference tokens/s, the latency of one 20-token sentence, GFLOP/s (the peer's FLOP
 * count) and the bytes allocated per training step.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark configurations T (tagger) and C (char LM) as ../shared/bench does.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--config", split = ",", defaultValue = "T,C", description = "T, C or both")
    List<String> configs;
    @Option(names = "--threads", defaultValue = "2")
    int threads;
    @Option(names = "--mode", defaultValue = "shard", description = "how training uses the threads: shard "
            + "(each thread runs part of the batch) or kernel (threads inside each matrix product)")
    String mode;
    @Option(names = "--reps", defaultValue = "7")
    int reps;
    @Option(names = "--min-rep-sec", defaultValue = "0.5")
    double minRepSec;
    @Option(names = "--warmup-sec", defaultValue = "6", description = "seconds run before measuring, so that C2 has "
            + "compiled the kernels (default ${DEFAULT-VALUE})")
    double warmupSec;
    @Option(names = "--no-infer", description = "training only")
    boolean noInfer;
    @Option(names = "--json", description = "append one JSON line per measurement (the peer scripts' format)")
    java.nio.file.Path json;
    @Option(names = "--round", defaultValue = "0", description = "round number written to --json")
    int round;

    /** One configuration of the peer benchmark. */
    record Config(String name, int vocab, int emb, int hidden, int classes, int batch, int length, boolean onehot) {
        RnnConfig rnn() {
            RnnConfig.Builder b = RnnConfig.builder().vocabSize(vocab).hiddenSize(hidden).outputSize(classes);
            return onehot ? b.build() : b.embeddingSize(emb).build();
        }

        /** GEMM FLOPs per training token, counted as the peer's common.py does. */
        double trainFlops() {
            double i = emb;
            double fwd = 2 * (i * hidden + (double) hidden * hidden + (double) hidden * classes);
            double bwdData = 2 * ((double) hidden * classes + (double) hidden * hidden) + (onehot ? 0 : 2 * i * hidden);
            return fwd + bwdData + fwd;
        }

        double inferFlops() {
            return 2 * ((double) emb * hidden + (double) hidden * hidden + (double) hidden * classes);
        }
    }

    static final Config T = new Config("T", 20000, 128, 256, 17, 32, 32, false);
    static final Config C = new Config("C", 65, 65, 512, 65, 32, 100, true);

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "elman bench: %s%s, %d threads (%s), JDK %s, %d cores, PerMethodTrapLimit %s, "
                        + "ObjectAlignmentInBytes %s%n",
                FastKernels.best(1).name(), FastKernels.tileRows() > 0 ? " (" + FastKernels.tileRows() + "-row tiles)"
                        : "", threads, mode, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), vmOption("PerMethodTrapLimit"),
                vmOption("ObjectAlignmentInBytes"));
        for (String name : configs) {
            Config c = switch (name) {
                case "T" -> T;
                case "C" -> C;
                default -> throw new IllegalArgumentException("--config must be T or C, got " + name);
            };
            run(c);
        }
        return 0;
    }

    private void run(Config c) {
        boolean shard = mode.equals("shard");
        if (!shard && !mode.equals("kernel")) {
            throw new IllegalArgumentException("--mode must be shard or kernel, got " + mode);
        }
        Kernels<float[]> k = FastKernels.best(shard ? 1 : threads);
        ElmanNetwork<float[]> net = ElmanNetwork.create(c.rnn(), k, 1234);
        int shards = shard ? threads : 1;
        List<ElmanNetwork<float[]>> nets = new ArrayList<>();
        List<Workspace<float[]>> wss = new ArrayList<>();
        List<SequenceBatch<float[]>> batches = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(1234);
        for (int s = 0; s < shards; s++) {
            ElmanNetwork<float[]> n = s == 0 ? net : net.replica();
            nets.add(n);
            wss.add(n.newWorkspace());
            int rows = c.batch() / shards;
            int[][] tokens = new int[rows][c.length()];
            int[][] labels = new int[rows][c.length()];
            for (int r = 0; r < rows; r++) {
                tokens[r] = rng.ints(c.length(), 0, c.vocab()).toArray();
                labels[r] = rng.ints(c.length(), 0, c.classes()).toArray();
            }
            batches.add(SequenceBatch.ofTokens(tokens, labels));
        }
        List<List<Param<float[]>>> replicaParams = new ArrayList<>();
        for (int s = 1; s < shards; s++) {
            replicaParams.add(nets.get(s).params());
        }
        Optimizer sgd = SgdConfig.builder().lr(0.01).build().create(net.params());
        try (DataParallel parallel = new DataParallel(shards)) {
            List<ShardStep> shardSteps = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                ElmanNetwork<float[]> n = nets.get(s);
                Workspace<float[]> ws = wss.get(s);
                SequenceBatch<float[]> b = batches.get(s);
                shardSteps.add(new ShardStep() {
                    @Override
                    public void run() {
                        n.zeroGrad();
                        n.forward(b, ws);
                        n.loss(LossSpec.MEAN, ws);
                        n.backwardLeavingTail(null, ws);
                    }

                    @Override
                    public int tailJobs() {
                        return n.tailJobs();
                    }

                    @Override
                    public void runTailJob(int job) {
                        n.runTailJob(ws, job);
                    }
                });
            }
            // shard 0 runs on the calling thread, and either thread runs any shard's gradient products left after
            // its recurrence; the gradient sum and the SGD step run on every thread too
            ReplicaUpdate update = new ReplicaUpdate(parallel, net.params(), replicaParams, sgd);
            Runnable trainStep = () -> {
                parallel.runShards(shardSteps);
                update.sumAndStep();
            };
            long tokensPerStep = (long) c.batch() * c.length();
            double train = measure(trainStep, tokensPerStep);
            long[] bytes = allocatedPerCall(trainStep, 200);
            System.out.printf(Locale.ROOT, "%s train     %,10.0f tok/s  %6.1f GFLOP/s  %,d bytes allocated per step "
                    + "(all threads), %,d on the calling thread%n", c.name(), train, train * c.trainFlops() / 1e9,
                    bytes[0], bytes[1]);
            record(c, "train", lastRates, "tokens/s", bytes[0] + " bytes allocated per step (all threads), "
                    + bytes[1] + " on the calling thread");
            if (bytes[0] > ALLOCATION_ALARM) {
                // a step should allocate nothing: say where this process's does, since the next may not
                System.out.printf(Locale.ROOT, "%s train allocates; sampled sites (JFR, 2 s):%n", c.name());
                for (String site : AllocationSites.top(trainStep, 2, "dev.elman.", 8)) {
                    System.out.println("    " + site);
                }
            }
            if (c.name().equals("T") && !noInfer) {
                // inference: one network read by every thread; in shard mode each thread runs part of the batch
                Kernels<float[]> ik = FastKernels.best(shard ? 1 : threads);
                ElmanNetwork<float[]> inet = ElmanNetwork.create(c.rnn(), ik, 1234).freeze();
                SplittableRandom r2 = new SplittableRandom(99);
                List<Runnable> inferWork = new ArrayList<>();
                for (int s = 0; s < shards; s++) {
                    int[][] tokens = new int[c.batch() / shards][];
                    for (int i = 0; i < tokens.length; i++) {
                        tokens[i] = r2.ints(c.length(), 0, c.vocab()).toArray();
                    }
                    SequenceBatch<float[]> ib = SequenceBatch.ofTokens(tokens, null);
                    Workspace<float[]> iws = inet.newWorkspace();
                    inferWork.add(() -> inet.forward(ib, iws));
                }
                Runnable inferStep = () -> parallel.runAll(inferWork);
                double infer = measure(inferStep, tokensPerStep);
                System.out.printf(Locale.ROOT, "%s infer     %,10.0f tok/s  %6.1f GFLOP/s%n", c.name(), infer,
                        infer * c.inferFlops() / 1e9);
                record(c, "infer", lastRates, "tokens/s", "");
                // one sentence: its time steps split by columns over the threads (SplitRecurrence)
                Kernels<float[]> lk = FastKernels.best(threads);
                ElmanNetwork<float[]> lnet = ElmanNetwork.create(c.rnn(), lk, 1234).freeze();
                Workspace<float[]> lws = lnet.newWorkspace();
                SequenceBatch<float[]> one = SequenceBatch.ofTokens(new int[][]{r2.ints(20, 0, c.vocab()).toArray()},
                        null);
                double perSecond = measure(() -> lnet.forward(one, lws), 1);
                System.out.printf(Locale.ROOT, "%s latency   %,10.1f µs per 20-token sentence (batch 1, warm)%n",
                        c.name(), 1e6 / perSecond);
                double[] ms = new double[lastRates.length];
                for (int i = 0; i < ms.length; i++) {
                    ms[i] = 1e3 / lastRates[i];
                }
                record(c, "latency", ms, "ms", "batch=1 len=20");
            }
        }
    }

    private double[] lastRates;

    /**
     * A HotSpot flag's value, or "?" on a VM without it. bin/elman raises PerMethodTrapLimit so that C2 does not
     * give up on the Vector API's type checks and box vectors; ObjectAlignmentInBytes 32 (ELMAN_JAVA_OPTS) puts the
     * laid-out weights on vector boundaries (elman-core/README.md). The header shows what ran.
     */
    static String vmOption(String name) {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null ? "?" : vm.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** Bytes per training step over all threads above which the bench names where they were allocated. */
    private static final long ALLOCATION_ALARM = 1024;

    /** Median over repetitions of items per second, after a warm-up. */
    private double measure(Runnable step, long itemsPerCall) {
        long warm = System.nanoTime() + (long) (warmupSec * 1e9);
        while (System.nanoTime() < warm) {
            step.run();
        }
        double[] rates = new double[reps];
        for (int r = 0; r < reps; r++) {
            long n = 0;
            long t0 = System.nanoTime();
            long t;
            do {
                step.run();
                n++;
                t = System.nanoTime();
            } while (t - t0 < minRepSec * 1e9);
            rates[r] = n * itemsPerCall / ((t - t0) / 1e9);
        }
        lastRates = rates.clone();
        Arrays.sort(rates);
        return rates[reps / 2];
    }

    private void record(Config c, String mode, double[] values, String unit, String note) {
        if (json == null) {
            return;
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("impl", "elman");
        m.put("backend", FastKernels.best(1).name() + "/" + this.mode);
        m.put("config", c.name());
        m.put("mode", mode);
        m.put("threads", threads);
        m.put("jdk", Runtime.version().feature());
        m.put("round", round);
        m.put("unit", unit);
        m.put("values", values);
        m.put("note", note);
        try {
            java.nio.file.Files.writeString(json, Json.write(m) + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot append to " + json + ": " + e.getMessage(), e);
        }
    }

    /**
     * Bytes allocated per call in steady state (HotSpot's per-thread counters): by all threads of the JVM (its own
     * service threads included), and by the calling thread alone.
     */
    private static long[] allocatedPerCall(Runnable step, int calls) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = totalAllocated(bean);
        long own = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            step.run();
        }
        long ownAfter = bean.getCurrentThreadAllocatedBytes();
        return new long[]{(totalAllocated(bean) - before) / calls, (ownAfter - own) / calls};
    }

    private static long totalAllocated(com.sun.management.ThreadMXBean bean) {
        long[] ids = bean.getAllThreadIds();
        long sum = 0;
        for (long a : bean.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, a);
        }
        return sum;
    }
}
