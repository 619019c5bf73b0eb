package dev.elman.cli;

import dev.elman.nlp.lm.LmLoss;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.lm.LmModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code elman lm eval}. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loss of a character language model on a text, in nats and bits per character: by default on "
                + "the validation split (the last --valid-fraction of the text, as `lm train` holds out), with "
                + "--whole on the whole file.",
                "Every character but the first of the evaluated part is predicted from all the ones before it "
                        + "(with --streams N > 1, from those in its own stream)."})
final class LmEvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file from `lm train`")
    Path model;
    @Option(names = "--text", description = "UTF-8 text file (default: tiny-shakespeare in the data folder)")
    Path text;
    @Option(names = "--data", description = "data folder (default: $ELMAN_DATA or ../shared/data)")
    Path data;
    @Option(names = "--whole", description = "evaluate on the whole file instead of its validation split")
    boolean whole;
    @Option(names = "--valid-fraction", defaultValue = "0.1", description = "size of the validation split "
            + "(default ${DEFAULT-VALUE}, as in `lm train`)")
    double validFraction;
    @Option(names = "--max-chars", defaultValue = "0", description = "use only the first N characters of the text "
            + "(0 = all), as `lm train --max-chars` did")
    int maxChars;
    @Option(names = "--streams", defaultValue = "1", description = "cut the text into N contiguous streams, each "
            + "from a zero state, evaluated side by side (faster with batched kernels; default ${DEFAULT-VALUE})")
    int streams;
    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LmModel m = LmModelFile.load(model, Engine.kernels()).freeze();
        Path file = DataPaths.file(text, data, LmTexts.DEFAULT_TEXT);
        LmTexts texts = LmTexts.of(file, LmTexts.read(file, maxChars), m.vocabulary());
        int[] ids = whole ? texts.all() : texts.valid(validFraction);
        String part = whole ? "whole file" : "validation split (last " + validFraction + ")";
        LmLoss loss = m.newSession().evaluate(ids, streams);
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", model.toString());
            r.put("text", file.toString());
            r.put("part", whole ? "whole" : "validation");
            r.put("valid_fraction", whole ? null : validFraction);
            r.put("characters", ids.length);
            r.put("predicted", loss.characters());
            r.put("streams", streams);
            r.put("nats_per_char", loss.natsPerChar());
            r.put("bits_per_char", loss.bitsPerChar());
            r.put("perplexity", loss.perplexity());
            System.out.println(Json.write(r));
        } else {
            System.out.printf(Locale.ROOT, "%s on %s, %s: %,d characters, %,d predicted%s%n", model, file, part,
                    ids.length, loss.characters(), streams > 1 ? " (" + streams + " streams)" : "");
            System.out.printf(Locale.ROOT, "loss %.4f nats/char  %.4f bits/char  perplexity %.3f%n",
                    loss.natsPerChar(), loss.bitsPerChar(), loss.perplexity());
        }
        return 0;
    }
}
