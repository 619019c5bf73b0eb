package dev.elman.io;

import java.io.IOException;

/**
 * An action on a value that may fail with an {@link IOException}.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /** Performs the action on {@code value}. */
    void accept(T value) throws IOException;
}
