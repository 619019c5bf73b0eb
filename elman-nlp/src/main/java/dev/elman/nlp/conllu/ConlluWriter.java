package dev.elman.nlp.conllu;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes sentences as CoNLL-U: the comment lines, the token lines, then a blank line, each ended by LF. A
 * well-formed LF file read by {@link ConlluReader} and written back is reproduced byte for byte. Output is buffered:
 * call {@link #flush()} or {@link #close()}. Not thread-safe.
 */
public final class ConlluWriter implements Closeable, Flushable {
    private final Writer out;

    /** @param out where to write; wrapped in a {@link BufferedWriter} unless it is one */
    public ConlluWriter(Writer out) {
        this.out = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
    }

    /** Creates (or truncates) a UTF-8 file. */
    public static ConlluWriter open(Path file) throws IOException {
        return new ConlluWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Writes one sentence and its terminating blank line. */
    public void write(Sentence sentence) throws IOException {
        for (String c : sentence.comments()) {
            out.write(c);
            out.write('\n');
        }
        for (Token t : sentence.tokens()) {
            writeToken(t);
        }
        out.write('\n');
    }

    private void writeToken(Token t) throws IOException {
        out.write(t.id().toString());
        String[] columns = {t.form(), t.lemma(), t.upos(), t.xpos(), t.feats(), t.head(), t.deprel(), t.deps(),
                t.misc()};
        for (String c : columns) {
            out.write('\t');
            out.write(c);
        }
        out.write('\n');
    }

    /** One sentence as CoNLL-U text, ending with the blank line. */
    public static String format(Sentence sentence) {
        StringBuilder sb = new StringBuilder();
        for (String c : sentence.comments()) {
            sb.append(c).append('\n');
        }
        for (Token t : sentence.tokens()) {
            sb.append(t.toLine()).append('\n');
        }
        return sb.append('\n').toString();
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
