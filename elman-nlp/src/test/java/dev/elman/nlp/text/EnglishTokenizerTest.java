package dev.elman.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnglishTokenizerTest {

    private static final Tokenizer EWT = EnglishTokenizer.ewt();

    private static void check(String text, String... expected) {
        assertEquals(List.of(expected), EWT.tokenize(text), text);
    }

    @Test
    void splitsNegationLikeEwt() {
        check("I can't go", "I", "ca", "n't", "go");
        check("don't", "do", "n't");
        check("Won't they? Ain't it", "Wo", "n't", "they", "?", "Ai", "n't", "it");
        check("DOESN'T", "DOES", "N'T");
        check("don’t", "do", "n’t");
        check("I cannot", "I", "can", "not");
        check("dont", "do", "nt");
    }

    @Test
    void splitsOtherClitics() {
        check("I'm sure they're here, we've seen it and she'll say he'd come",
                "I", "'m", "sure", "they", "'re", "here", ",", "we", "'ve", "seen", "it", "and", "she", "'ll", "say",
                "he", "'d", "come");
        check("It's John's", "It", "'s", "John", "'s");
        check("the students' books", "the", "students", "'", "books");
        check("gonna wanna gotta", "gon", "na", "wan", "na", "got", "ta");
        check("in the '90s", "in", "the", "'90s");
        check("it 's", "it", "'s");
        check("O'Neil", "O'Neil");
    }

    @Test
    void keepsAbbreviationsAndInitials() {
        check("He moved to the U.S. in 1990", "He", "moved", "to", "the", "U.S.", "in", "1990");
        check("Mr. Smith met Dr. J. Doe, e.g. at 5 p.m. today", "Mr.", "Smith", "met", "Dr.", "J.", "Doe", ",",
                "e.g.", "at", "5", "p.m.", "today");
        check("apples, pears etc. and more", "apples", ",", "pears", "etc.", "and", "more");
        check("So did I.", "So", "did", "I", ".");
    }

    @Test
    void splitsTheFinalPeriodOffAnAbbreviationEndingTheText() {
        check("They live in the U.S.", "They", "live", "in", "the", "U.S", ".");
        check("apples, pears etc.", "apples", ",", "pears", "etc", ".");
        check("in the U.S..", "in", "the", "U.S.", ".");
    }

    @Test
    void keepsNumbers() {
        check("It costs $3.5 or 1,000 dollars (10%).", "It", "costs", "$", "3.5", "or", "1,000", "dollars", "(",
                "10", "%", ")", ".");
        check("at 7:30, on 12/25/2004", "at", "7:30", ",", "on", "12/25/2004");
        check("call 853-3242 or 713-654-0365", "call", "853-3242", "or", "713-654-0365");
        check("from 1969-1970", "from", "1969", "-", "1970");
        check("at 5pm on the 29th", "at", "5", "pm", "on", "the", "29th");
        check("-0.39", "-", "0.39");
    }

    @Test
    void keepsUrlsAndEmailsWhole() {
        check("Visit http://example.com/a?b=c, or mail jo.doe@example.org.", "Visit", "http://example.com/a?b=c",
                ",", "or", "mail", "jo.doe@example.org", ".");
        check("(see www.example.com)", "(", "see", "www.example.com", ")");
        check("google.com rocks", "google.com", "rocks");
    }

    @Test
    void splitsPunctuation() {
        check("Wait... what?! Really!!!", "Wait", "...", "what", "?!", "Really", "!!!");
        check("wait...what", "wait", "...", "what");
        check("\"Hello,\" she said: 'no'.", "\"", "Hello", ",", "\"", "she", "said", ":", "'", "no", "'", ".");
        check("yes--no — maybe…", "yes", "--", "no", "—", "maybe", "…");
        check("one,two;three", "one", ",", "two", ";", "three");
        check("and/or b/c", "and", "/", "or", "b/c");
        check("account(s)", "account", "(", "s", ")");
        check("nice :)", "nice", ":)");
        check("“Quoted”", "“", "Quoted", "”");
    }

    @Test
    void hyphensFollowTheChosenStyle() {
        check("a well-known e-mail from a co-worker about an F-16", "a", "well", "-", "known", "e-mail", "from", "a",
                "co-worker", "about", "an", "F", "-", "16");
        assertEquals(List.of("a", "well-known", "e-mail", "1969-1970"),
                EnglishTokenizer.keepingHyphens().tokenize("a well-known e-mail 1969-1970"));
    }

    @Test
    void blankTextHasNoTokensAndWhitespaceNeverAppears() {
        assertEquals(List.of(), EWT.tokenize(""));
        assertEquals(List.of(), EWT.tokenize(" \t\u00A0 "));
        check("  two\u00A0words\t", "two", "words");
        for (String t : EWT.tokenize("A \"mixed\" (text) -- with: all; sorts... of, things! U.S. $5 e-mail's")) {
            assertEquals(t.strip(), t);
            assertEquals(false, t.isEmpty());
        }
    }
}
