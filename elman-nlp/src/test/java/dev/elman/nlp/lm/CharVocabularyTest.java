package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharVocabularyTest {
    static final String AWKWARD = "To be, or not\tto be:\r\n\"that\" is \\ the question — é𝄞!";

    @Test
    void idsFollowCodePointOrderAndRoundTrip() {
        CharVocabulary v = CharVocabulary.of("banana");
        assertEquals(3, v.size());
        assertEquals('a', v.codePoint(0));
        assertEquals('b', v.codePoint(1));
        assertEquals('n', v.codePoint(2));
        assertArrayEquals(new int[]{1, 0, 2, 0, 2, 0}, v.encode("banana", "t"));
        assertEquals("banana", v.decode(v.encode("banana", "t")));
    }

    @Test
    void storedFormRoundTripsControlQuotesAndSupplementaryCharacters() {
        CharVocabulary v = CharVocabulary.of(AWKWARD);
        CharVocabulary back = CharVocabulary.parse(v.asString());
        assertEquals(v, back);
        assertEquals(AWKWARD.codePoints().distinct().count(), back.size());
        assertTrue(back.contains(0x1D11E));
        assertEquals(AWKWARD, back.decode(back.encode(AWKWARD, "t")));
    }

    @Test
    void unknownCharacterIsReportedWithLineAndColumn() {
        CharVocabulary v = CharVocabulary.of("ab\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.encode("ab\nbaz", "input.txt"));
        assertTrue(e.getMessage().startsWith("input.txt:2:3: character 'z' (U+007A)"), e.getMessage());
        assertEquals(-1, v.idOrMinusOne('z'));
        assertFalse(v.contains('z'));
    }

    @Test
    void malformedStoredFormsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.parse(""));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CharVocabulary.parse("abb"));
        assertTrue(dup.getMessage().contains("entry 2"), dup.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> CharVocabulary.parse("ba"));
        assertTrue(order.getMessage().contains("order"), order.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of("a\uD800"));
        assertThrows(IllegalArgumentException.class, () -> CharVocabulary.of("").codePoint(0));
    }

    @Test
    void idsOutsideTheVocabularyAreRejected() {
        CharVocabulary v = CharVocabulary.of("ab");
        assertThrows(IllegalArgumentException.class, () -> v.codePoint(2));
        assertThrows(IllegalArgumentException.class, () -> v.decode(new int[]{0, -1}));
    }
}
