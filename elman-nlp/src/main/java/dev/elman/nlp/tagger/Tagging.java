package dev.elman.nlp.tagger;

import java.util.ArrayList;
import java.util.List;

/** Tagging and evaluating whole corpora with a model, in batches. */
public final class Tagging {
    private Tagging() {
    }

    /** The predicted tag strings of each sentence. Sentences may be empty (they get no tags). */
    public static List<List<String>> tag(TaggerModel model, TaggerSession session, List<List<String>> sentences,
                                         int batchTokens) {
        List<List<String>> out = new ArrayList<>(sentences.size());
        forEachBatch(sentences, batchTokens, (from, to) -> {
            List<List<String>> nonEmpty = new ArrayList<>();
            for (int s = from; s < to; s++) {
                if (!sentences.get(s).isEmpty()) {
                    nonEmpty.add(sentences.get(s));
                }
            }
            int[][] predicted = nonEmpty.isEmpty() ? new int[0][]
                    : session.predict(EncodedBatch.encode(model.features(), nonEmpty, null));
            int k = 0;
            for (int s = from; s < to; s++) {
                List<String> tags = new ArrayList<>();
                if (!sentences.get(s).isEmpty()) {
                    for (int id : predicted[k++]) {
                        tags.add(model.tags().entry(id));
                    }
                }
                out.add(tags);
            }
        });
        return out;
    }

    /** Tags {@code gold}'s sentences and tallies the result. */
    public static Evaluation evaluate(TaggerModel model, TaggerSession session, TaggedCorpus gold, int batchTokens) {
        List<List<String>> predicted = tag(model, session, gold.sentences(), batchTokens);
        Evaluation e = new Evaluation(model.tags());
        for (int s = 0; s < gold.size(); s++) {
            List<String> words = gold.sentences().get(s);
            for (int t = 0; t < words.size(); t++) {
                String g = gold.tags().get(s).get(t);
                int goldId = model.tags().contains(g) ? model.tags().id(g) : -1;
                e.add(goldId, model.tags().id(predicted.get(s).get(t)), model.features().isKnown(words.get(t)));
            }
        }
        return e;
    }

    interface Range {
        void accept(int from, int to);
    }

    static void forEachBatch(List<List<String>> sentences, int batchTokens, Range body) {
        int from = 0;
        int tokens = 0;
        for (int s = 0; s < sentences.size(); s++) {
            tokens += sentences.get(s).size();
            if (tokens >= batchTokens) {
                body.accept(from, s + 1);
                from = s + 1;
                tokens = 0;
            }
        }
        if (from < sentences.size()) {
            body.accept(from, sentences.size());
        }
    }
}
