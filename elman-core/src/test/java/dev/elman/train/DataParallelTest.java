package dev.elman.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DataParallelTest {
    @Test
    void runsTheFirstTaskOnTheCallerAndTheRestOnThePoolConcurrently() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        Callable<String> meet = () -> {
            seen.add(Thread.currentThread());
            both.countDown();
            // each task waits for the other: only concurrent tasks get past this
            return both.await(10, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "timed out";
        };
        try (DataParallel two = new DataParallel(2)) {
            List<String> names = two.run(List.of(meet, meet));
            assertEquals(Thread.currentThread().getName(), names.get(0));
            assertEquals("elman-shard", names.get(1));
            assertEquals(2, seen.size());
        }
    }

    @Test
    void aFailureIsRethrownOnlyAfterEveryTaskHasEnded() {
        AtomicBoolean slowEnded = new AtomicBoolean();
        Callable<Integer> fails = () -> {
            throw new IllegalArgumentException("shard 0 failed");
        };
        Callable<Integer> slow = () -> {
            Thread.sleep(200);
            slowEnded.set(true);
            return 1;
        };
        try (DataParallel two = new DataParallel(2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.run(List.of(fails, slow)));
            assertEquals("shard 0 failed", e.getMessage());
            assertTrue(slowEnded.get(), "returned before the pool's task ended");
            assertEquals(List.of(3, 4), two.run(List.<Callable<Integer>>of(() -> 3, () -> 4)));
        }
    }

    @Test
    void runAllSpreadsTasksOverTheThreadsAndAllocatesNothing() {
        int[] counts = new int[5];
        List<Runnable> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            int id = i;
            tasks.add(() -> counts[id]++);
        }
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (DataParallel two = new DataParallel(2)) {
            for (int i = 0; i < 2000; i++) {
                two.runAll(tasks);
            }
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                two.runAll(tasks);
            }
            long perCall = (bean.getCurrentThreadAllocatedBytes() - before) / 1000;
            assertEquals(0, perCall, "bytes allocated per call on the calling thread");
        }
        for (int c : counts) {
            assertEquals(3000, c);
        }
    }

    @Test
    void replicaUpdateSumsAndStepsWithoutAllocating() {
        var config = dev.elman.nn.RnnConfig.builder().vocabSize(50).embeddingSize(4).hiddenSize(6).outputSize(3)
                .build();
        var net = dev.elman.nn.ElmanNetwork.create(config, dev.elman.math.FloatReferenceKernels.INSTANCE, 1);
        var replica = net.replica();
        var sgd = dev.elman.optim.SgdConfig.builder().lr(0.1).build().create(net.params());
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (DataParallel two = new DataParallel(2)) {
            ReplicaUpdate update = new ReplicaUpdate(two, net.params(), List.of(replica.params()), sgd);
            for (int i = 0; i < 2000; i++) {
                replica.param("embedding.weight").addToGradRows(new float[4], 0, new int[]{i % 50}, 0, 1);
                update.sumAndStep();
            }
            float[] row = new float[4];
            int[] id = {7};
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                replica.param("embedding.weight").addToGradRows(row, 0, id, 0, 1);
                update.sumAndStep();
            }
            long perCall = (bean.getCurrentThreadAllocatedBytes() - before) / 1000;
            assertEquals(0, perCall, "bytes allocated per call on the calling thread");
            assertEquals(3000, sgd.stepCount());
        }
    }

    @Test
    void replicaUpdateRejectsReplicasOrAnOptimiserThatDoNotMatchTheMaster() {
        var config = dev.elman.nn.RnnConfig.builder().vocabSize(9).hiddenSize(4).outputSize(3).build();
        var other = dev.elman.nn.RnnConfig.builder().vocabSize(9).hiddenSize(5).outputSize(3).build();
        var k = dev.elman.math.FloatReferenceKernels.INSTANCE;
        var net = dev.elman.nn.ElmanNetwork.create(config, k, 1);
        var sgd = dev.elman.optim.SgdConfig.builder().lr(0.1).build().create(net.params());
        try (DataParallel two = new DataParallel(2)) {
            var wrongShape = List.of(dev.elman.nn.ElmanNetwork.create(other, k, 1).params());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ReplicaUpdate(two, net.params(), wrongShape, sgd));
            assertTrue(e.getMessage().startsWith("replica 0 parameter 0 is rnn.weight_ih_l0"), e.getMessage());
            var fewer = List.of(net.replica().params().subList(0, 2));
            e = assertThrows(IllegalArgumentException.class, () -> new ReplicaUpdate(two, net.params(), fewer, sgd));
            assertTrue(e.getMessage().contains("has 2 parameters"), e.getMessage());
            var elsewhere = dev.elman.optim.SgdConfig.builder().lr(0.1).build()
                    .create(dev.elman.nn.ElmanNetwork.create(config, k, 2).params());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new ReplicaUpdate(two, net.params(), List.of(net.replica().params()), elsewhere));
            assertTrue(e.getMessage().contains("master's parameters"), e.getMessage());
        }
    }

    @Test
    void refusesWorkOnceClosed() {
        DataParallel two = new DataParallel(2);
        two.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> two.runAll(List.of(() -> { })));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallel(0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
