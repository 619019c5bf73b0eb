package dev.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman lm}: a tiny end-to-end run and the error paths (exit codes and messages). */
class LmCommandTest {

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path text(Path dir) throws IOException {
        Path t = dir.resolve("text.txt");
        Files.writeString(t, "the cat sat on the mat.\nthe dog sat on the log.\n".repeat(20));
        return t;
    }

    @Test
    void trainSampleAndEvalATinyModel(@TempDir Path dir) throws IOException {
        Path text = text(dir);
        Path model = dir.resolve("m.safetensors");
        Run train = run("lm", "train", "--text", text.toString(), "--out", model.toString(), "--hidden", "8",
                "--layers", "2", "--epochs", "2", "--batch", "4", "--seq-len", "16", "--quiet");
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.isRegularFile(model));

        Run sample = run("lm", "sample", "--model", model.toString(), "--prime", "the ", "--length", "40",
                "--temperature", "0");
        assertEquals(0, sample.code(), sample.err());
        assertEquals("the ".length() + 40 + 1, sample.out().length(), "prime, 40 characters, a newline");
        assertTrue(sample.out().startsWith("the "));
        assertEquals(sample.out(), run("lm", "sample", "--model", model.toString(), "--prime", "the ",
                "--length", "40", "--temperature", "0", "--seed", "9").out(), "temperature 0 ignores the seed");

        Run eval = run("lm", "eval", "--model", model.toString(), "--text", text.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("validation split") && eval.out().contains("bits/char"), eval.out());
        Run whole = run("lm", "eval", "--model", model.toString(), "--text", text.toString(), "--whole", "--json");
        assertEquals(0, whole.code(), whole.err());
        assertTrue(whole.out().contains("\"part\":\"whole\""), whole.out());
    }

    @Test
    void missingFilesGiveAClearMessageAndExitCode1(@TempDir Path dir) throws IOException {
        Run train = run("lm", "train", "--text", dir.resolve("absent.txt").toString(), "--out",
                dir.resolve("m.safetensors").toString());
        assertEquals(1, train.code());
        assertTrue(train.err().startsWith("elman: no such file: ") && train.err().contains("absent.txt"),
                train.err());

        Run sample = run("lm", "sample", "--model", dir.resolve("absent.safetensors").toString());
        assertEquals(1, sample.code());
        assertTrue(sample.err().contains("no such file") && sample.err().contains("absent.safetensors"),
                sample.err());

        Run eval = run("lm", "eval", "--model", dir.resolve("absent.safetensors").toString(), "--text",
                text(dir).toString());
        assertEquals(1, eval.code());
        assertTrue(eval.err().contains("no such file"), eval.err());

        Path noFolder = dir.resolve("absent-folder");
        Run metrics = run("lm", "train", "--text", text(dir).toString(), "--out", dir.resolve("m.safetensors")
                .toString(), "--hidden", "4", "--epochs", "1", "--metrics", noFolder.resolve("m.csv").toString());
        assertEquals(1, metrics.code());
        assertTrue(metrics.err().contains("elman: no such folder: " + noFolder), metrics.err());
        assertTrue(!Files.exists(dir.resolve("m.safetensors")), "nothing written when the run cannot start");
    }

    @Test
    void checkpointAndMetricsOptionsReachTheTrainer(@TempDir Path dir) throws IOException {
        Path metrics = dir.resolve("m.jsonl");
        Path checkpoints = dir.resolve("ck");
        Run train = run("lm", "train", "--text", text(dir).toString(), "--out", dir.resolve("m.safetensors")
                .toString(), "--hidden", "4", "--epochs", "1", "--batch", "4", "--seq-len", "16", "--quiet",
                "--metrics", metrics.toString(), "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "2");
        assertEquals(0, train.code(), train.err());
        assertEquals("", train.err(), "--quiet");
        assertTrue(Files.readString(metrics).startsWith("{"), "one JSON object per line");
        assertTrue(Files.isDirectory(checkpoints) && Files.list(checkpoints).findAny().isPresent());
    }

    @Test
    void badModelsPrimesAndOptionsAreReported(@TempDir Path dir) throws IOException {
        Path text = text(dir);
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not a model");
        Run corrupt = run("lm", "sample", "--model", junk.toString());
        assertEquals(1, corrupt.code());
        assertTrue(corrupt.err().startsWith("elman: ") && corrupt.err().contains("junk.safetensors"), corrupt.err());

        Path model = dir.resolve("m.safetensors");
        assertEquals(0, run("lm", "train", "--text", text.toString(), "--out", model.toString(), "--hidden", "4",
                "--epochs", "1", "--batch", "2", "--seq-len", "8", "--quiet").code());
        Run prime = run("lm", "sample", "--model", model.toString(), "--prime", "ROMEO:");
        assertEquals(1, prime.code());
        assertTrue(prime.err().contains("prime:1:1: character 'R'"), prime.err());
        Run temperature = run("lm", "sample", "--model", model.toString(), "--temperature", "-1");
        assertEquals(1, temperature.code());
        assertTrue(temperature.err().contains("temperature"), temperature.err());
        Run usage = run("lm", "train", "--text", text.toString());
        assertEquals(2, usage.code(), "a missing required option is a usage error");
        assertTrue(usage.err().contains("--out"), usage.err());
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "the cat\nsat on Zed\n");
        Run unknown = run("lm", "eval", "--model", model.toString(), "--text", other.toString(), "--whole");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("other.txt:2:8: character 'Z'"), unknown.err());
    }
}
