package dev.elman.train;

/**
 * One shard's part of a data-parallel training step, for {@link DataParallel#runShards}: a pass that runs on one
 * thread, then a fixed number of independent tail jobs (such as
 * {@link dev.elman.nn.ElmanNetwork#runTailJob the gradient products a backward pass leaves}) that any thread may run.
 */
public interface ShardStep {
    /** The shard's pass, on one thread. */
    void run();

    /** The number of tail jobs {@link #run} will leave; asked before it runs, at every step. */
    int tailJobs();

    /** Runs tail job {@code job} after {@link #run} has returned, on any thread; each job runs once per step. */
    void runTailJob(int job);
}
