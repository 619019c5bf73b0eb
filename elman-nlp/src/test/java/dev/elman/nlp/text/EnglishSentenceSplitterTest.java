package dev.elman.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnglishSentenceSplitterTest {

    private static void check(String text, String... expected) {
        assertEquals(List.of(expected), EnglishSentenceSplitter.INSTANCE.split(text), text);
    }

    @Test
    void splitsAfterTerminalPunctuationBeforeACapital() {
        check("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday! Did he? Yes.",
                "Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday!", "Did he?", "Yes.");
        check("Wait... What?", "Wait...", "What?");
        check("He said \"Stop.\" Then he left.", "He said \"Stop.\"", "Then he left.");
        check("It ended (finally.) \"Next,\" she said.", "It ended (finally.)", "\"Next,\" she said.");
    }

    @Test
    void doesNotSplitAfterAbbreviationsOrBeforeLowerCase() {
        check("I like apples, e.g. Fuji. They are sweet.", "I like apples, e.g. Fuji.", "They are sweet.");
        check("Ask Dr. Who and Prof. X about it.", "Ask Dr. Who and Prof. X about it.");
        check("Version 2. it is. and so on", "Version 2. it is. and so on");
        check("See J. Smith et al. For details.", "See J. Smith et al. For details.");
        check("The U.S. Army won.", "The U.S. Army won.");
        check("Go to example.com. Now.", "Go to example.com.", "Now.");
    }

    @Test
    void keepsTextWithoutFinalPunctuationAndDropsBlanks() {
        check("Hello world", "Hello world");
        check("  Hi.  Bye  ", "Hi.", "Bye");
        check("");
        check("   ");
        assertEquals(List.of("as is. Really"), SentenceSplitter.wholeText().split("  as is. Really "));
        assertEquals(List.of(), SentenceSplitter.wholeText().split(" "));
    }
}
