package dev.elman.nlp.tagger;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentences as word forms with gold tag strings, in memory.
 *
 * @param sentences word forms per sentence
 * @param tags      gold tags per sentence, aligned with the words
 */
public record TaggedCorpus(List<List<String>> sentences, List<List<String>> tags) {

    public TaggedCorpus {
        if (sentences.size() != tags.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + tags.size() + " tag lists");
        }
        for (int i = 0; i < sentences.size(); i++) {
            if (sentences.get(i).size() != tags.get(i).size()) {
                throw new IllegalArgumentException("sentence " + i + ": " + sentences.get(i).size() + " words but "
                        + tags.get(i).size() + " tags");
            }
        }
        sentences = List.copyOf(sentences);
        tags = List.copyOf(tags);
    }

    /** Number of sentences. */
    public int size() {
        return sentences.size();
    }

    /** Total number of words. */
    public long words() {
        return sentences.stream().mapToLong(List::size).sum();
    }

    /** The sentences from index {@code from} on. */
    public TaggedCorpus tail(int from) {
        int k = Math.min(from, size());
        return new TaggedCorpus(new ArrayList<>(sentences.subList(k, size())), new ArrayList<>(tags.subList(k, size())));
    }

    /** The first {@code n} sentences (or all, if fewer). */
    public TaggedCorpus head(int n) {
        int k = Math.min(n, size());
        return new TaggedCorpus(new ArrayList<>(sentences.subList(0, k)), new ArrayList<>(tags.subList(0, k)));
    }
}
