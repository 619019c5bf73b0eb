package dev.elman.nlp.conllu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConlluReaderTest {

    static final String SAMPLE = String.join("\n",
            "# sent_id = s1",
            "# text = They don't sleep.",
            "1\tThey\tthey\tPRON\tPRP\tCase=Nom|Number=Plur\t4\tnsubj\t4:nsubj\t_",
            "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
            "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_",
            "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_",
            "4\tsleep\tsleep\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No",
            "4.1\tsleep\tsleep\tVERB\tVB\t_\t_\t_\t4:conj\t_",
            "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_",
            "",
            "# sent_id = s2",
            "1\t我\t我\tPRON\tPRP\t_\t2\tnsubj\t_\t_",
            "2\t吃\t吃\tVERB\tVV\t_\t0\troot\t_\t_",
            "",
            "");

    static List<Sentence> readString(String text) throws IOException {
        try (ConlluReader r = new ConlluReader(new StringReader(text), "sample.conllu")) {
            return r.stream().collect(Collectors.toList());
        }
    }

    static ConlluException failure(String text) {
        return assertThrows(ConlluException.class, () -> {
            try (ConlluReader r = new ConlluReader(new StringReader(text), "bad.conllu")) {
                while (r.read() != null) {
                    // drain
                }
            }
        });
    }

    @Test
    void readsWordsRangesEmptyNodesAndComments() throws IOException {
        List<Sentence> sentences = readString(SAMPLE);
        assertEquals(2, sentences.size());
        Sentence s = sentences.get(0);
        assertEquals(List.of("# sent_id = s1", "# text = They don't sleep."), s.comments());
        assertEquals(Optional.of("s1"), s.sentId());
        assertEquals(Optional.of("They don't sleep."), s.text());
        assertEquals(7, s.tokens().size());
        assertEquals(List.of("They", "do", "n't", "sleep", "."), s.forms());
        assertEquals(List.of("PRON", "AUX", "PART", "VERB", "PUNCT"), s.tags(TagColumn.UPOS));
        assertEquals(List.of("PRP", "VBP", "RB", "VB", "."), s.tags(TagColumn.XPOS));
        assertEquals(TokenKind.RANGE, s.tokens().get(1).kind());
        assertEquals(new TokenId(TokenKind.RANGE, 2, 3), s.tokens().get(1).id());
        assertEquals(new TokenId(TokenKind.EMPTY, 4, 1), s.tokens().get(5).id());
        assertEquals("SpaceAfter=No", s.words().get(3).misc());
        assertEquals(List.of("我", "吃"), sentences.get(1).forms());
        assertEquals(Optional.empty(), sentences.get(1).text());
    }

    @Test
    void roundTripIsByteIdentical() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Sentence s : readString(SAMPLE)) {
            out.append(ConlluWriter.format(s));
        }
        assertEquals(SAMPLE, out.toString());
    }

    @Test
    void toleratesBomCrlfMissingFinalBlankAndExtraBlankLines() throws IOException {
        String messy = "\uFEFF" + SAMPLE.replace("\n", "\r\n").replace("\r\n\r\n# sent_id = s2", "\r\n\r\n\r\n"
                + "# sent_id = s2").stripTrailing();
        assertEquals(readString(SAMPLE), readString(messy));
    }

    @Test
    void emptyInputHasNoSentences() throws IOException {
        assertEquals(List.of(), readString(""));
        assertEquals(List.of(), readString("\n\n"));
        try (ConlluReader r = new ConlluReader(new StringReader(""), "x")) {
            assertNull(r.read());
            assertNull(r.read());
        }
    }

    @Test
    void readsUtf8FilesAndNamesThemInErrors(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.conllu");
        Files.writeString(good, SAMPLE, StandardCharsets.UTF_8);
        assertEquals(readString(SAMPLE), ConlluReader.readAll(good));

        Path bad = dir.resolve("bad.conllu");
        Files.writeString(bad, "1\tx\tx\tX\n", StandardCharsets.UTF_8);
        ConlluException e = assertThrows(ConlluException.class, () -> ConlluReader.readAll(bad));
        assertEquals(bad.toString(), e.source());
        assertTrue(e.getMessage().startsWith(bad + ":1: "), e.getMessage());
    }

    @Test
    void invalidUtf8IsAConlluException(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("latin1.conllu");
        Files.write(bad, new byte[] {'1', '\t', (byte) 0xE9, '\n'});
        ConlluException e = assertThrows(ConlluException.class, () -> ConlluReader.readAll(bad));
        assertTrue(e.problem().contains("UTF-8"), e.getMessage());
    }

    @Test
    void streamWrapsErrorsUnchecked() {
        String bad = "1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n\n1\tonly three\tcolumns\n";
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (Stream<Sentence> s = new ConlluReader(new StringReader(bad), "s").stream()) {
                s.count();
            }
        });
        ConlluException cause = (ConlluException) e.getCause();
        assertEquals(3, cause.line());
    }

    @Test
    void wrongColumnCountNamesLine() {
        ConlluException e = failure("# c\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t1\tdep\t_\n");
        assertEquals("bad.conllu", e.source());
        assertEquals(3, e.line());
        assertEquals("bad.conllu:3: expected 10 tab-separated columns, found 9", e.getMessage());
    }

    @Test
    void badIdNamesLine() {
        ConlluException e = failure("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\nx2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n");
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("bad ID 'x2'"), e.getMessage());
        assertEquals(1, failure("01\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").line());
        assertEquals(1, failure("0\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").line());
        assertEquals(1, failure("2-2\ta\t_\t_\t_\t_\t_\t_\t_\t_\n").line());
        assertEquals(1, failure("1.0\ta\t_\t_\t_\t_\t_\t_\t_\t_\n").line());
    }

    @Test
    void nonAscendingIdsNameLine() {
        String text = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        ConlluException e = failure(text);
        assertEquals(2, e.line());
        assertEquals("word ID 3 out of order, expected 2", e.problem());
        assertEquals(2, failure("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n1\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n").line());
    }

    @Test
    void rangeNotMatchingFollowingWordsNamesLine() {
        String w1 = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n";
        String w2 = "2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        ConlluException early = failure(w1 + w2 + "2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n");
        assertEquals(3, early.line());
        assertTrue(early.problem().contains("range 2-3"), early.getMessage());
        ConlluException unfinished = failure(w1 + "2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n" + w2 + "\n");
        assertEquals(2, unfinished.line());
        assertTrue(unfinished.problem().contains("range 2-3 does not match the following words"),
                unfinished.getMessage());
        ConlluException overlapping = failure(w1 + "2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n"
                + "2-4\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n");
        assertEquals(3, overlapping.line());
    }

    @Test
    void emptyNodeOutOfPlaceNamesLine() {
        String w1 = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n";
        assertEquals(2, failure(w1 + "2.1\tz\t_\t_\t_\t_\t_\t_\t_\t_\n").line());
        assertEquals(2, failure(w1 + "1.2\tz\t_\t_\t_\t_\t_\t_\t_\t_\n").line());
    }

    @Test
    void emptyFormNamesLine() {
        ConlluException e = failure("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\t\tb\tX\tX\t_\t1\tdep\t_\t_\n");
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("FORM"), e.getMessage());
    }

    @Test
    void misplacedCommentsNameLine() {
        assertEquals(2, failure("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n# late\n").line());
        ConlluException noTokens = failure("# only a comment\n\n");
        assertEquals(2, noTokens.line());
        assertFalse(noTokens.problem().isEmpty());
    }
}
