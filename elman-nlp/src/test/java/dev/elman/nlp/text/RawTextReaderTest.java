package dev.elman.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTextReaderTest {

    private static List<RawSentence> readAll(RawTextReader reader) throws IOException {
        List<RawSentence> out = new ArrayList<>();
        try (reader) {
            for (RawSentence s = reader.read(); s != null; s = reader.read()) {
                out.add(s);
            }
            assertNull(reader.read());
        }
        return out;
    }

    @Test
    void readsEnglishLineByLineWithParagraphs() throws IOException {
        String text = "\uFEFFI can't go. She won't!\r\nThird line\n\n\n  New paragraph here.\n";
        List<RawSentence> s = readAll(RawTextReader.english(new StringReader(text)));
        assertEquals(List.of(
                new RawSentence("I can't go.", List.of("I", "ca", "n't", "go", "."), 1, true),
                new RawSentence("She won't!", List.of("She", "wo", "n't", "!"), 1, false),
                new RawSentence("Third line", List.of("Third", "line"), 2, false),
                new RawSentence("New paragraph here.", List.of("New", "paragraph", "here", "."), 5, true)), s);
    }

    @Test
    void readsPretokenizedChineseOneSentencePerLine() throws IOException {
        String text = "我 吃 苹果 。 你 呢 ？\n\n他\u3000来 了\n";
        List<RawSentence> s = readAll(RawTextReader.pretokenized(new StringReader(text)));
        assertEquals(2, s.size());
        assertEquals(List.of("我", "吃", "苹果", "。", "你", "呢", "？"), s.get(0).tokens());
        assertEquals(List.of("他", "来", "了"), s.get(1).tokens());
        assertEquals(3, s.get(1).line());
        assertEquals(true, s.get(1).paragraphStart());
    }

    @Test
    void emptyInputHasNoSentences() throws IOException {
        assertEquals(List.of(), readAll(RawTextReader.english(new StringReader("\n \n"))));
    }

    @Test
    void whitespaceTokenizerSplitsOnAllSpaces() {
        assertEquals(List.of("我", "吃", "苹果", "了", "吗"),
                WhitespaceTokenizer.INSTANCE.tokenize(" 我 吃\u3000苹果\t了\u00A0吗\n"));
        assertEquals(List.of(), WhitespaceTokenizer.INSTANCE.tokenize(""));
    }
}
