package dev.elman.cli;

import dev.elman.check.GradientCheck;
import dev.elman.loss.LossSpec;
import dev.elman.loss.Reduction;
import dev.elman.math.Activation;
import dev.elman.nn.RnnConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs the finite-difference gradient check on a configuration given by flags. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check BPTT against finite differences (double precision); exit 1 above the threshold.")
final class GradcheckCommand implements Callable<Integer> {
    @Option(names = "--layers", defaultValue = "1", description = "stacked layers (default ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--bidirectional", description = "bidirectional layers")
    boolean bidirectional;
    @Option(names = "--nonlinearity", defaultValue = "tanh", description = "tanh or relu")
    String nonlinearity;
    @Option(names = "--no-recurrence", description = "hold W at 0 (the feed-forward baseline)")
    boolean noRecurrence;
    @Option(names = "--lengths", defaultValue = "5,2,4,1", split = ",", description = "sequence lengths")
    int[] lengths;
    @Option(names = "--truncation", defaultValue = "0", description = "truncated-BPTT chunk length (0 = full)")
    int truncation;
    @Option(names = "--reduction", defaultValue = "sum", description = "sum or mean")
    String reduction;
    @Option(names = "--input", defaultValue = "embedding", description = "embedding, onehot or dense")
    String input;
    @Option(names = "--hidden", defaultValue = "4")
    int hidden;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--threshold", defaultValue = "1e-6", description = "maximum relative error")
    double threshold;

    @Override
    public Integer call() {
        RnnConfig.Builder b = RnnConfig.builder().hiddenSize(hidden).layers(layers).bidirectional(bidirectional)
                .activation(Activation.parse(nonlinearity)).recurrent(!noRecurrence).outputSize(3);
        switch (input) {
            case "embedding" -> b.vocabSize(7).embeddingSize(3);
            case "onehot" -> b.vocabSize(6);
            case "dense" -> b.inputSize(3);
            default -> throw new IllegalArgumentException("--input must be embedding, onehot or dense, got " + input);
        }
        if (Activation.parse(nonlinearity) == Activation.RELU) {
            b.recurrentInit(RnnConfig.RecurrentInit.IDENTITY, 0.5);
        }
        LossSpec loss = new LossSpec(Reduction.parse(reduction), LossSpec.DEFAULT_IGNORE);
        GradientCheck.Result r = GradientCheck.run(new GradientCheck.Spec(b.build(), lengths, truncation, loss, seed,
                truncation == 0, 0.2));
        r.maxRelativeError().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                System.out.printf(Locale.ROOT, "%-28s %.3e%s%n", e.getKey(), e.getValue(),
                        e.getValue() > threshold ? "  FAIL" : ""));
        boolean ok = r.max() <= threshold;
        System.out.printf(Locale.ROOT, "max relative error %.3e (threshold %.0e): %s%n", r.max(), threshold,
                ok ? "ok" : "FAIL");
        return ok ? 0 : 1;
    }
}
