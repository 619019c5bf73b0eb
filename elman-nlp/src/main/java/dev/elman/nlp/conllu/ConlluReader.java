package dev.elman.nlp.conllu;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads CoNLL-U one sentence at a time, holding only the current sentence in memory.
 *
 * <p>Tolerated: a byte order mark, CRLF (or CR) line ends, a missing blank line after the last sentence, several
 * blank lines between sentences, and whitespace-only lines (taken as blank). Everything else that is malformed is a
 * {@link ConlluException} naming the source and line: a wrong column count, a bad or out-of-order ID, a range not
 * matched by the words after it, an empty column (e.g. FORM), a comment among the token lines, comments without
 * tokens, invalid UTF-8. Not thread-safe.
 */
public final class ConlluReader implements Closeable {
    private final BufferedReader in;
    private final String source;
    private long line;
    private boolean done;

    /**
     * @param in     the text; wrapped in a {@link BufferedReader} unless it is one
     * @param source the name used in error messages (e.g. the file name)
     */
    public ConlluReader(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        this.source = source;
    }

    /** Opens a UTF-8 file; errors name the file's path. */
    public static ConlluReader open(Path file) throws IOException {
        return new ConlluReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Reads a whole UTF-8 file into memory (for small files; use {@link #read()} or {@link #stream()} for big). */
    public static List<Sentence> readAll(Path file) throws IOException {
        try (ConlluReader r = open(file)) {
            List<Sentence> out = new ArrayList<>();
            for (Sentence s = r.read(); s != null; s = r.read()) {
                out.add(s);
            }
            return out;
        }
    }

    /** The name used in error messages. */
    public String source() {
        return source;
    }

    /** The number of lines read so far (the 1-based number of the last line read). */
    public long lineNumber() {
        return line;
    }

    /**
     * The next sentence, or null at the end of the input.
     *
     * @throws ConlluException if the input is malformed (after which this reader should not be used)
     * @throws IOException     if reading fails
     */
    public Sentence read() throws IOException {
        if (done) {
            return null;
        }
        List<String> comments = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        SentenceChecker checker = new SentenceChecker();
        String text;
        while ((text = nextLine()) != null) {
            if (text.isBlank()) {
                if (tokens.isEmpty() && comments.isEmpty()) {
                    continue;
                }
                return finish(comments, tokens, checker);
            }
            if (text.charAt(0) == '#') {
                if (!tokens.isEmpty()) {
                    throw error("comment line among the token lines (comments must precede a sentence's tokens)");
                }
                comments.add(text);
                continue;
            }
            Token token;
            try {
                token = Token.parse(text);
                checker.accept(token.id(), line);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            tokens.add(token);
        }
        done = true;
        return tokens.isEmpty() && comments.isEmpty() ? null : finish(comments, tokens, checker);
    }

    private String nextLine() throws IOException {
        String text;
        try {
            text = in.readLine();
        } catch (CharacterCodingException e) {
            throw new ConlluException(source, line + 1, "invalid UTF-8 at or after this line (" + e + ")", e);
        }
        if (text == null) {
            return null;
        }
        line++;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    private Sentence finish(List<String> comments, List<Token> tokens, SentenceChecker checker)
            throws ConlluException {
        if (tokens.isEmpty()) {
            throw error("comment lines without token lines");
        }
        try {
            checker.finish();
        } catch (IllegalArgumentException e) {
            throw new ConlluException(source, checker.hasPendingRange() ? checker.pendingRangeWhere() : line,
                    e.getMessage());
        }
        return Sentence.trusted(comments, tokens);
    }

    private ConlluException error(String problem) {
        return new ConlluException(source, line, problem);
    }

    /**
     * The remaining sentences as a lazy sequential stream; a {@link ConlluException} (or other I/O error) surfaces
     * as an {@link UncheckedIOException} whose cause it is. Closing the stream closes this reader.
     */
    public Stream<Sentence> stream() {
        Iterator<Sentence> it = new Iterator<>() {
            private Sentence next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Sentence next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Sentence s = next;
                next = null;
                return s;
            }
        };
        Spliterator<Sentence> sp = Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(sp, false).onClose(() -> {
            try {
                close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        done = true;
        in.close();
    }
}
