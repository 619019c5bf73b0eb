package dev.elman.io;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A model file (or byte array) that is malformed or lacks what the caller needs. The message names the source,
 * the tensor when one is concerned, and the problem.
 */
public class ModelFormatException extends IOException {
    private final String source;
    private final String tensor;
    private final String problem;

    /**
     * @param source  where the data came from (a file path, or {@code "bytes"})
     * @param tensor  the tensor concerned, or {@code null} for a file-level problem
     * @param problem what is wrong, e.g. expected versus actual
     */
    public ModelFormatException(String source, String tensor, String problem) {
        this(source, tensor, problem, null);
    }

    /** As {@link #ModelFormatException(String, String, String)}, with the underlying cause. */
    public ModelFormatException(String source, String tensor, String problem, Throwable cause) {
        super(message(source, tensor, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.tensor = tensor;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String message(String source, String tensor, String problem) {
        return tensor == null ? source + ": " + problem : source + ": tensor \"" + tensor + "\": " + problem;
    }

    /** Where the data came from. */
    public String source() {
        return source;
    }

    /** The tensor concerned, if the problem is about one. */
    public Optional<String> tensor() {
        return Optional.ofNullable(tensor);
    }

    /** The problem, without source and tensor. */
    public String problem() {
        return problem;
    }
}
