package dev.elman.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.elman.io.SafetensorsReader;
import dev.elman.optim.AdamConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    static TrainerConfig config(Path checkpoints, int every) {
        return TrainerConfig.builder().epochs(3).seed(99).optimizer(AdamConfig.builder().lr(0.01).build())
                .clipNorm(1.0).metric("loss", false).checkpoints(checkpoints, every).build();
    }

    private static float[] train(Path checkpoints, int every) {
        SyntheticTask task = new SyntheticTask(11, 0);
        new Trainer(config(checkpoints, every), List.of()).run(task);
        return task.weights();
    }

    @Test
    void sameSeedGivesTheSameBits() {
        assertArrayEquals(train(null, 0), train(null, 0));
    }

    @Test
    void anOptimiserStepInPartsOnTheTasksThreadsGivesTheSameBits() {
        float[] oneThread = train(null, 0);
        for (int n : new int[]{2, 3}) {
            try (DataParallel threads = new DataParallel(n)) {
                SyntheticTask task = new SyntheticTask(11, 0);
                task.threads = threads;
                new Trainer(config(null, 0), List.of()).run(task);
                assertArrayEquals(oneThread, task.weights(), n + " threads");
            }
        }
    }

    @Test
    void trainingLowersTheLoss() {
        SyntheticTask task = new SyntheticTask(11, 0);
        double before = task.evaluate().get("loss");
        Trainer.Result r = new Trainer(config(null, 0), List.of()).run(task);
        assertTrue(r.bestMetric() < before - 0.05, "dev loss " + before + " -> " + r.bestMetric());
        assertEquals(3, r.epochs());
        assertEquals(30, r.steps());
    }

    @Test
    void resumingFromAMidEpochCheckpointEndsWithTheSameBits(@TempDir Path dir) throws IOException {
        float[] uninterrupted = train(null, 0);
        // run 1: stop after 13 steps (mid-epoch 2) by failing on purpose
        SyntheticTask first = new SyntheticTask(11, 0);
        List<TrainingListener> stopper = List.of(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                if (e.globalStep() == 13) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> new Trainer(config(dir, 1), stopper).run(first));
        assertEquals("12", SafetensorsReader.read(dir.resolve(Checkpoint.FILE)).metadata().get("global_step"));
        // run 2: a new process would see only the checkpoint
        SyntheticTask second = new SyntheticTask(11, 0);
        new Trainer(config(dir, 1), List.of()).run(second);
        assertArrayEquals(uninterrupted, second.weights());
    }

    @Test
    void killedWithSigkillAndResumedEndsWithTheSameBits(@TempDir Path dir) throws Exception {
        float[] uninterrupted = train(null, 0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SyntheticTask.class.getName(), dir.toString(), "40")
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        Path ckpt = dir.resolve(Checkpoint.FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int step = 0;
        while (step < 14 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
            if (Files.exists(ckpt)) {
                try {
                    step = Integer.parseInt(SafetensorsReader.read(ckpt).metadata().get("global_step"));
                } catch (IOException | NumberFormatException raceWithRename) {
                    // the file was being replaced; read again
                }
            }
        }
        assertTrue(p.isAlive(), "the training process ended before it could be killed");
        p.destroyForcibly();          // SIGKILL on Linux
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by signal 9");
        SyntheticTask resumed = new SyntheticTask(11, 0);
        List<String> messages = new ArrayList<>();
        new Trainer(config(dir, 1), List.of(new TrainingListener() {
            @Override
            public void onMessage(String m) {
                messages.add(m);
            }
        })).run(resumed);
        assertThat(messages.get(0)).startsWith("resumed from");
        assertThat(messages.get(0)).doesNotContain("step 0");
        assertArrayEquals(uninterrupted, resumed.weights());
    }

    @Test
    void aNanGradientStopsTheRunNamingTheStepAndKeepsTheCheckpoint(@TempDir Path dir) throws IOException {
        SyntheticTask task = new SyntheticTask(11, 0);
        task.poisonStep = 7;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(config(dir, 1), List.of()).run(task));
        assertThat(e.getMessage()).contains("step 7").contains("gradient norm is NaN")
                .contains("last good checkpoint");
        assertEquals(7, e.step());
        assertEquals("7", SafetensorsReader.read(dir.resolve(Checkpoint.FILE)).metadata().get("global_step"));
    }

    @Test
    void aTimeBudgetStopsAfterTheCurrentStepAndLeavesAResumableCheckpoint(@TempDir Path dir) throws IOException {
        SyntheticTask task = new SyntheticTask(11, 0);
        TrainerConfig c = TrainerConfig.builder().epochs(3).seed(99).optimizer(AdamConfig.builder().lr(0.01).build())
                .metric("loss", false).checkpoints(dir, 0).maxSeconds(1e-9).build();
        Trainer.Result r = new Trainer(c, List.of()).run(task);
        assertTrue(r.stoppedEarly());
        assertEquals(1, r.steps());
        var meta = SafetensorsReader.read(dir.resolve(Checkpoint.FILE)).metadata();
        assertEquals("1", meta.get("batch"));
        assertTrue(Double.isFinite(r.bestMetric()), "the stopped weights were evaluated");
    }

    @Test
    void skipPolicyCountsSkippedBatches() {
        SyntheticTask task = new SyntheticTask(11, 0);
        task.poisonStep = 3;
        TrainerConfig c = TrainerConfig.builder().epochs(1).seed(1).optimizer(AdamConfig.builder().lr(0.01).build())
                .nonFinite(NonFinitePolicy.SKIP).build();
        Trainer.Result r = new Trainer(c, List.of()).run(task);
        assertEquals(1, r.skippedBatches());
        for (float w : task.weights()) {
            assertTrue(Float.isFinite(w));
        }
    }

    @Test
    void aFailedCheckpointWriteKeepsThePreviousOneAndSaysSo(@TempDir Path dir) throws IOException {
        SyntheticTask task = new SyntheticTask(11, 0);
        List<String> messages = new ArrayList<>();
        List<TrainingListener> listeners = List.of(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                if (e.globalStep() == 5) {
                    try {   // from now on the checkpoint folder cannot take new files: a file blocks the temp name
                        Files.writeString(dir.resolve("blocker"), "x");
                        dir.toFile().setWritable(false);
                    } catch (IOException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }

            @Override
            public void onMessage(String m) {
                messages.add(m);
            }
        });
        byte[] before;
        try {
            if (!canMakeReadOnly(dir)) {
                org.junit.jupiter.api.Assumptions.abort("running as root: a read-only folder stays writable");
            }
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> new Trainer(config(dir, 1), listeners).run(task));
            assertThat(e.getMessage()).contains("checkpoint not written").contains("intact");
            before = Files.readAllBytes(dir.resolve(Checkpoint.FILE));
            assertEquals("4", SafetensorsReader.read(before, "ckpt").metadata().get("global_step"));
        } finally {
            dir.toFile().setWritable(true);
        }
    }

    @Test
    void aCheckpointThatNoLongerFitsOnDiskKeepsThePreviousOneAndSaysSo(@TempDir Path dir) throws Exception {
        // the file-size limit (ulimit -f, in KiB) makes writes fail with EFBIG as a full disk would, even as root
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("bash", "-c", "ulimit -f 48 && exec \"$0\" \"$@\"", java, "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), SyntheticTask.class.getName(), dir.toString(), "0", "1500")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), output);
        assertThat(output).contains("checkpoint not written").contains("intact");
        var meta = SafetensorsReader.read(dir.resolve(Checkpoint.FILE)).metadata();
        long lastGood = Long.parseLong(meta.get("global_step"));
        assertTrue(lastGood >= 1 && lastGood < 30, "the last checkpoint that fitted is on disk: step " + lastGood);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(Checkpoint.FILE), files.map(f -> f.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    private static boolean canMakeReadOnly(Path dir) throws IOException {
        Path probe = Files.createDirectories(dir.resolve("probe"));
        probe.toFile().setWritable(false);
        boolean readOnly = !Files.isWritable(probe);
        probe.toFile().setWritable(true);
        Files.delete(probe);
        return readOnly;
    }
}
