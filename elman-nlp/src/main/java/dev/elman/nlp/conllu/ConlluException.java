package dev.elman.nlp.conllu;

import java.io.IOException;

/** Malformed CoNLL-U input; the message reads {@code source:line: problem}, the line 1-based. */
public final class ConlluException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;

    /**
     * @param source  the file name or other name of the input
     * @param line    the 1-based line number of the problem
     * @param problem what is wrong
     */
    public ConlluException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    /** As {@link #ConlluException(String, long, String)}, with the underlying cause. */
    public ConlluException(String source, long line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file name or other name of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem. */
    public long line() {
        return line;
    }

    /** What is wrong, without source and line. */
    public String problem() {
        return problem;
    }
}
