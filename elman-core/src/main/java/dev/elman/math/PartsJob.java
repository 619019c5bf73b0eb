package dev.elman.math;

/**
 * A job in parts that run at the same time, one per thread of a kernel instance ({@link Kernels#runTogether}), and
 * meet at a barrier between phases: a recurrence whose time steps are split by columns, say.
 */
@FunctionalInterface
public interface PartsJob {
    /** Runs part {@code part} of {@code parts}. */
    void run(int part, int parts, Barrier barrier);

    /** Where the parts of one job wait for each other. */
    interface Barrier {
        /** Returns once every part of the job has called it (the same number of times). */
        void await();

        /**
         * Throws if another part has failed: for a part that waits for the others by its own means (a flag they
         * set) instead of at the barrier, and must not wait for ever.
         */
        void checkOthers();
    }
}
