package dev.elman.nlp.conllu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentenceTest {

    private static Sentence sample() throws IOException {
        return ConlluReaderTest.readString(ConlluReaderTest.SAMPLE).get(0);
    }

    @Test
    void withTagsReplacesOnlyTheWordsColumn() throws IOException {
        Sentence s = sample();
        List<String> tags = List.of("A", "B", "C", "D", "E");
        Sentence u = s.withTags(TagColumn.UPOS, tags);
        assertEquals(tags, u.tags(TagColumn.UPOS));
        assertEquals(s.tags(TagColumn.XPOS), u.tags(TagColumn.XPOS));
        assertEquals(s.comments(), u.comments());
        assertEquals(s.tokens().get(1), u.tokens().get(1), "range untouched");
        assertEquals(s.tokens().get(5), u.tokens().get(5), "empty node untouched");
        String expected = s.toString().replace("\tPRON\tPRP\t", "\tA\tPRP\t").replace("\tAUX\tVBP\t", "\tB\tVBP\t")
                .replace("\tPART\tRB\t", "\tC\tRB\t").replace("4\tsleep\tsleep\tVERB", "4\tsleep\tsleep\tD")
                .replace("\tPUNCT\t.\t", "\tE\t.\t");
        assertEquals(expected, u.toString());

        Sentence x = s.withTags(TagColumn.XPOS, tags);
        assertEquals(tags, x.tags(TagColumn.XPOS));
        assertEquals(s.tags(TagColumn.UPOS), x.tags(TagColumn.UPOS));
        assertEquals(s, s.withTags(TagColumn.UPOS, s.tags(TagColumn.UPOS)));
        assertNotEquals(s, u);
    }

    @Test
    void withTagsRejectsWrongCountAndBadTags() throws IOException {
        Sentence s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withTags(TagColumn.UPOS, List.of("X")));
        assertTrue(e.getMessage().contains("expected 5 tags"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withTags(TagColumn.XPOS, List.of("A", "B", "", "D", "E")));
        assertThrows(IllegalArgumentException.class,
                () -> s.withTags(TagColumn.XPOS, List.of("A", "B", "C\tX", "D", "E")));
    }

    @Test
    void ofFormsBuildsPlainWords() {
        Sentence s = Sentence.ofForms(List.of("# text = I ca n't"), List.of("I", "ca", "n't"));
        assertEquals(List.of("I", "ca", "n't"), s.forms());
        assertEquals(List.of("_", "_", "_"), s.tags(TagColumn.UPOS));
        assertEquals(Optional.of("I ca n't"), s.text());
        assertEquals("# text = I ca n't\n1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n"
                + "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\n", s.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sentence.ofForms(List.of(), List.of("a", "")));
        assertTrue(e.getMessage().startsWith("form 1: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sentence.ofForms(List.of(), List.of()));
    }

    @Test
    void ofValidatesOrderAndComments() {
        Token w1 = Token.word(1, "a");
        Token w2 = Token.word(2, "b");
        assertEquals(2, Sentence.of(List.of(), List.of(w1, w2)).words().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sentence.of(List.of(), List.of(w2, w1)));
        assertTrue(e.getMessage().startsWith("token 0: word ID 2 out of order"), e.getMessage());
        Token range = Token.parse("1-3\tabc\t_\t_\t_\t_\t_\t_\t_\t_");
        e = assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of(), List.of(range, w1, w2)));
        assertTrue(e.getMessage().startsWith("token 0: range 1-3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of("no hash"), List.of(w1)));
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of("# a\nb"), List.of(w1)));
    }

    @Test
    void metadataParsesKeyValueComments() {
        Sentence s = Sentence.ofForms(List.of("# newdoc id = d1", "#text=  spaced ", "# text_en = no"),
                List.of("x"));
        assertEquals(Optional.of("d1"), s.metadata("newdoc id"));
        assertEquals(Optional.of("spaced"), s.text());
        assertEquals(Optional.of("no"), s.metadata("text_en"));
        assertEquals(Optional.empty(), s.sentId());
    }

    @Test
    void tokenParseAndToLineAgree() {
        String line = "10.2\ta b\t_\tX\tY\t_\t_\t_\t3:dep\tSpaceAfter=No";
        Token t = Token.parse(line);
        assertEquals(TokenKind.EMPTY, t.kind());
        assertEquals("a b", t.form());
        assertEquals(line, t.toLine());
        assertEquals("3-4", TokenId.parse("3-4").toString());
        assertThrows(IllegalArgumentException.class, () -> Token.parse(line + "\textra"));
        assertThrows(IllegalArgumentException.class, () -> TokenId.parse("3-"));
        assertThrows(IllegalArgumentException.class, () -> TokenId.parse("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> TokenId.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> TokenId.parse("99999999999"));
    }
}
