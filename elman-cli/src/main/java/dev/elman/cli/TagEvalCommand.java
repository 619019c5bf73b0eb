package dev.elman.cli;

import dev.elman.nlp.tagger.Evaluation;
import dev.elman.nlp.tagger.MostFrequentTag;
import dev.elman.nlp.tagger.TaggedCorpus;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code elman tag eval}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Accuracy (overall, known and unknown words), per-tag P/R/F1, confusion matrix, baselines.")
final class TagEvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;
    @Option(names = "--test", description = "gold CoNLL-U (default: UD English EWT test)")
    Path test;
    @Option(names = "--data", description = "data folder (default: $ELMAN_DATA or ../shared/data)")
    Path data;
    @Option(names = "--train", description = "training CoNLL-U for the most-frequent-tag baseline "
            + "(default: EWT train when the test file is from EWT)")
    Path train;
    @Option(names = "--baseline-model", description = "recurrence-off model (default: <model>.ff.safetensors "
            + "if present)")
    Path baselineModel;
    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TaggerModel m = TaggerModelFile.load(model, Engine.kernels()).freeze();
        Path testFile = DataPaths.file(test, data, "ud-en-ewt/en_ewt-ud-test.conllu");
        TaggedCorpus gold = Corpora.read(testFile, m.config().column(), 0);
        Evaluation main = Tagging.evaluate(m, m.newSession(), gold, 2000);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.toString());
        report.put("test", testFile.toString());
        report.put("column", m.config().column().name());
        report.put("tokens", main.tokens());
        report.put("accuracy", main.accuracy());
        report.put("known_accuracy", main.knownAccuracy());
        report.put("unknown_accuracy", main.unknownAccuracy());
        report.put("unknown_tokens", main.unknownTokens());
        Map<String, Object> baselines = new LinkedHashMap<>();
        Path trainFile = train != null ? train : defaultTrain(testFile);
        if (trainFile != null) {
            MostFrequentTag mft = MostFrequentTag.fit(Corpora.read(trainFile, m.config().column(), 0));
            baselines.put("most_frequent_tag", mft.evaluate(gold, m.tags(), m.features()).accuracy());
        }
        Path ff = baselineModel != null ? baselineModel : ModelPaths.baselineOf(model);
        if (Files.isRegularFile(ff)) {
            TaggerModel fm = TaggerModelFile.load(ff, Engine.kernels()).freeze();
            baselines.put("recurrence_off", Tagging.evaluate(fm, fm.newSession(), gold, 2000).accuracy());
        }
        report.put("baselines", baselines);
        PrintStream out = System.out;
        if (json) {
            report.put("per_tag", main.perTag());
            report.put("labels", main.labels());
            report.put("confusion", main.confusion());
            out.println(Json.write(report));
        } else {
            printText(out, report, main, baselines);
        }
        return 0;
    }

    private static Path defaultTrain(Path testFile) {
        String name = testFile.getFileName().toString();
        if (name.endsWith("-ud-test.conllu")) {
            Path t = testFile.resolveSibling(name.replace("-ud-test.conllu", "-ud-train.conllu"));
            return Files.isRegularFile(t) ? t : null;
        }
        return null;
    }

    private static void printText(PrintStream out, Map<String, Object> r, Evaluation e, Map<String, Object> base) {
        out.printf(Locale.ROOT, "%s on %s (%s, %,d tokens)%n", r.get("model"), r.get("test"), r.get("column"),
                e.tokens());
        out.printf(Locale.ROOT, "accuracy          %6.2f%%%n", 100 * e.accuracy());
        out.printf(Locale.ROOT, "  known words     %6.2f%%%n", 100 * e.knownAccuracy());
        out.printf(Locale.ROOT, "  unknown words   %6.2f%%  (%,d tokens)%n", 100 * e.unknownAccuracy(),
                e.unknownTokens());
        base.forEach((k, v) -> out.printf(Locale.ROOT, "baseline %-17s %6.2f%%%n", k.replace('_', '-'),
                100 * (Double) v));
        out.printf("%ntag        precision  recall      F1    gold%n");
        e.perTag().forEach((tag, v) -> out.printf(Locale.ROOT, "%-10s %8.2f%% %7.2f%% %7.2f%% %7d%n", tag,
                100 * v[0], 100 * v[1], 100 * v[2], (long) v[3]));
        List<String> labels = e.labels();
        long[][] c = e.confusion();
        out.printf("%nconfusion (rows gold, columns predicted)%n%-8s", "");
        for (int j = 0; j < labels.size() - 1; j++) {
            out.printf("%7s", abbreviate(labels.get(j)));
        }
        out.println();
        for (int i = 0; i < labels.size(); i++) {
            long rowSum = 0;
            for (long v : c[i]) {
                rowSum += v;
            }
            if (rowSum == 0 && i == labels.size() - 1) {
                continue;
            }
            out.printf("%-8s", abbreviate(labels.get(i)));
            for (int j = 0; j < labels.size() - 1; j++) {
                out.printf("%7d", c[i][j]);
            }
            out.println();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 6 ? s : s.substring(0, 6);
    }
}
