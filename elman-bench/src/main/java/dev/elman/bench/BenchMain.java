package dev.elman.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with its usual command line, then prints the matrix products' speeds in GFLOP/s and flags any shape
 * where the vector kernels are slower than the portable ones (the sign of Vector API code that C2 did not
 * intrinsify).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            if (a.equals("-h") || a.equals("-l") || a.equals("-lp") || a.equals("-lprof") || a.equals("-lrf")) {
                org.openjdk.jmh.Main.main(args);
                return;
            }
        }
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        List<String> lines = new ArrayList<>();
        Map<String, Double> gflops = new HashMap<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("PeakBench.fma")) {
                int threads = r.getParams().getThreads();
                double perThread = 2.0 * PeakBench.FMAS * PeakBench.S.length() / r.getPrimaryResult().getScore();
                lines.add(String.format(Locale.ROOT, "FP32 peak (fma chains, %d thread%s): %.1f GFLOP/s", threads,
                        threads == 1 ? "" : "s", perThread * threads));
                continue;
            }
            String shape = r.getParams().getParam("shape");
            if (!r.getParams().getBenchmark().endsWith(".gemm") || shape == null) {
                continue;
            }
            String impl = r.getParams().getParam("impl");
            double micros = r.getPrimaryResult().getScore();
            double g = Shape.flops(shape) / micros / 1e3;
            gflops.put(shape + "/" + impl, g);
            lines.add(String.format(Locale.ROOT, "%-24s %-12s %10.1f us %8.2f GFLOP/s", shape, impl, micros, g));
        }
        if (lines.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Throughput (GEMM: 2·m·n·k / time):");
        lines.forEach(System.out::println);
        for (Map.Entry<String, Double> e : gflops.entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String impl = key.substring(slash + 1);
            if (impl.startsWith("vector")) {
                Double portable = gflops.get(key.substring(0, slash) + "/portable" + impl.substring("vector".length()));
                if (portable != null && e.getValue() < portable) {
                    System.out.printf(Locale.ROOT, "WARNING: %s is slower than the portable kernels (%.2f < %.2f"
                            + " GFLOP/s): are the Vector API intrinsics applied?%n", key, e.getValue(), portable);
                }
            }
        }
    }
}
