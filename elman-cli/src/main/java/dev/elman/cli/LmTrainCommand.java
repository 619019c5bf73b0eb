package dev.elman.cli;

import dev.elman.nlp.lm.CharVocabulary;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.lm.LmModelFile;
import dev.elman.nlp.lm.LmTask;
import dev.elman.nlp.lm.LmTrainer;
import dev.elman.optim.AdamConfig;
import dev.elman.optim.LrSchedule;
import dev.elman.train.DataParallel;
import dev.elman.train.TrainerConfig;
import dev.elman.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code elman lm train}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character language model on a text file: the first part of the text trains, the "
                + "last --valid-fraction validates; the weights with the lowest validation loss are saved.",
                "Training is stateful truncated BPTT: the text is cut into --batch contiguous streams read side by "
                        + "side in chunks of --seq-len characters, the hidden state carried from chunk to chunk.",
                "A run with the same seed and options gives the same model bit for bit, also when resumed from a "
                        + "checkpoint, unless --minutes stops it: where a time budget stops depends on the "
                        + "machine's speed, so budgeted runs are not bit-reproducible."})
final class LmTrainCommand implements Callable<Integer> {
    @Mixin
    TrainingRunOptions training;
    @Option(names = "--text", description = "UTF-8 text file (default: tiny-shakespeare in the data folder)")
    Path text;
    @Option(names = "--data", description = "data folder (default: $ELMAN_DATA or ../shared/data)")
    Path data;
    @Option(names = "--out", required = true, description = "model file to write (.safetensors)")
    Path out;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights and the epoch offsets "
            + "(default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--epochs", defaultValue = "50", description = "maximum passes over the training text "
            + "(default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--minutes", description = "wall-clock budget: stop after the step that passes it and keep the "
            + "best model (not bit-reproducible)")
    Double minutes;
    @Option(names = "--hidden", defaultValue = "256", description = "H, width of each layer (default ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "1", description = "stacked layers (default ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--seq-len", defaultValue = "100", description = "characters per stream per step, the BPTT "
            + "truncation (default ${DEFAULT-VALUE})")
    int seqLen;
    @Option(names = "--batch", defaultValue = "32", description = "parallel streams per step (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--dropout", defaultValue = "0", description = "dropout on every layer's output during "
            + "training (default ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--lr-decay", defaultValue = "1", description = "multiply the learning rate by this once per "
            + "epoch's worth of steps (default ${DEFAULT-VALUE}: constant)")
    double lrDecay;
    @Option(names = "--clip", defaultValue = "5", description = "clip the gradient's global norm (0 = off; default "
            + "${DEFAULT-VALUE})")
    double clip;
    @Option(names = "--valid-fraction", defaultValue = "0.1", description = "last part of the text held out for "
            + "validation (default ${DEFAULT-VALUE})")
    double validFraction;
    @Option(names = "--eval-streams", defaultValue = "1", description = "streams the validation text is cut into "
            + "(default ${DEFAULT-VALUE}: read whole, as `lm eval` does)")
    int evalStreams;
    @Option(names = "--max-chars", defaultValue = "0", description = "use only the first N characters of the text "
            + "(0 = all), for quick runs")
    int maxChars;
    @Option(names = "--threads", defaultValue = "2", description = "shards the streams are split into, trained in "
            + "parallel by replicas with single-threaded products; results are reproducible for a given seed and "
            + "shard count (default ${DEFAULT-VALUE}, also on other core counts; 1: one shard with threads inside "
            + "the matrix products)")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (minutes != null && !(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be positive, got " + minutes);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + lrDecay);
        }
        Path file = DataPaths.file(text, data, LmTexts.DEFAULT_TEXT);
        String content = LmTexts.read(file, maxChars);
        CharVocabulary vocab = CharVocabulary.of(content);
        LmTexts texts = LmTexts.of(file, content, vocab);
        int[] train = texts.train(validFraction);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        LmModel model = LmModel.create(vocab, hidden, layers, threads == 1 ? Engine.kernels() : Engine.kernels(1),
                seed);
        try (DataParallel parallel = new DataParallel(threads)) {
            return train(model, vocab, texts, train, file, parallel);
        }
    }

    private int train(LmModel model, CharVocabulary vocab, LmTexts texts, int[] train, Path file,
                      DataParallel parallel) throws java.io.IOException {
        LmTask task = new LmTask(model, train, texts.valid(validFraction), batch, seqLen, evalStreams, parallel)
                .withDropout(dropout);
        if (!training.quiet) {
            System.err.printf(Locale.ROOT, "training a %d-layer Elman RNN (H=%d, %,d parameters) on %s: %,d training "
                            + "and %,d validation characters, %d distinct; %d streams × %d characters per step, "
                            + "Adam lr %s; %s%n", layers, hidden, model.network().parameterCount(), file, train.length,
                    texts.length() - train.length, vocab.size(), batch, seqLen, lr, Engine.describe(model.network().kernels(), parallel.threads()));
        }
        TrainerConfig.Builder tc = TrainerConfig.builder().epochs(epochs).seed(seed)
                .optimizer(AdamConfig.builder().lr(lr).build()).clipNorm(clip).metric("loss", false)
                .checkpoints(training.checkpointDir, training.checkpointEvery);
        if (lrDecay < 1) {
            int stepsPerEpoch = Math.max(1, (int) Math.ceil((train.length - 1.0) / batch / seqLen));
            tc.schedule(LrSchedule.stepDecay(lr, stepsPerEpoch, lrDecay));
        }
        List<TrainingListener> listeners = training.listeners();
        Duration budget = minutes == null ? null : Duration.ofMillis(Math.round(minutes * 60_000));
        LmTrainer.Outcome o = LmTrainer.train(task, tc.build(), listeners, budget);
        LmModelFile.save(model, out);
        if (!training.quiet) {
            System.err.printf(Locale.ROOT, "%svalidation loss %.4f nats/char (%.4f bits/char) after %d epochs, %d steps,"
                            + " %.1f s (%,.0f training characters/s); saved %s%n",
                    o.outOfTime() ? "time budget reached; " : "", o.validLoss().natsPerChar(),
                    o.validLoss().bitsPerChar(), o.epochs(), o.steps(), o.seconds(), o.charactersPerSecond(), out);
        }
        return 0;
    }
}
