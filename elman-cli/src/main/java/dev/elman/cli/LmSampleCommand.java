package dev.elman.cli;

import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.lm.LmModelFile;
import dev.elman.nlp.lm.Sampler;
import dev.elman.nlp.lm.SamplingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code elman lm sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate text from a character language model: the prime is fed in, then each drawn "
                + "character is fed back. Writes the prime (when given) and the generated text to standard output.",
                "The same model, seed and options give the same text (with the same float kernels)."})
final class LmSampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file from `lm train`")
    Path model;
    @Option(names = "--prime", description = "text to start from (default: a newline)")
    String prime;
    @Option(names = "--length", defaultValue = "500", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length;
    @Option(names = "--temperature", defaultValue = "0.8", description = "softmax temperature; 0 = always the most "
            + "probable character (default ${DEFAULT-VALUE})")
    double temperature;
    @Option(names = "--top-k", defaultValue = "0", description = "draw only among the K most probable characters "
            + "(0 = all; default ${DEFAULT-VALUE})")
    int topK;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the draws (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        SamplingConfig config = new SamplingConfig(temperature, topK);
        if (length < 0) {
            throw new IllegalArgumentException("--length must be >= 0, got " + length);
        }
        LmModel m = LmModelFile.load(model, Engine.kernels()).freeze();
        String start = prime;
        if (start == null) {
            if (!m.vocabulary().contains('\n')) {
                throw new IllegalArgumentException("this model has no newline character to start from: give --prime");
            }
            start = "\n";
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        if (prime != null) {
            w.write(prime);
        }
        Sampler.generate(m.newSession(), start, length, config, seed, cp -> write(w, cp));
        w.write('\n');
        w.flush();
        return 0;
    }

    private static void write(Writer w, int codePoint) {
        try {
            w.write(Character.toChars(codePoint));
            if (codePoint == '\n') {
                w.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
        }
    }
}
