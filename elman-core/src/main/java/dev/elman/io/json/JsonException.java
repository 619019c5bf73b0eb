package dev.elman.io.json;

import java.io.IOException;

/** Text that is not valid JSON (or breaks a parser limit); the message says what and where. */
public class JsonException extends IOException {
    private final int offset;

    /**
     * @param message what is wrong, including the position
     * @param offset  the character offset in the parsed text where the problem was found
     */
    public JsonException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** The character offset in the parsed text where the problem was found. */
    public int offset() {
        return offset;
    }
}
