package dev.elman.math;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small fixed set of daemon threads that run the parts of one split GEMM at a time, shared by every kernel
 * instance with the same thread count. Handing over a job allocates nothing. A caller that finds the workers busy
 * (another thread's product) runs its whole product itself rather than wait.
 */
final class GemmWorkers {
    private static final ConcurrentHashMap<Integer, GemmWorkers> SHARED = new ConcurrentHashMap<>();

    /** One part of a split job; {@code part} is in {@code [0, parts)}. */
    interface Job {
        void run(int part);
    }

    private final int parts;
    private final Thread[] threads;
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile Job job;
    private volatile Thread caller;
    private volatile Throwable failure;

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
     * Runs {@code job} for every part, part 0 on the calling thread, and returns when all are done. Returns false
     * without running anything if the workers are busy with another caller's job.
     */
    boolean tryRun(Job job) {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            failure = null;
            this.job = job;
            caller = Thread.currentThread();
            pending.set(threads.length);
            generation++;
            for (Thread t : threads) {
                LockSupport.unpark(t);
            }
            Throwable own = null;
            try {
                job.run(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            while (pending.get() != 0) {
                LockSupport.park(this);
            }
            Throwable t = own != null ? own : failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            return true;
        } finally {
            this.job = null;
            caller = null;
            busy.unlock();
        }
    }

    private void work(int part) {
        int seen = 0;
        while (true) {
            while (generation == seen) {
                LockSupport.park(this);
            }
            seen = generation;
            try {
                job.run(part);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
