package dev.elman.onnx;

import dev.elman.math.Activation;
import dev.elman.nlp.interop.Python;
import dev.elman.nlp.lm.CharVocabulary;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nn.RnnConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The onnx package's checker (full check: strict shape and type inference) accepts the exported models. */
class OnnxCheckerTest {
    @TempDir
    Path dir;

    @Test
    void onnxCheckerAcceptsExportedModels() throws IOException {
        Optional<String> python = Python.withModules("onnx");
        Assumptions.assumeTrue(python.isPresent(),
                "SKIPPED: no python3 with the onnx package (install Debian's python3-onnx, or set ELMAN_PYTHON)");
        Map<String, byte[]> models = Map.of(
                "tagger", OnnxExport.tagger(TestModels.tagger(TaggerConfig.builder().formDim(4).affixDim(2)
                        .shapeDim(0).hidden(3).minFormCount(1).build(), 1)),
                "embedding", OnnxExport.network(TestModels.network(RnnConfig.builder().vocabSize(5).embeddingSize(2)
                        .hiddenSize(3).layers(2).bidirectional(true).outputSize(4).build(), 2)),
                "onehot", OnnxExport.network(TestModels.network(RnnConfig.builder().vocabSize(5).hiddenSize(3)
                        .activation(Activation.RELU).build(), 3)),
                "dense", OnnxExport.network(TestModels.network(RnnConfig.builder().inputSize(2).hiddenSize(3)
                        .recurrent(false).outputSize(2).build(), 4)),
                "lm", OnnxExport.lm(LmModel.create(CharVocabulary.of("abc"), 3, 2, TestModels.KERNELS, 5)));
        List<String> command = new ArrayList<>(List.of(python.get(), Python.tool("onnx_check.py").toString()));
        for (Map.Entry<String, byte[]> e : models.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".onnx");
            OnnxExport.write(e.getValue(), file);
            command.add(file.toString());
        }
        Python.Result r = Python.run(command);
        assertEquals(0, r.exitCode(), () -> "onnx_check.py rejected a model:\n" + r.stderr());
        String out = r.stdout();
        assertTrue(out.contains("tagger.onnx: ir 8, opset ai.onnx:17, inputs ids[time, batch, 9] "
                + "sequence_lens[batch], outputs logits[time, batch, 8] probabilities[time, batch, 8]"), out);
        assertTrue(out.contains("onehot.onnx: ir 8, opset ai.onnx:17, inputs tokens[time, batch] "
                + "sequence_lens[batch], outputs hidden[time, batch, 3]"), out);
        assertTrue(out.contains("lm.onnx: ir 8, opset ai.onnx:17, inputs tokens[time, batch] sequence_lens[batch] "
                + "initial_h[2, batch, 3], outputs logits[time, batch, 3] probabilities[time, batch, 3] "
                + "final_h[2, batch, 3]"), out);
    }
}
