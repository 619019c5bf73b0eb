package dev.elman.nlp.conllu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the real UD files and writes them back, comparing SHA-256 of input and output (streaming, no copies). */
class ConlluRoundTripTest {

    static Path dataDir() {
        String dir = System.getenv("ELMAN_DATA");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("ELMAN_DATA_DEFAULT");
        }
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    @ParameterizedTest
    @CsvSource({
            "ud-en-ewt/en_ewt-ud-train.conllu, 12544, 204577",
            "ud-en-ewt/en_ewt-ud-dev.conllu, 2001, 25147",
            "ud-en-ewt/en_ewt-ud-test.conllu, 2077, 25094",
            "ud-zh-gsdsimp/zh_gsdsimp-ud-dev.conllu, 500, -1",
            "ud-zh-gsdsimp/zh_gsdsimp-ud-test.conllu, 500, -1"})
    void readWriteReproducesTheFile(String name, int sentences, int words) throws IOException,
            NoSuchAlgorithmException {
        Path data = dataDir();
        assumeTrue(data != null && Files.isRegularFile(data.resolve(name)), "no data at " + data + "/" + name);
        Path file = data.resolve(name);

        MessageDigest written = MessageDigest.getInstance("SHA-256");
        int sentenceCount = 0;
        long wordCount = 0;
        long tagged = 0;
        try (ConlluReader reader = ConlluReader.open(file);
             ConlluWriter writer = new ConlluWriter(new OutputStreamWriter(
                     new DigestOutputStream(OutputStream.nullOutputStream(), written), StandardCharsets.UTF_8))) {
            for (Sentence s = reader.read(); s != null; s = reader.read()) {
                sentenceCount++;
                wordCount += s.words().size();
                for (String tag : s.tags(TagColumn.UPOS)) {
                    tagged += tag.equals("_") ? 0 : 1;
                }
                writer.write(s);
            }
        }
        assertEquals(sentences, sentenceCount, "sentences in " + name);
        if (words >= 0) {
            assertEquals(words, wordCount, "words in " + name);
        }
        assertEquals(wordCount, tagged, "every word has a UPOS tag in " + name);
        assertArrayEquals(sha256(file), written.digest(), "round trip of " + name + " is byte-identical");
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
