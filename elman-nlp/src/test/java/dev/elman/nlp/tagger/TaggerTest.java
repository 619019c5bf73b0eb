package dev.elman.nlp.tagger;

import dev.elman.io.ModelFormatException;
import dev.elman.io.SafetensorsWriter;
import dev.elman.io.Tensor;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.nlp.vocab.Vocabulary;
import dev.elman.nn.Param;
import dev.elman.optim.AdamConfig;
import dev.elman.train.DataParallel;
import dev.elman.train.Trainer;
import dev.elman.train.TrainerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tagger end to end on small slices of UD English EWT. */
class TaggerTest {
    private static TaggedCorpus train;
    private static TaggedCorpus dev;

    @BeforeAll
    static void load() throws IOException {
        train = TestData.read("ud-en-ewt/en_ewt-ud-train.conllu", 400);
        dev = TestData.read("ud-en-ewt/en_ewt-ud-dev.conllu", 150);
    }

    private static TaggerModel trained(int threads, int epochs) {
        TaggerConfig config = TaggerConfig.builder().formDim(32).affixDim(8).shapeDim(8).hidden(32).build();
        List<String> tagList = new ArrayList<>(new LinkedHashSet<>(train.tags().stream().flatMap(List::stream)
                .sorted().toList()));
        TaggerModel model = TaggerModel.create(config, WordFeatures.build(train.sentences(), 1, 2),
                Vocabulary.closed(tagList), FloatReferenceKernels.INSTANCE, 3);
        TrainerConfig tc = TrainerConfig.builder().epochs(epochs).seed(3)
                .optimizer(AdamConfig.builder().lr(0.005).build()).metric("accuracy", true).build();
        try (DataParallel parallel = new DataParallel(threads)) {
            new Trainer(tc, List.of()).run(new TaggerTask(model, train, dev, 300, parallel));
        }
        return model;
    }

    private static float[] weights(TaggerModel m) {
        return m.params().stream().map(Param::value).reduce(new float[0], (a, b) -> {
            float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    @Test
    void learnsToTagBeyondTheMostFrequentTagBaseline() {
        TaggerModel model = trained(2, 4);
        Evaluation e = Tagging.evaluate(model, model.newSession(), dev, 1000);
        double mft = MostFrequentTag.fit(train).evaluate(dev, model.tags(), model.features()).accuracy();
        assertThat(e.accuracy()).as("dev accuracy vs most-frequent-tag %.3f", mft).isGreaterThan(mft);
        assertThat(e.knownAccuracy()).isGreaterThan(e.unknownAccuracy());
    }

    @Test
    void sameSeedAndThreadCountGiveTheSameBits() {
        assertArrayEquals(weights(trained(2, 1)), weights(trained(2, 1)));
    }

    @Test
    void modelFileRoundTripTagsIdentically(@TempDir Path dir) throws IOException {
        TaggerModel model = trained(1, 1);
        Path file = dir.resolve("m.safetensors");
        TaggerModelFile.save(model, file);
        TaggerModel loaded = TaggerModelFile.load(file, FloatReferenceKernels.INSTANCE);
        TaggerModel fromBytes = TaggerModelFile.load(Files.readAllBytes(file), FloatReferenceKernels.INSTANCE);
        List<List<String>> expected = Tagging.tag(model, model.newSession(), dev.sentences(), 500);
        assertEquals(expected, Tagging.tag(loaded, loaded.newSession(), dev.sentences(), 500));
        assertEquals(expected, Tagging.tag(fromBytes, fromBytes.newSession(), dev.sentences(), 500));
        assertArrayEquals(weights(model), weights(loaded));
    }

    @Test
    void aFrozenCopyTagsIdenticallyWithLogitsBitForBit() {
        TaggerModel model = trained(1, 1);
        TaggerModel frozen = model.freeze();
        assertTrue(frozen.network().isFrozen());
        assertEquals(Tagging.tag(model, model.newSession(), dev.sentences(), 500),
                Tagging.tag(frozen, frozen.newSession(), dev.sentences(), 500));
        assertArrayEquals(weights(model), weights(frozen));
    }

    @Test
    void corruptOrForeignModelFilesAreRejectedWithTheReason(@TempDir Path dir) throws IOException {
        TaggerModel model = trained(1, 1);
        byte[] good = TaggerModelFile.toBytes(model);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        assertThat(assertThrows(ModelFormatException.class,
                () -> TaggerModelFile.load(truncated, FloatReferenceKernels.INSTANCE)).getMessage())
                .contains("bytes");
        Path foreign = dir.resolve("x.safetensors");
        SafetensorsWriter.write(foreign, List.of(Tensor.f32("a", new int[]{1},
                new float[]{1})), java.util.Map.of("format", "something-else"));
        assertThat(assertThrows(ModelFormatException.class,
                () -> TaggerModelFile.load(foreign, FloatReferenceKernels.INSTANCE)).getMessage())
                .contains("not an elman tagger model").contains(foreign.toString());
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> TaggerModelFile.load(dir.resolve("absent.safetensors"), FloatReferenceKernels.INSTANCE));
    }
}
