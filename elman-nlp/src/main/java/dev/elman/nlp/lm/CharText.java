package dev.elman.nlp.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a training text and cutting it into a training and a validation part. */
public final class CharText {
    private CharText() {
    }

    /**
     * The contents of a UTF-8 file (a leading byte order mark is dropped).
     *
     * @throws IOException naming the file if it cannot be read, is empty or is not valid UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 (" + e.getMessage() + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw new IOException(file + ": the text is empty");
        }
        return text;
    }

    /**
     * Where the validation part of a text of {@code length} characters starts: the first
     * ⌊(1 − validFraction)·length⌋ characters train, the rest validate (the usual split of tiny-shakespeare: the
     * first 90% train, the last 10% validate).
     *
     * @throws IllegalArgumentException if either part would have fewer than 2 characters (one input, one target)
     */
    public static int splitPoint(int length, double validFraction) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validFraction);
        }
        int trainEnd = (int) (length * (1.0 - validFraction));
        if (trainEnd < 2 || length - trainEnd < 2) {
            throw new IllegalArgumentException("a text of " + length + " characters is too short to split into "
                    + "training and validation parts (fraction " + validFraction + ") of at least 2 characters each");
        }
        return trainEnd;
    }
}
