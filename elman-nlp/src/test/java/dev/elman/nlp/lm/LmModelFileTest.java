package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.elman.io.ModelFormatException;
import dev.elman.io.NetworkTensors;
import dev.elman.io.SafetensorsFile;
import dev.elman.io.SafetensorsReader;
import dev.elman.io.SafetensorsWriter;
import dev.elman.io.Tensor;
import dev.elman.math.FloatReferenceKernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmModelFileTest {
    private static final FloatReferenceKernels K = FloatReferenceKernels.INSTANCE;

    private static void assertSameModel(LmModel a, LmModel b) {
        assertEquals(a.vocabulary(), b.vocabulary());
        assertEquals(a.network().config(), b.network().config());
        assertArrayEquals(TestModels.weights(a), TestModels.weights(b));
        int[] prefix = a.vocabulary().encode("the", "t");
        LmStep sa = a.newSession().feed(a.initialState(), prefix);
        LmStep sb = b.newSession().feed(b.initialState(), prefix);
        assertArrayEquals(sa.prediction().probabilities(), sb.prediction().probabilities());
        assertEquals(sa.state(), sb.state());
    }

    @Test
    void bytesRoundTrip() throws IOException {
        LmModel m = TestModels.small(CharVocabularyTest.AWKWARD, 6, 2, 3);
        byte[] bytes = LmModelFile.toBytes(m);
        LmModel back = LmModelFile.load(bytes, K);
        assertSameModel(m, back);
        assertArrayEquals(bytes, LmModelFile.toBytes(back));
        SafetensorsFile f = SafetensorsReader.read(bytes);
        assertEquals("elman-lm/1", f.metadata().get("format"));
        assertEquals(m.vocabulary().asString(), f.metadata().get("lm.vocab"));
        assertTrue(f.contains("rnn.weight_hh_l1"));
    }

    @Test
    void pathRoundTrip(@TempDir Path dir) throws IOException {
        LmModel m = TestModels.small(TestModels.TEXT, 5, 1, 4);
        Path file = dir.resolve("lm.safetensors");
        LmModelFile.save(m, file);
        assertSameModel(m, LmModelFile.load(file, K));
        assertArrayEquals(LmModelFile.toBytes(m), Files.readAllBytes(file));
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> LmModelFile.load(dir.resolve("nope.safetensors"), K));
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] bytes = LmModelFile.toBytes(TestModels.small(TestModels.TEXT, 5, 1, 4));
        for (int cut : new int[]{0, 7, 12, bytes.length / 2, bytes.length - 1}) {
            assertThrows(ModelFormatException.class, () -> LmModelFile.load(Arrays.copyOf(bytes, cut), K),
                    "cut at " + cut);
        }
    }

    @Test
    void otherFormatsAreRejectedByName() {
        LmModel m = TestModels.small(TestModels.TEXT, 5, 1, 4);
        Map<String, String> meta = metadata(m);
        meta.put("format", "elman-tagger/1");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> load(m, meta, List.of()));
        assertTrue(e.getMessage().contains("elman-tagger/1") && e.getMessage().contains("elman-lm/1"),
                e.getMessage());
        ModelFormatException none = assertThrows(ModelFormatException.class,
                () -> LmModelFile.load(SafetensorsWriter.toBytes(NetworkTensors.toTensors(m.network())), K));
        assertTrue(none.getMessage().contains("not an elman character language model"), none.getMessage());
    }

    @Test
    void vocabularyMustBePresentWellFormedAndFitTheNetwork() {
        LmModel m = TestModels.small(TestModels.TEXT, 5, 1, 4);
        Map<String, String> noVocab = metadata(m);
        noVocab.remove("lm.vocab");
        assertMessage(m, noVocab, "lacks 'lm.vocab'");
        Map<String, String> dup = metadata(m);
        dup.put("lm.vocab", "aab");
        assertMessage(m, dup, "repeats");
        Map<String, String> shorter = metadata(m);
        shorter.put("lm.vocab", m.vocabulary().asString().substring(1));
        assertMessage(m, shorter, "characters");
    }

    @Test
    void missingTensorAndNonFiniteWeightsAreNamed() {
        LmModel m = TestModels.small(TestModels.TEXT, 5, 1, 4);
        List<Tensor> tensors = new ArrayList<>(NetworkTensors.toTensors(m.network()));
        tensors.removeIf(t -> t.name().equals("output.weight"));
        ModelFormatException missing = assertThrows(ModelFormatException.class,
                () -> LmModelFile.load(SafetensorsWriter.toBytes(tensors, metadata(m)), K));
        assertTrue(missing.getMessage().contains("output.weight"), missing.getMessage());

        m.network().param("rnn.weight_hh_l0").value()[3] = Float.NaN;
        ModelFormatException nan = assertThrows(ModelFormatException.class,
                () -> LmModelFile.load(LmModelFile.toBytes(m), K));
        assertTrue(nan.getMessage().contains("rnn.weight_hh_l0") && nan.getMessage().contains("NaN"),
                nan.getMessage());
    }

    private static void assertMessage(LmModel m, Map<String, String> meta, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> load(m, meta, List.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("bytes"), e.getMessage());
    }

    private static Map<String, String> metadata(LmModel m) {
        try {
            return new LinkedHashMap<>(SafetensorsReader.read(LmModelFile.toBytes(m)).metadata());
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static LmModel load(LmModel m, Map<String, String> meta, List<Tensor> extra) throws IOException {
        List<Tensor> tensors = new ArrayList<>(NetworkTensors.toTensors(m.network()));
        tensors.addAll(extra);
        return LmModelFile.load(SafetensorsWriter.toBytes(tensors, meta), K);
    }
}
