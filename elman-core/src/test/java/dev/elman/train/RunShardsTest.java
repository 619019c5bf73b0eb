package dev.elman.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RunShardsTest {
    /** A shard whose pass takes {@code passMillis} and whose jobs count their runs and record their threads. */
    private static final class Counting implements ShardStep {
        final AtomicIntegerArray runs;
        final Set<Thread> jobThreads = ConcurrentHashMap.newKeySet();
        final long passMillis;
        long jobNanos;
        /** If not 0: until this System.nanoTime(), a job waits for a second thread to run one of this shard's jobs. */
        long awaitSecondThreadUntil;
        volatile boolean passEnded;
        volatile boolean jobBeforePass;
        RuntimeException passFailure;

        Counting(int jobs, long passMillis) {
            this.runs = new AtomicIntegerArray(jobs);
            this.passMillis = passMillis;
        }

        @Override
        public void run() {
            passEnded = false;
            try {
                Thread.sleep(passMillis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (passFailure != null) {
                throw passFailure;
            }
            passEnded = true;
        }

        @Override
        public int tailJobs() {
            return runs.length();
        }

        @Override
        public void runTailJob(int job) {
            jobBeforePass |= !passEnded;
            jobThreads.add(Thread.currentThread());
            // without this the caller could finish every job before a busy machine schedules the worker at all
            while (awaitSecondThreadUntil != 0 && jobThreads.size() < 2
                    && System.nanoTime() - awaitSecondThreadUntil < 0) {
                Thread.onSpinWait();
            }
            long end = System.nanoTime() + jobNanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            runs.incrementAndGet(job);
        }
    }

    @Test
    void everyJobRunsOnceAfterItsShardsPassAndAFastThreadTakesTheSlowShardsJobs() {
        try (DataParallel two = new DataParallel(2)) {
            Counting slow = new Counting(40, 0);   // the caller's: 40 jobs of 2 ms
            slow.jobNanos = 2_000_000;
            slow.awaitSecondThreadUntil = System.nanoTime() + 10_000_000_000L;   // at most 10 s in all
            Counting fast = new Counting(3, 0);
            List<Counting> shards = List.of(slow, fast);
            for (int call = 0; call < 3; call++) {
                two.runShards(shards);
            }
            for (Counting s : shards) {
                for (int j = 0; j < s.runs.length(); j++) {
                    assertEquals(3, s.runs.get(j), "runs of job " + j);
                }
                assertTrue(!s.jobBeforePass, "a job ran before its shard's pass had ended");
            }
            // the worker, done with its own shard's 3 quick jobs, takes some of the caller's
            assertEquals(2, slow.jobThreads.size(), "threads that ran the slow shard's jobs");
        }
    }

    @Test
    void oneThreadRunsEveryShardAndJobInOrder() {
        try (DataParallel one = new DataParallel(1)) {
            List<Counting> shards = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                shards.add(new Counting(s + 1, 0));
            }
            one.runShards(shards);
            for (Counting s : shards) {
                for (int j = 0; j < s.runs.length(); j++) {
                    assertEquals(1, s.runs.get(j));
                }
                assertEquals(Set.of(Thread.currentThread()), s.jobThreads);
            }
        }
    }

    @Test
    void aFailedPassSkipsItsJobsAndIsRethrownAfterTheOtherShardsEnd() {
        try (DataParallel two = new DataParallel(2)) {
            Counting failing = new Counting(4, 0);
            failing.passFailure = new IllegalArgumentException("shard 0 failed");
            Counting other = new Counting(4, 100);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> two.runShards(List.of(failing, other)));
            assertEquals("shard 0 failed", e.getMessage());
            for (int j = 0; j < 4; j++) {
                assertEquals(0, failing.runs.get(j), "a job of the failed shard ran");
                assertEquals(1, other.runs.get(j));
            }
            failing.passFailure = null;
            two.runShards(List.of(failing, other));
            assertEquals(1, failing.runs.get(3));
        }
    }

    @Test
    void aFailedJobIsRethrownAfterEveryOtherJobHasRun() {
        Counting plain = new Counting(5, 0);
        ShardStep failingJob = new ShardStep() {
            @Override
            public void run() {
            }

            @Override
            public int tailJobs() {
                return 2;
            }

            @Override
            public void runTailJob(int job) {
                if (job == 0) {
                    throw new IllegalStateException("job 0 failed");
                }
            }
        };
        try (DataParallel two = new DataParallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> two.runShards(List.of(failingJob, plain)));
            assertEquals("job 0 failed", e.getMessage());
            for (int j = 0; j < 5; j++) {
                assertEquals(1, plain.runs.get(j));
            }
        }
    }
}
