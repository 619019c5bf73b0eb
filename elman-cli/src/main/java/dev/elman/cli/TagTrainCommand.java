package dev.elman.cli;

import dev.elman.math.Activation;
import dev.elman.nlp.conllu.TagColumn;
import dev.elman.nlp.tagger.TaggedCorpus;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.TaggerTask;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.optim.AdamConfig;
import dev.elman.optim.LrSchedule;
import dev.elman.train.DataParallel;
import dev.elman.train.NonFinitePolicy;
import dev.elman.train.Trainer;
import dev.elman.train.TrainerConfig;
import dev.elman.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code elman tag train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a tagger on CoNLL-U; the model that scores best on the dev file is saved.")
final class TagTrainCommand implements Callable<Integer> {
    @Mixin
    TrainingRunOptions training;
    @Option(names = "--data", description = "data folder (default: $ELMAN_DATA or ../shared/data)")
    Path data;
    @Option(names = "--train", description = "training CoNLL-U (default: UD English EWT train)")
    Path train;
    @Option(names = "--dev", description = "dev CoNLL-U (default: UD English EWT dev)")
    Path dev;
    @Option(names = "--holdout", defaultValue = "0", description = "instead of --dev, hold out this fraction of the "
            + "training sentences (the last ones) as the dev set, e.g. 0.1 for UD Chinese GSDSimp, which has no "
            + "train file here")
    double holdout;
    @Option(names = "--out", required = true, description = "model file to write (.safetensors)")
    Path out;
    @Option(names = "--column", defaultValue = "UPOS", description = "UPOS or XPOS")
    TagColumn column;
    @Option(names = "--seed", defaultValue = "1")
    long seed;
    @Option(names = "--epochs", defaultValue = "12")
    int epochs;
    @Option(names = "--hidden", description = "H per direction (default 128)")
    Integer hidden;
    @Option(names = "--layers", description = "stacked layers (default 2)")
    Integer layers;
    @Option(names = "--dropout", description = "dropout on every layer's output (default 0.3)")
    Double dropout;
    @Option(names = "--input-dropout", description = "dropout on the feature embeddings (default 0.2)")
    Double inputDropout;
    @Option(names = "--word-dropout", description = "α of word dropout (default 0.25)")
    Double wordDropout;
    @Option(names = "--unidirectional", description = "left-to-right layers only")
    boolean unidirectional;
    @Option(names = "--no-recurrence", description = "W held at 0: the per-token feed-forward baseline")
    boolean noRecurrence;
    @Option(names = "--nonlinearity", defaultValue = "tanh")
    String nonlinearity;
    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate")
    double lr;
    @Option(names = "--final-lr-factor", defaultValue = "0.1", description = "the rate decays linearly to this "
            + "fraction of --lr by the last step")
    double finalLrFactor;
    @Option(names = "--batch-tokens", defaultValue = "500", description = "tokens per batch")
    int batchTokens;
    @Option(names = "--patience", defaultValue = "4", description = "early stopping after N epochs without gain")
    int patience;
    @Option(names = "--max-sentences", defaultValue = "0", description = "use only the first N training sentences")
    int maxSentences;
    @Option(names = "--on-nonfinite", defaultValue = "STOP", description = "STOP (keep the last good checkpoint "
            + "and fail, naming the step) or SKIP (skip the batch and count it) on a NaN/Inf loss or gradient")
    NonFinitePolicy onNonFinite;
    @Option(names = "--baseline", description = "also train the recurrence-off baseline as <out>.ff.safetensors")
    boolean baseline;
    @Option(names = "--threads", defaultValue = "2", description = "batch shards trained in parallel (each on its "
            + "own replica; default ${DEFAULT-VALUE}, also on other core counts); results are reproducible for a given "
            + "seed and shard count")
    int threads;
    @Option(names = "--kernel-threads", description = "threads inside each matrix product (default: 1 with several "
            + "shards, else the number of cores; results do not depend on it)")
    Integer kernelThreads;

