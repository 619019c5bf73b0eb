package dev.elman.nlp.interop;

import dev.elman.io.json.JsonArray;
import dev.elman.io.json.JsonNumber;
import dev.elman.io.json.JsonObject;
import dev.elman.io.json.JsonParser;
import dev.elman.math.Activation;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.WordFeatures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interop proof: tools/torch_load.py reads elman tagger files with numpy and json alone, builds plain
 * nn.Embedding + nn.RNN + nn.Linear modules under PyTorch's own parameter names (strict load), runs a ragged batch
 * through pack_sequence, and its logits match elman's.
 *
 * <p>Tolerance, per logit: |torch − elman| ≤ 1e-5·|elman| + 1e-6 (relative 1e-5 with an absolute floor of 1e-6 for
 * logits near zero); both sides compute in float32 in different summation orders.
 */
class TorchInteropTest {
    static final double REL = 1e-5;
    static final double ABS = 1e-6;

    @TempDir
    Path dir;

    @Test
    void pytorchReproducesTheLogitsOfSavedTaggers() throws IOException {
        Optional<String> python = Python.withModules("torch", "numpy");
        Assumptions.assumeTrue(python.isPresent(),
                "SKIPPED: no python3 with torch and numpy (install Debian's python3-torch, or set ELMAN_PYTHON)");
        List<TaggerConfig> configs = List.of(
                small().build(),
                small().layers(1).bidirectional(false).activation(Activation.RELU).affixDim(0).build(),
                small().recurrent(false).shapeDim(0).build());
        List<String> command = new ArrayList<>(List.of(python.get(), Python.tool("torch_load.py").toString()));
        List<double[][][]> expected = new ArrayList<>();
        for (int c = 0; c < configs.size(); c++) {
            TaggerModel trained = TinyTagger.train(configs.get(c), 17 + c, 5);
            Path model = dir.resolve("tagger" + c + ".safetensors");
            TaggerModelFile.save(trained, model);
            TaggerModel loaded = TaggerModelFile.load(model, TinyTagger.KERNELS);
            List<int[]> ids = TinyTagger.ids(loaded, TinyTagger.BATCH);
            expected.add(TinyTagger.logits(loaded, ids));
            Path input = dir.resolve("input" + c + ".json");
            Files.writeString(input, "{\"ids\": " + idsJson(ids) + "}", StandardCharsets.UTF_8);
            command.addAll(List.of("--model", model.toString(), "--input", input.toString(),
                    "--out", dir.resolve("out" + c + ".json").toString()));
        }
        Python.Result r = Python.run(command);
        assertEquals(0, r.exitCode(), () -> "torch_load.py failed:\n" + r.stderr());
        for (int c = 0; c < configs.size(); c++) {
            JsonObject out = (JsonObject) JsonParser.parse(Files.readString(dir.resolve("out" + c + ".json")));
            assertClose(expected.get(c), (JsonArray) out.get("logits"), "config " + c);
        }
    }

    private static TaggerConfig.Builder small() {
        return TaggerConfig.builder().formDim(7).affixDim(3).shapeDim(2).hidden(6).layers(2).bidirectional(true)
                .minFormCount(1).minAffixCount(1).wordDropout(0.25).inputDropout(0.1);
    }

    static String idsJson(List<int[]> ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int s = 0; s < ids.size(); s++) {
            sb.append(s == 0 ? "[" : ", [");
            int[] a = ids.get(s);
            for (int i = 0; i < a.length; i++) {
                sb.append(i % WordFeatures.KINDS == 0 ? (i == 0 ? "[" : "], [") : ", ").append(a[i]);
            }
            sb.append("]]");
        }
        return sb.append("]").toString();
    }

    static void assertClose(double[][][] expected, JsonArray actual, String what) {
        assertEquals(expected.length, actual.size(), what + ": sentences");
        for (int s = 0; s < expected.length; s++) {
            JsonArray sentence = (JsonArray) actual.get(s);
            assertEquals(expected[s].length, sentence.size(), what + ": tokens of sentence " + s);
            for (int t = 0; t < expected[s].length; t++) {
                JsonArray row = (JsonArray) sentence.get(t);
                assertEquals(expected[s][t].length, row.size(), what + ": classes");
                for (int j = 0; j < row.size(); j++) {
                    double e = expected[s][t][j];
                    double a = ((JsonNumber) row.get(j)).doubleValue();
                    int fs = s;
                    int ft = t;
                    int fj = j;
                    assertTrue(Math.abs(a - e) <= REL * Math.abs(e) + ABS,
                            () -> what + ": logit [" + fs + "][" + ft + "][" + fj + "] torch " + a + " vs elman " + e);
                }
            }
        }
    }
}
