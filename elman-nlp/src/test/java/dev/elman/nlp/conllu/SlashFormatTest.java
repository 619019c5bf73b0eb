package dev.elman.nlp.conllu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashFormatTest {

    @Test
    void formatsOneSentencePerLine() throws IOException {
        StringWriter sw = new StringWriter();
        try (SlashWriter w = new SlashWriter(sw)) {
            w.write(List.of("我", "吃", "苹果"), List.of("PRON", "VERB", "NOUN"));
            w.writeBlankLine();
            w.write(ConlluReaderTest.readString(ConlluReaderTest.SAMPLE).get(0), TagColumn.XPOS);
        }
        assertEquals("我/PRON 吃/VERB 苹果/NOUN\n\nThey/PRP do/VBP n't/RB sleep/VB ./.\n", sw.toString());
    }

    @Test
    void tagIsAfterTheLastSlash() {
        String line = SlashFormat.format(List.of("and/or", "/", "1/2"), List.of("CCONJ", "SYM", "NUM"));
        assertEquals("and/or/CCONJ //SYM 1/2/NUM", line);
        assertEquals(List.of(new SlashFormat.Item("and/or", "CCONJ"), new SlashFormat.Item("/", "SYM"),
                new SlashFormat.Item("1/2", "NUM")), SlashFormat.parse(line));
    }

    @Test
    void whitespaceInFormsBecomesUnderscore() {
        assertEquals("New_York/PROPN a_b/X", SlashFormat.format(List.of("New York", "a\u00A0b"),
                List.of("PROPN", "X")));
    }

    @Test
    void rejectsAmbiguousTagsAndMismatchedCounts() {
        assertThrows(IllegalArgumentException.class, () -> SlashFormat.format(List.of("a"), List.of("A/B")));
        assertThrows(IllegalArgumentException.class, () -> SlashFormat.format(List.of("a"), List.of("A B")));
        assertThrows(IllegalArgumentException.class, () -> SlashFormat.format(List.of("a"), List.of("")));
        assertThrows(IllegalArgumentException.class, () -> SlashFormat.format(List.of(""), List.of("X")));
        assertThrows(IllegalArgumentException.class, () -> SlashFormat.format(List.of("a", "b"), List.of("X")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlashFormat.parse("a/X b c/"));
        assertTrue(e.getMessage().contains("item 2 'b'"), e.getMessage());
    }
}