    @Override
    public Integer call() throws Exception {
        Path trainFile = DataPaths.file(train, data, "ud-en-ewt/en_ewt-ud-train.conllu");
        TaggedCorpus trainCorpus = Corpora.read(trainFile, column, maxSentences);
        TaggedCorpus devCorpus;
        if (holdout > 0) {
            if (holdout >= 1 || dev != null) {
                throw new IllegalArgumentException("--holdout must be in (0, 1) and cannot be combined with --dev");
            }
            int keep = (int) Math.round(trainCorpus.size() * (1 - holdout));
            devCorpus = trainCorpus.tail(keep);
            trainCorpus = trainCorpus.head(keep);
        } else {
            devCorpus = Corpora.read(DataPaths.file(dev, data, "ud-en-ewt/en_ewt-ud-dev.conllu"), column, 0);
        }
        TaggerConfig.Builder cb = TaggerConfig.builder().column(column).recurrent(!noRecurrence)
                .activation(Activation.parse(nonlinearity)).bidirectional(!unidirectional);
        if (hidden != null) {
            cb.hidden(hidden);
        }
        if (layers != null) {
            cb.layers(layers);
        }
        if (dropout != null) {
            cb.hiddenDropout(dropout);
        }
        if (inputDropout != null) {
            cb.inputDropout(inputDropout);
        }
        if (wordDropout != null) {
            cb.wordDropout(wordDropout);
        }
        TaggerConfig config = cb.build();
        train(config, trainCorpus, devCorpus, out, training.checkpointDir);
        if (baseline) {
            Path ffOut = ModelPaths.baselineOf(out);
            Path ffCheckpoints = training.checkpointDir == null ? null : training.checkpointDir.resolve("baseline");
            train(config.toBuilder().recurrent(false).build(), trainCorpus, devCorpus, ffOut, ffCheckpoints);
        }
        return 0;
    }

    private void train(TaggerConfig config, TaggedCorpus trainCorpus, TaggedCorpus devCorpus, Path modelOut,
                       Path checkpoints) throws Exception {
        long t0 = System.nanoTime();
        WordFeatures features = WordFeatures.build(trainCorpus.sentences(), config.minFormCount(),
                config.minAffixCount());
        int productThreads = kernelThreads != null ? kernelThreads
                : threads > 1 ? 1 : Runtime.getRuntime().availableProcessors();
        TaggerModel model = TaggerModel.create(config, features, tagSet(trainCorpus), Engine.kernels(productThreads),
                seed);
        if (!training.quiet) {
            System.err.printf(Locale.ROOT, "training %s on %,d sentences (%,d words), dev %,d sentences; "
                            + "%,d parameters; %s%n", config.recurrent() ? "the RNN tagger" : "the feed-forward baseline",
                    trainCorpus.size(), trainCorpus.words(), devCorpus.size(),
                    model.params().stream().mapToLong(p -> p.size()).sum(),
                    Engine.describe(model.network().kernels(), threads));
        }
        Trainer.Result r;
        try (DataParallel parallel = new DataParallel(threads)) {
            TaggerTask task = new TaggerTask(model, trainCorpus, devCorpus, batchTokens, parallel);
            task.startEpoch(0, seed);
            int totalSteps = task.batchesInEpoch() * epochs;
            TrainerConfig tc = TrainerConfig.builder().epochs(epochs).seed(seed)
                    .optimizer(AdamConfig.builder().lr(lr).build()).clipNorm(5.0).metric("accuracy", true)
                    .schedule(LrSchedule.warmupThenDecay(lr, 1.0, 0, finalLrFactor, totalSteps))
                    .patience(patience).checkpoints(checkpoints, training.checkpointEvery).nonFinite(onNonFinite)
                    .build();
            r = runTraining(tc, task);
        }
        TaggerModelFile.save(model, modelOut);
        if (!training.quiet) {
            System.err.printf(Locale.ROOT, "best dev accuracy %.2f%% after epoch %d; %d steps in %.1f s%s; saved %s%n",
                    100 * r.bestMetric(), r.bestEpoch() + 1, r.steps(), (System.nanoTime() - t0) / 1e9,
                    r.skippedBatches() > 0 ? "; " + r.skippedBatches() + " batches skipped (NaN/Inf)" : "",
                    modelOut);
        }
    }

    private Trainer.Result runTraining(TrainerConfig tc, TaggerTask task) throws java.io.IOException {
        List<TrainingListener> listeners = training.listeners();
        return new Trainer(tc, listeners).run(task);
    }

    static Vocabulary tagSet(TaggedCorpus corpus) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        corpus.tags().forEach(ts -> ts.forEach(t -> counts.merge(t, 1, Integer::sum)));
        List<String> tags = new ArrayList<>(counts.keySet());
        tags.sort(String::compareTo);
        return Vocabulary.closed(tags);
    }
}
