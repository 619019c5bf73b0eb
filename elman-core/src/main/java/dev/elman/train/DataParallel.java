package dev.elman.train;

import dev.elman.nn.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batch sharding over a fixed number of threads: each shard of a batch runs forward and backward on its own
 * replica (shared weights, own gradients) and the gradients are then summed in shard order. The partition and the
 * order of the sum are fixed, so results depend on the thread count but never on scheduling.
 */
public final class DataParallel implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    /**
     * {@code threads} threads: the caller's and a pool of {@code threads - 1} daemon threads (1 runs everything on
     * the caller's thread).
     */
    public DataParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "elman-shard");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs the tasks and returns their results in task order: the first on the calling thread (a hand-off fewer
     * per call, which on a shared VM is worth more than the hand-off's own cost), the others on the pool. All tasks
     * have ended when this returns or throws.
     */
    public <T> List<T> run(List<Callable<T>> tasks) {
        List<T> out = new ArrayList<>(tasks.size());
        if (pool == null || tasks.size() < 2) {
            for (Callable<T> t : tasks) {
                out.add(call(t));
            }
            return out;
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size() - 1);
        for (int i = 1; i < tasks.size(); i++) {
            futures.add(pool.submit(tasks.get(i)));
        }
        Throwable first = null;
        T own = null;
        try {
            own = call(tasks.get(0));
        } catch (RuntimeException | Error e) {
            first = e;
        }
        out.add(own);
        for (Future<T> f : futures) {
            try {
                out.add(await(f));
            } catch (RuntimeException | Error e) {
                first = first == null ? e : first;
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        return out;
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;   // the task uses shared buffers: wait for it to end
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Adds each replica's gradients into {@code target}'s, replica by replica in list order; {@code target} and
     * every replica list hold the same parameters in the same order. Only the touched rows of a
     * {@linkplain Param#rowSparse() row-sparse} replica gradient are added, and they are marked in the target.
     */
    public static void sumGradients(List<Param<float[]>> target, List<List<Param<float[]>>> replicas) {
        for (int k = 0; k < replicas.size(); k++) {
            List<Param<float[]>> replica = replicas.get(k);
            for (int i = 0; i < target.size(); i++) {
                Param<float[]> into = target.get(i);
                Param<float[]> from = replica.get(i);
                if (!from.rowSparse()) {
                    add(from.grad(), into.grad(), 0, into.size());
                    into.markAllRows();
                    continue;
                }
                int width = from.rowSize();
                for (int r = from.nextTouchedRow(0); r >= 0; r = from.nextTouchedRow(r + 1)) {
                    add(from.grad(), into.grad(), r * width, r * width + width);
                    into.markRow(r);
                }
            }
        }
    }

    private static void add(float[] from, float[] into, int start, int end) {
        for (int j = start; j < end; j++) {
            into[j] += from[j];
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
