package dev.elman.nlp.text;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Streams raw text as tokenized sentences, reading one line at a time: each line holds one or more sentences (a
 * sentence never spans lines) and a blank line is a paragraph break. A byte order mark at the start is skipped.
 * Not thread-safe.
 */
public final class RawTextReader implements Closeable {
    private final BufferedReader in;
    private final SentenceSplitter splitter;
    private final Tokenizer tokenizer;
    private final Deque<RawSentence> pending = new ArrayDeque<>();
    private long line;
    private boolean paragraphStart = true;

    /**
     * @param in        the text; wrapped in a {@link BufferedReader} unless it is one
     * @param splitter  how a line splits into sentences
     * @param tokenizer how a sentence splits into tokens
     */
    public RawTextReader(Reader in, SentenceSplitter splitter, Tokenizer tokenizer) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.splitter = splitter;
        this.tokenizer = tokenizer;
    }

    /** English running text: {@link EnglishSentenceSplitter} and {@link EnglishTokenizer#ewt()}. */
    public static RawTextReader english(Reader in) {
        return new RawTextReader(in, EnglishSentenceSplitter.INSTANCE, EnglishTokenizer.ewt());
    }

    /** Pre-segmented text, one sentence per line, tokens separated by spaces (e.g. Chinese). */
    public static RawTextReader pretokenized(Reader in) {
        return new RawTextReader(in, SentenceSplitter.wholeText(), WhitespaceTokenizer.INSTANCE);
    }

    /** The next sentence, or null at the end of the input. */
    public RawSentence read() throws IOException {
        while (pending.isEmpty()) {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                paragraphStart = true;
                continue;
            }
            for (String sentence : splitter.split(text)) {
                List<String> tokens = tokenizer.tokenize(sentence);
                if (!tokens.isEmpty()) {
                    pending.add(new RawSentence(sentence, tokens, line, paragraphStart));
                    paragraphStart = false;
                }
            }
        }
        return pending.poll();
    }

    /** The number of lines read so far. */
    public long lineNumber() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
