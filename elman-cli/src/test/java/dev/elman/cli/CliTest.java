package dev.elman.cli;

import dev.elman.io.json.JsonObject;
import dev.elman.io.json.JsonNumber;
import dev.elman.io.json.JsonParser;
import dev.elman.nlp.conllu.ConlluReader;
import dev.elman.nlp.conllu.ConlluWriter;
import dev.elman.nlp.conllu.Sentence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line, run in-process with captured output. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path data(String relative) {
        String dir = System.getenv("ELMAN_DATA");
        if (dir == null || dir.isEmpty()) {
            dir = System.getenv("ELMAN_DATA_DEFAULT");
        }
        Path p = dir == null ? null : Path.of(dir, relative);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "data file not found: " + p);
        return p;
    }

    private static Path slice(Path from, Path to, int sentences) throws IOException {
        try (ConlluReader r = ConlluReader.open(from); ConlluWriter w = ConlluWriter.open(to)) {
            Sentence s;
            for (int i = 0; i < sentences && (s = r.read()) != null; i++) {
                w.write(s);
            }
        }
        return to;
    }

    @Test
    void gradcheckPassesAndFailsByThreshold() {
        assertEquals(0, run("gradcheck", "--layers", "2", "--bidirectional", "--truncation", "2"));
        assertThat(out()).contains("rnn.weight_hh_l1_reverse").contains("max relative error").contains("ok");
        assertEquals(1, run("gradcheck", "--threshold", "1e-300"));
        assertThat(out()).contains("FAIL");
    }

    @Test
    void trainEvaluateAndTagEndToEnd(@TempDir Path dir) throws IOException {
        Path train = slice(data("ud-en-ewt/en_ewt-ud-train.conllu"), dir.resolve("train.conllu"), 200);
        Path dev = slice(data("ud-en-ewt/en_ewt-ud-dev.conllu"), dir.resolve("dev.conllu"), 50);
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, run("tag", "train", "--train", train.toString(), "--dev", dev.toString(), "--out",
                model.toString(), "--epochs", "2", "--hidden", "16", "--layers", "1", "--quiet", "--baseline"), err());
        assertThat(model).exists();
        assertThat(dir.resolve("m.ff.safetensors")).exists();

        assertEquals(0, run("tag", "eval", "--model", model.toString(), "--test", dev.toString(), "--train",
                train.toString(), "--json"), err());
        JsonObject report = (JsonObject) assertDoesNotThrowParse(out());
        double acc = ((JsonNumber) report.get("accuracy")).doubleValue();
        assertThat(acc).isBetween(0.3, 1.0);
        JsonObject baselines = (JsonObject) report.get("baselines");
        assertThat(baselines.members()).containsKeys("most_frequent_tag", "recurrence_off");

        assertEquals(0, run("tag", "eval", "--model", model.toString(), "--test", dev.toString()), err());
        assertThat(out()).contains("accuracy").contains("unknown words").contains("confusion").contains("NOUN");

        Path text = dir.resolve("in.txt");
        Files.writeString(text, "I can swim.\nThe can is red.\n");
        assertEquals(0, run("tag", "run", "--model", model.toString(), "--input", text.toString()), err());
        assertThat(out().strip().split("\n")).hasSize(2);
        assertThat(out()).contains("can/").contains("swim/");

        Files.writeString(text, "I can swim.\n\nThe can is red.\n");
        assertEquals(0, run("tag", "run", "--model", model.toString(), "--input", text.toString()), err());
        assertThat(out().split("\n", -1)).as("a blank line marks the new paragraph").hasSize(4).contains("");
        assertEquals(0, run("tag", "run", "--model", model.toString(), "--input", text.toString(), "--format",
                "conllu"), err());
        assertThat(out()).contains("# newpar");

        assertEquals(0, run("tag", "run", "--model", model.toString(), "--input", dev.toString(),
                "--input-format", "conllu", "--format", "conllu"), err());
        assertThat(out()).contains("# sent_id").contains("\t");
    }

    private static Object assertDoesNotThrowParse(String json) {
        try {
            return JsonParser.parse(json.strip());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void badInputGivesAClearMessageAndANonZeroExit(@TempDir Path dir) throws IOException {
        assertEquals(1, run("tag", "eval", "--model", dir.resolve("absent.safetensors").toString()));
        assertThat(err()).contains("absent.safetensors");

        Path bad = dir.resolve("bad.conllu");
        Files.writeString(bad, "1\tI\tI\tPRON\n\n");
        assertEquals(1, run("tag", "train", "--train", bad.toString(), "--dev", bad.toString(), "--out",
                dir.resolve("m.safetensors").toString(), "--quiet"));
        assertThat(err()).contains("bad.conllu:1").contains("columns");

        Path notAModel = dir.resolve("junk.safetensors");
        Files.writeString(notAModel, "this is not a model");
        assertEquals(1, run("tag", "run", "--model", notAModel.toString()));
        assertThat(err()).contains("junk.safetensors");

        assertEquals(2, run("tag", "train", "--out", "x.safetensors", "--no-such-option"));
        assertThat(err()).contains("--no-such-option");
    }
}
