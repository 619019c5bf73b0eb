package dev.elman.nlp.tagger;

import dev.elman.nlp.conllu.ConlluReader;
import dev.elman.nlp.conllu.Sentence;
import dev.elman.nlp.conllu.TagColumn;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small slices of the shared corpora for tests; skips the test when the data folder is absent. */
final class TestData {
    private TestData() {
    }

    static Path file(String relative) {
        String dir = System.getenv("ELMAN_DATA");
        if (dir == null || dir.isEmpty()) {
            dir = System.getenv("ELMAN_DATA_DEFAULT");
        }
        Path p = dir == null ? null : Path.of(dir, relative);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "data file not found: " + p
                + " (set ELMAN_DATA)");
        return p;
    }

    static TaggedCorpus read(String relative, int maxSentences) throws IOException {
        List<List<String>> words = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        try (ConlluReader r = ConlluReader.open(file(relative))) {
            Sentence s;
            while (words.size() < maxSentences && (s = r.read()) != null) {
                words.add(s.forms());
                tags.add(s.tags(TagColumn.UPOS));
            }
        }
        return new TaggedCorpus(words, tags);
    }
}
