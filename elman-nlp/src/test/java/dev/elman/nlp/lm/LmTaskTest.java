package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.elman.optim.AdamConfig;
import dev.elman.train.DataParallel;
import dev.elman.train.Trainer;
import dev.elman.train.TrainerConfig;
import dev.elman.train.TrainingListener;
import dev.elman.train.TrainingTask;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmTaskTest {

    private static LmTask task(String text, int hidden, long seed) {
        LmModel m = TestModels.small(text, hidden, 1, seed);
        int[] ids = m.vocabulary().encode(text, "t");
        int split = CharText.splitPoint(ids.length, 0.1);
        return new LmTask(m, Arrays.copyOf(ids, split), Arrays.copyOfRange(ids, split, ids.length), 4, 20, 1);
    }

    /** The same task with its 4 streams split over {@code parallel}'s threads. */
    private static LmTask task(String text, int hidden, long seed, DataParallel parallel) {
        LmModel m = TestModels.small(text, hidden, 1, seed);
        int[] ids = m.vocabulary().encode(text, "t");
        int split = CharText.splitPoint(ids.length, 0.1);
        return new LmTask(m, Arrays.copyOf(ids, split), Arrays.copyOfRange(ids, split, ids.length), 4, 20, 1,
                parallel);
    }

    @Test
    void shardedStepsGiveTheOneShardLossAndGradient() {
        String text = TestModels.TEXT.repeat(12);
        try (DataParallel two = new DataParallel(2)) {
            LmTask one = task(text, 8, 6);
            LmTask split = task(text, 8, 6, two);
            one.startEpoch(0, 3);
            split.startEpoch(0, 3);
            for (int i = 0; i < 3; i++) {
                one.model().network().zeroGrad();
                split.model().network().zeroGrad();
                TrainingTask.StepResult a = one.step(i, null);
                TrainingTask.StepResult b = split.step(i, null);
                assertEquals(a.tokens(), b.tokens(), "chunk " + i);
                assertEquals(a.loss(), b.loss(), 1e-9 * a.loss(), "chunk " + i);
                float[] ga = TestModels.gradients(one.model());
                float[] gb = TestModels.gradients(split.model());
                for (int j = 0; j < ga.length; j++) {
                    assertEquals(ga[j], gb[j], 1e-6 + 1e-5 * Math.abs(ga[j]), "chunk " + i + " gradient " + j);
                }
            }
            assertArrayEquals(one.extraState().get(LmTask.STATE_KEY), split.extraState().get(LmTask.STATE_KEY),
                    "the carried state, gathered from the shards in stream order");
        }
    }

    @Test
    void aShardedResumedRunEndsWithTheSameWeightsAsAStraightOne(@TempDir Path dir) {
        String text = TestModels.TEXT.repeat(12);
        try (DataParallel two = new DataParallel(2)) {
            LmTask straight = task(text, 8, 5, two);
            new Trainer(config(2).build(), List.of()).run(straight);
            LmTask again = task(text, 8, 5, two);
            new Trainer(config(2).build(), List.of()).run(again);
            assertArrayEquals(TestModels.weights(straight.model()), TestModels.weights(again.model()),
                    "same seed and shard count, same bits");

            LmTask first = task(text, 8, 5, two);
            TrainingListener crash = crashAtStep(3);
            TrainerConfig withCheckpoints = config(2).checkpoints(dir, 1).build();
            assertThrows(IllegalStateException.class, () -> new Trainer(withCheckpoints, List.of(crash)).run(first));
            LmTask resumed = task(text, 8, 5, two);
            new Trainer(withCheckpoints, List.of()).run(resumed);
            assertArrayEquals(TestModels.weights(straight.model()), TestModels.weights(resumed.model()));
        }
    }

    /** A listener that fails the run at the given step, as a crash would. */
    private static TrainingListener crashAtStep(long step) {
        return new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                if (e.globalStep() == step) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
    }

    private static TrainerConfig.Builder config(int epochs) {
        return TrainerConfig.builder().epochs(epochs).seed(3).optimizer(AdamConfig.builder().lr(0.01).build())
                .clipNorm(5).metric("loss", false);
    }

    @Test
    void trainingLowersTheValidationLossOfARepetitiveText() {
        LmTask task = task(TestModels.TEXT.repeat(40), 16, 1);
        double before = task.validationLoss().natsPerChar();
        new Trainer(config(4).build(), List.of()).run(task);
        double after = task.validationLoss().natsPerChar();
        assertTrue(after < 0.5 * before, "validation loss " + before + " -> " + after);
    }

    @Test
    void trainingLowersTheValidationLossOnASliceOfShakespeare() throws IOException {
        Path file = TestModels.shakespeare();
        assumeTrue(file != null, "tiny-shakespeare not found (set ELMAN_DATA)");
        String text = TestModels.read(file, 30_000);
        LmModel m = TestModels.small(text, 32, 1, 2);
        int[] ids = m.vocabulary().encode(text, file.toString());
        int split = CharText.splitPoint(ids.length, 0.1);
        LmTask task = new LmTask(m, Arrays.copyOf(ids, split), Arrays.copyOfRange(ids, split, ids.length), 8, 32, 1);
        double before = task.validationLoss().natsPerChar();
        LmTrainer.Outcome o = LmTrainer.train(task, config(2).build(), List.of(), null);
        assertFalse(o.outOfTime());
        assertEquals(2, o.epochs());
        assertEquals(task.validationLoss().natsPerChar(), o.validLoss().natsPerChar(), 1e-12,
                "the reported loss is that of the weights kept");
        assertTrue(o.validLoss().natsPerChar() < before - 0.8, "validation loss " + before + " -> "
                + o.validLoss().natsPerChar());
    }

    @Test
    void aResumedRunEndsWithTheSameWeights(@TempDir Path dir) {
        String text = TestModels.TEXT.repeat(12);
        LmTask straight = task(text, 8, 5);
        new Trainer(config(2).build(), List.of()).run(straight);

        LmTask first = task(text, 8, 5);
        TrainingListener crash = crashAtStep(3);
        TrainerConfig withCheckpoints = config(2).checkpoints(dir, 1).build();
        assertThrows(IllegalStateException.class, () -> new Trainer(withCheckpoints, List.of(crash)).run(first));
        assertTrue(first.extraState().get(LmTask.STATE_KEY).length > 0);

        LmTask resumed = task(text, 8, 5);
        new Trainer(withCheckpoints, List.of()).run(resumed);
        assertArrayEquals(TestModels.weights(straight.model()), TestModels.weights(resumed.model()));
    }

    @Test
    void theStateCarriesAcrossChunksButNotIntoANewEpoch() {
        String text = TestModels.TEXT.repeat(12);
        LmTask warmed = task(text, 8, 4);
        LmTask fresh = task(text, 8, 4);
        warmed.startEpoch(0, 3);
        double chunk1AfterChunk0 = 0;
        for (int i = 0; i < 2; i++) {
            chunk1AfterChunk0 = warmed.step(i, null).loss();
        }
        fresh.startEpoch(0, 3);
        fresh.step(0, null);
        assertEquals(chunk1AfterChunk0, fresh.step(1, null).loss(), "same weights, same carried state");
        LmTask cold = task(text, 8, 4);
        cold.startEpoch(0, 3);
        assertNotEquals(chunk1AfterChunk0, cold.step(1, null).loss(), "chunk 1 from a zero state differs");

        warmed.startEpoch(1, 3);
        LmTask other = task(text, 8, 4);
        other.startEpoch(1, 3);
        assertEquals(other.step(0, null).loss(), warmed.step(0, null).loss(), "a new epoch starts from zero");
    }

    @Test
    void aZeroBudgetStopsAfterOneStepAndKeepsThoseWeights() {
        LmTask task = task(TestModels.TEXT.repeat(10), 8, 6);
        float[] initial = TestModels.weights(task.model());
        LmTrainer.Outcome o = LmTrainer.train(task, config(5).build(), List.of(), Duration.ZERO);
        assertTrue(o.outOfTime());
        assertEquals(1, o.steps());
        assertEquals(0, o.epochs());
        assertTrue(o.characters() > 0);
        assertFalse(Arrays.equals(initial, TestModels.weights(task.model())), "the one step changed the weights");
        assertEquals(o.validLoss().natsPerChar(), task.validationLoss().natsPerChar());
    }

    @Test
    void badExtraStateAndSettingsAreRejected() {
        LmTask task = task(TestModels.TEXT.repeat(4), 8, 7);
        assertThrows(IllegalArgumentException.class, () -> task.loadExtraState(Map.of()));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> task.loadExtraState(Map.of(LmTask.STATE_KEY, new float[3])));
        assertTrue(size.getMessage().contains("3 values"), size.getMessage());
        LmModel m = TestModels.small("abc", 4, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new LmTask(m, new int[]{0, 1, 2}, new int[]{0, 1}, 4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new LmTask(m, new int[]{0, 1, 3}, new int[]{0, 1}, 1, 5, 1));
        assertThrows(IllegalArgumentException.class,
                () -> LmTrainer.train(task, config(1).metric("accuracy", true).build(), List.of(), null));
    }
}
