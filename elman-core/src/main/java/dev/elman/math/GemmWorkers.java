package dev.elman.math;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed set of daemon threads that run the parts of one split GEMM (or one {@link PartsJob}) at a time,
 * shared by every kernel instance with the same thread count. Handing over a job allocates nothing. A caller that
 * finds the workers busy (another thread's product) runs its whole product itself rather than wait.
 *
 * <p>Between jobs a worker, and a caller waiting for its parts, spin for {@link #SPIN_NANOS} before they park, as
 * OpenMP runtimes do: waking a parked thread takes longer than a time step of one sentence.
 */
final class GemmWorkers {
    private static final ConcurrentHashMap<Integer, GemmWorkers> SHARED = new ConcurrentHashMap<>();

    /** One part of a split job; {@code part} is in {@code [0, parts)}. */
    interface Job {
        void run(int part);
    }

    /** How long an idle thread spins before it parks (system property {@code elman.gemm.spinMicros}, 100 µs). */
    static final long SPIN_NANOS = 1000L * Long.getLong("elman.gemm.spinMicros", 100L);

    private final int parts;
    private final Thread[] threads;
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile Job job;
    private volatile Thread caller;
    private volatile Throwable failure;
    private final AtomicInteger parkedWorkers = new AtomicInteger();
    private volatile boolean callerParked;
    // runTogether: the job, the barrier every part meets at, and whether a part failed (the others then stop there)
    private PartsJob together;
    private final Job togetherParts;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int released;
    private volatile boolean broken;
    private final PartBarrier[] barriers;

    private GemmWorkers(int parts) {
        this.parts = parts;
        this.threads = new Thread[parts - 1];
        for (int w = 0; w < threads.length; w++) {
            int part = w + 1;
            Thread t = new Thread(() -> work(part), "elman-gemm-" + parts + "-" + part);
            t.setDaemon(true);
            threads[w] = t;
            t.start();
        }
        barriers = new PartBarrier[parts];
        for (int p = 0; p < parts; p++) {
            barriers[p] = new PartBarrier();
        }
        togetherParts = part -> {
            try {
                together.run(part, parts, barriers[part]);
            } catch (RuntimeException | Error e) {
                broken = true;
                throw e;
            }
        };
    }

    /** The shared workers for {@code parts}-way products (the caller runs part 0, so parts − 1 threads). */
    static GemmWorkers shared(int parts) {
        if (parts < 2) {
            throw new IllegalArgumentException("GemmWorkers need at least 2 parts, got " + parts);
        }
        return SHARED.computeIfAbsent(parts, GemmWorkers::new);
    }

    int parts() {
        return parts;
    }

    /**
     * Runs {@code job} for every part at the same time, part 0 on the calling thread; returns false without running
     * anything if the workers are busy with another caller's job.
     */
    boolean tryRunTogether(PartsJob job) {
        return start(togetherParts, job);
    }

    /** A sense-reversing spin barrier: the last part to arrive releases the others. */
    private final class PartBarrier implements PartsJob.Barrier {
        private int sense;

        @Override
        public void await() {
            int next = sense + 1;
            sense = next;
            if (arrived.incrementAndGet() == parts) {
                arrived.set(0);
                released = next;
                return;
            }
            while (released != next) {
                if (broken) {
                    throw new OtherPartFailed();
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public void checkOthers() {
            if (broken) {
                throw new OtherPartFailed();
            }
        }
    }

    /** Thrown at the barrier by the parts that did not fail themselves; the failing part's exception is reported. */
    private static final class OtherPartFailed extends RuntimeException {
        OtherPartFailed() {
            super("another part of the job failed", null, false, false);
        }
    }

    /**
     * Runs {@code job} for every part, part 0 on the calling thread, and returns when all are done. Returns false
     * without running anything if the workers are busy with another caller's job.
     */
    boolean tryRun(Job job) {
        return start(job, null);
    }

    private boolean start(Job job, PartsJob partsJob) {
        // a part that asks for the workers again (a split product inside a split job) runs on its own thread
        if (busy.isHeldByCurrentThread() || !busy.tryLock()) {
            return false;
        }
        try {
            if (partsJob != null) {
                together = partsJob;
                broken = false;
                arrived.set(0);
                for (PartBarrier b : barriers) {
                    b.sense = released;
                }
            }
            failure = null;
            this.job = job;
            caller = Thread.currentThread();
            pending.set(threads.length);
            generation++;
            if (parkedWorkers.get() > 0) {
                for (Thread t : threads) {
                    LockSupport.unpark(t);
                }
            }
            Throwable own = null;
            try {
                job.run(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            long spinEnd = System.nanoTime() + SPIN_NANOS;
            while (pending.get() != 0) {
                if (System.nanoTime() - spinEnd < 0) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (pending.get() != 0) {
                        LockSupport.park(this);
                    }
                    callerParked = false;
                }
            }
            Throwable t = own != null && !(own instanceof OtherPartFailed) || failure == null ? own : failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            return true;
        } finally {
            this.job = null;
            together = null;
            caller = null;
            busy.unlock();
        }
    }

    private void work(int part) {
        int seen = 0;
        while (true) {
            long spinEnd = System.nanoTime() + SPIN_NANOS;
            while (generation == seen) {
                if (System.nanoTime() - spinEnd < 0) {
                    Thread.onSpinWait();
                } else {
                    parkedWorkers.incrementAndGet();
                    if (generation == seen) {
                        LockSupport.park(this);
                    }
                    parkedWorkers.decrementAndGet();
                }
            }
            seen = generation;
            try {
                job.run(part);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }
}
