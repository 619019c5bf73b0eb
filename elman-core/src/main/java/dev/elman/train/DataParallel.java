package dev.elman.train;

import dev.elman.nn.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batch sharding over a fixed number of threads: each shard of a batch runs forward and backward on its own
 * replica (shared weights, own gradients) and the gradients are then summed in shard order. The partition and the
 * order of the sum are fixed, so results depend on the thread count but never on scheduling. With
 * {@link #runShards}, the gradient products each shard's backward pass leaves after its recurrence run on whichever
 * thread is free, which evens out shards that take different times.
 */
public final class DataParallel implements AutoCloseable {
    /**
     * How long the caller spins for the other shards to end, and an idle worker for the next call, before parking
     * (as OpenMP runtimes do). Waking a parked thread on a shared VM whose vCPU has gone idle can cost hundreds of
     * microseconds, against shards of a few milliseconds; a worker's spin covers the gradient sum and optimiser step
     * that separate two training steps. System properties {@code elman.parallel.spinMicros} and
     * {@code elman.parallel.workerSpinMicros}; 0 parks at once.
     */
    static final long SPIN_NANOS = Long.getLong("elman.parallel.spinMicros", 2000L) * 1000L;
    static final long WORKER_SPIN_NANOS = Long.getLong("elman.parallel.workerSpinMicros", 1000L) * 1000L;

    private final int threads;
    private final Thread[] workers;            // threads - 1 daemon threads; the caller is thread 0
    private final Throwable[] failures;        // per thread, of the current call
    private final AtomicInteger pending = new AtomicInteger();
    private final ReentrantLock oneCall = new ReentrantLock();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private List<?> tasks;                     // the current call's tasks, published by the volatile generation
    private Object[] results = new Object[0];  // Callable results of the current call, reused
    private boolean callables;
    private boolean shardSteps;
    // runShards: per shard, its tail jobs, the next unclaimed one, and whether its pass has ended (1) or failed (2)
    private int[] tailJobs = new int[0];
    private AtomicIntegerArray claimed = new AtomicIntegerArray(0);
    private AtomicIntegerArray ready = new AtomicIntegerArray(0);
    private final AtomicInteger tailsDone = new AtomicInteger();
    private int tailsTotal;

    /**
     * {@code threads} threads: the caller's and {@code threads - 1} daemon threads (1 runs everything on the
     * caller's thread).
     */
    public DataParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.failures = new Throwable[threads];
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            int id = w + 1;
            Thread t = new Thread(() -> work(id), "elman-shard");
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs the tasks and returns their results in task order. Task i runs on thread {@code i mod threads}, thread 0
     * being the caller: one hand-off fewer per call than a pool of {@code threads}, which on a shared VM is worth
     * more than the hand-off's own cost. All tasks have ended when this returns or throws.
     */
    public <T> List<T> run(List<Callable<T>> tasks) {
        oneCall.lock();
        try {
            if (results.length < tasks.size()) {
                results = new Object[tasks.size()];
            }
            execute(tasks, true);
            List<T> out = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                @SuppressWarnings("unchecked")
                T r = (T) results[i];
                out.add(r);
                results[i] = null;
            }
            return out;
        } finally {
            oneCall.unlock();
        }
    }

    /** As {@link #run} for tasks without results; allocates nothing, so a training step can stay allocation-free. */
    public void runAll(List<? extends Runnable> tasks) {
        oneCall.lock();
        try {
            execute(tasks, false);
        } finally {
            oneCall.unlock();
        }
    }

    /**
     * Runs one training step's shards: shard i's pass on thread {@code i mod threads}, as {@link #runAll}; then
     * each thread runs tail jobs, its own shards' first, then those of any shard whose pass has ended, so that a
     * thread whose shard ran faster takes over part of a slower one's tail. Which thread runs a job never changes
     * its bits. Allocates nothing after the first call with as many shards. All jobs have run when this returns.
     */
    public void runShards(List<? extends ShardStep> shards) {
        oneCall.lock();
        try {
            int count = shards.size();
            if (tailJobs.length < count) {
                tailJobs = new int[count];
                claimed = new AtomicIntegerArray(count);
                ready = new AtomicIntegerArray(count);
            }
            tailsTotal = 0;
            for (int s = 0; s < count; s++) {
                tailJobs[s] = shards.get(s).tailJobs();
                tailsTotal += tailJobs[s];
                claimed.set(s, 0);
                ready.set(s, 0);
            }
            tailsDone.set(0);
            shardSteps = true;
            execute(shards, false);
        } finally {
            shardSteps = false;
            oneCall.unlock();
        }
    }

    private void execute(List<?> list, boolean withResults) {
        if (closed) {
            throw new IllegalStateException("this DataParallel is closed");
        }
        tasks = list;
        callables = withResults;
        java.util.Arrays.fill(failures, null);
        boolean handOff = workers.length > 0 && list.size() > 1;
        if (handOff) {
            caller = Thread.currentThread();
            pending.set(workers.length);
            generation++;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        }
        share(0);
        if (handOff) {
            boolean interrupted = false;
            long end = System.nanoTime() + SPIN_NANOS;
            while (pending.get() != 0 && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
            while (pending.get() != 0) {   // the tasks use shared buffers: wait for them to end, even if interrupted
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (shardSteps) {   // jobs a worker left unclaimed when it stopped waiting for the caller's shard
            boolean more = true;
            while (more) {
                more = claimTailJob(0);
            }
        }
        tasks = null;
        for (Throwable t : failures) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** Runs the tasks of thread {@code id}: i = id, id + threads, ... */
    private void share(int id) {
        if (shardSteps) {
            shareShards(id);
            return;
        }
        List<?> list = tasks;
        try {
            for (int i = id; i < list.size(); i += threads) {
                Object task = list.get(i);
                if (callables) {
                    results[i] = ((Callable<?>) task).call();
                } else {
                    ((Runnable) task).run();
                }
            }
        } catch (Throwable t) {
            failures[id] = t;
        }
    }

    /**
     * Thread {@code id}'s shards, then tail jobs until all have run; a worker stops after {@link #SPIN_NANOS}
     * without a job to claim (the caller's pass may still be running), leaving the rest to the caller.
     */
    private void shareShards(int id) {
        List<?> list = tasks;
        int s = id;
        try {
            for (; s < list.size(); s += threads) {
                ((ShardStep) list.get(s)).run();
                ready.set(s, 1);
            }
        } catch (Throwable t) {
            failures[id] = t;
            for (; s < list.size(); s += threads) {   // its jobs, and those of the shards it did not reach, never run
                ready.set(s, 2);
                tailsDone.addAndGet(tailJobs[s]);
            }
        }
        long idleSince = System.nanoTime();
        while (tailsDone.get() < tailsTotal) {
            if (claimTailJob(id)) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > SPIN_NANOS) {
                return;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Runs one unclaimed tail job of a shard whose pass has ended, thread {@code id}'s own shard first. */
    private boolean claimTailJob(int id) {
        List<?> list = tasks;
        int count = list.size();
        for (int i = 0; i < count; i++) {
            int s = (id + i) % count;
            if (ready.get(s) != 1 || claimed.get(s) >= tailJobs[s]) {
                continue;
            }
            int job = claimed.getAndIncrement(s);
            if (job >= tailJobs[s]) {
                continue;
            }
            try {
                ((ShardStep) list.get(s)).runTailJob(job);
            } catch (Throwable t) {
                if (failures[id] == null) {
                    failures[id] = t;
                }
            }
            tailsDone.incrementAndGet();
            return true;
        }
        return false;
    }

    private void work(int id) {
        int seen = 0;
        while (true) {
            long end = System.nanoTime() + WORKER_SPIN_NANOS;
            while (generation == seen && !closed && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
            while (generation == seen && !closed) {
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = generation;
            share(id);
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /**
     * Adds each replica's gradients into {@code target}'s, replica by replica in list order; {@code target} and
     * every replica list hold the same parameters in the same order. Only the touched rows of a
     * {@linkplain Param#rowSparse() row-sparse} replica gradient are added, and they are marked in the target.
     */
    public static void sumGradients(List<Param<float[]>> target, List<List<Param<float[]>>> replicas) {
        markTouchedRows(target, replicas);
        sumGradientsPart(target, replicas, 0, 1);
    }

    /** Marks in {@code target} the rows touched in any replica: the serial first half of {@link #sumGradients}. */
    public static void markTouchedRows(List<Param<float[]>> target, List<List<Param<float[]>>> replicas) {
        for (int k = 0; k < replicas.size(); k++) {   // indexed: no iterator per training step
            List<Param<float[]>> replica = replicas.get(k);
            for (int i = 0; i < target.size(); i++) {
                target.get(i).markRowsOf(replica.get(i));
            }
        }
    }

    /**
     * The sum of {@link #sumGradients} over rows {@link Param#partStart part} {@code part} of {@code parts} of every
     * parameter, after {@link #markTouchedRows}: parts touch disjoint elements and may run concurrently.
     */
    public static void sumGradientsPart(List<Param<float[]>> target, List<List<Param<float[]>>> replicas,
                                        int part, int parts) {
        for (int k = 0; k < replicas.size(); k++) {
            List<Param<float[]>> replica = replicas.get(k);
            for (int i = 0; i < target.size(); i++) {
                Param<float[]> into = target.get(i);
                Param<float[]> from = replica.get(i);
                int width = from.rowSize();
                int r0 = from.partStart(part, parts);
                int r1 = from.partStart(part + 1, parts);
                if (!from.rowSparse()) {
                    add(from.grad(), into.grad(), r0 * width, r1 * width);
                    continue;
                }
                for (int r = from.nextTouchedRow(r0); r >= 0 && r < r1; r = from.nextTouchedRow(r + 1)) {
                    add(from.grad(), into.grad(), r * width, r * width + width);
                }
            }
        }
    }

    private static void add(float[] from, float[] into, int start, int end) {
        for (int j = start; j < end; j++) {
            into[j] += from[j];
        }
    }

    /** Stops the threads; a running call finishes first. */
    @Override
    public void close() {
        oneCall.lock();
        try {
            closed = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        } finally {
            oneCall.unlock();
        }
    }
}
