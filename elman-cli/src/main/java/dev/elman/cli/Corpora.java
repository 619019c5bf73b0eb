package dev.elman.cli;

import dev.elman.nlp.conllu.ConlluReader;
import dev.elman.nlp.conllu.Sentence;
import dev.elman.nlp.conllu.TagColumn;
import dev.elman.nlp.tagger.TaggedCorpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads CoNLL-U files into tagged corpora. */
final class Corpora {
    private Corpora() {
    }

    static TaggedCorpus read(Path file, TagColumn column, int maxSentences) throws IOException {
        List<List<String>> words = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file)) {
            Sentence s;
            while ((s = r.read()) != null && (maxSentences <= 0 || words.size() < maxSentences)) {
                words.add(s.forms());
                tags.add(s.tags(column));
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException(file + ": no sentences");
        }
        return new TaggedCorpus(words, tags);
    }
}
