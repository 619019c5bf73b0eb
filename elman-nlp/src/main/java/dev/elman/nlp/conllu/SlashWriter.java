package dev.elman.nlp.conllu;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes tagged sentences in the {@link SlashFormat}, one sentence per LF-terminated line. Output is buffered: call
 * {@link #flush()} or {@link #close()}. Not thread-safe.
 */
public final class SlashWriter implements Closeable, Flushable {
    private final Writer out;

    /** @param out where to write; wrapped in a {@link BufferedWriter} unless it is one */
    public SlashWriter(Writer out) {
        this.out = out instanceof BufferedWriter b ? b : new BufferedWriter(out);
    }

    /** Writes one sentence line; see {@link SlashFormat#format(List, List)} for what is rejected. */
    public void write(List<String> forms, List<String> tags) throws IOException {
        out.write(SlashFormat.format(forms, tags));
        out.write('\n');
    }

    /** Writes the words of a sentence with the given tag column. */
    public void write(Sentence sentence, TagColumn column) throws IOException {
        write(sentence.forms(), sentence.tags(column));
    }

    /** Writes an empty line (e.g. a paragraph break of the input). */
    public void writeBlankLine() throws IOException {
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
