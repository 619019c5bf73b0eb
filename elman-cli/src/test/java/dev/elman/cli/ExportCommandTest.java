package dev.elman.cli;

import dev.elman.io.NetworkTensors;
import dev.elman.io.SafetensorsWriter;
import dev.elman.io.Tensor;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.nlp.lm.CharVocabulary;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.lm.LmModelFile;
import dev.elman.nlp.tagger.TaggerConfig;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.WordFeatures;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.RnnConfig;
import dev.elman.onnx.OnnxExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    @TempDir
    Path dir;

    private Path tagger() throws IOException {
        List<List<String>> sentences = List.of(List.of("A", "small", "test", "."), List.of("Tests", "pass", "!"));
        TaggerConfig config = TaggerConfig.builder().formDim(3).affixDim(2).shapeDim(1).hidden(3).layers(1)
                .minFormCount(1).build();
        TaggerModel m = TaggerModel.create(config, WordFeatures.build(sentences, 1, 1),
                Vocabulary.closed(List.of("DET", "ADJ", "NOUN", "VERB", "PUNCT")), FloatReferenceKernels.INSTANCE, 8);
        Path file = dir.resolve("tagger.safetensors");
        TaggerModelFile.save(m, file);
        return file;
    }

    @Test
    void exportsATaggerAsOnnxAndAsAValidatedCopy() throws IOException {
        Path model = tagger();
        Path onnx = dir.resolve("tagger.onnx");
        assertEquals(0, Main.run("export", "--format", "onnx", "--model", model.toString(), "--out", onnx.toString()));
        byte[] expected = OnnxExport.tagger(TaggerModelFile.load(model, FloatReferenceKernels.INSTANCE));
        assertArrayEquals(expected, Files.readAllBytes(onnx));
        Path copy = dir.resolve("copy.safetensors");
        assertEquals(0, Main.run("export", "--format", "safetensors", "--model", model.toString(),
                "--out", copy.toString()));
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(copy));
    }

    @Test
    void exportsABareNetwork() throws IOException {
        RnnConfig config = RnnConfig.builder().vocabSize(6).hiddenSize(4).layers(2).bidirectional(true)
                .outputSize(6).build();
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, FloatReferenceKernels.INSTANCE, 3);
        Path model = dir.resolve("lm.safetensors");
        SafetensorsWriter.write(model, NetworkTensors.toTensors(net), NetworkTensors.toMetadata(config));
        Path onnx = dir.resolve("lm.onnx");
        assertEquals(0, Main.run("export", "--format", "onnx", "--model", model.toString(), "--out", onnx.toString()));
        assertArrayEquals(OnnxExport.network(net), Files.readAllBytes(onnx));
    }

    @Test
    void exportsALanguageModelWithItsVocabulary() throws IOException {
        LmModel lm = LmModel.create(CharVocabulary.of("abc d\n"), 4, 2, FloatReferenceKernels.INSTANCE, 5);
        Path model = dir.resolve("chars.safetensors");
        LmModelFile.save(lm, model);
        Path onnx = dir.resolve("chars.onnx");
        assertEquals(0, Main.run("export", "--format", "onnx", "--model", model.toString(), "--out", onnx.toString()));
        byte[] written = Files.readAllBytes(onnx);
        assertArrayEquals(OnnxExport.lm(LmModelFile.load(model, FloatReferenceKernels.INSTANCE)), written);
        assertFalse(Arrays.equals(OnnxExport.network(lm.network()), written), "the vocabulary must not be dropped");
    }

    @Test
    void refusesToDropTensorsOfUnknownModels() throws IOException {
        RnnConfig config = RnnConfig.builder().inputSize(2).hiddenSize(2).outputSize(2).build();
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, FloatReferenceKernels.INSTANCE, 3);
        List<Tensor> tensors = new ArrayList<>(NetworkTensors.toTensors(net));
        tensors.add(Tensor.f32("features.extra.weight", new int[]{1, 2}, new float[2]));
        Path model = dir.resolve("odd.safetensors");
        SafetensorsWriter.write(model, tensors, NetworkTensors.toMetadata(config));
        Path onnx = dir.resolve("odd.onnx");
        String err = stderrOf(() -> assertEquals(1, Main.run("export", "--format", "onnx", "--model",
                model.toString(), "--out", onnx.toString())));
        assertTrue(err.contains("odd.safetensors") && err.contains("[features.extra.weight]"), err);
        assertFalse(Files.exists(onnx));
        String bad = stderrOf(() -> assertEquals(1, Main.run("export", "--format", "tflite", "--model",
                model.toString(), "--out", onnx.toString())));
        assertTrue(bad.contains("--format must be onnx or safetensors, got tflite"), bad);
    }

    private static String stderrOf(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
