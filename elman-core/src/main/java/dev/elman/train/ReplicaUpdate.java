package dev.elman.train;

import dev.elman.nn.Param;
import dev.elman.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a data-parallel training step on every thread of a {@link DataParallel}: the replicas' gradients summed
 * into the master's and the optimiser step applied, each thread taking its own rows of every parameter. The same
 * bits as {@link DataParallel#sumGradients} followed by {@link Optimizer#step()} on one thread, and no allocation.
 */
public final class ReplicaUpdate {
    private final DataParallel parallel;
    private final List<Param<float[]>> master;
    private final List<List<Param<float[]>>> replicas;
    private final Optimizer optimizer;
    private final List<Runnable> sumParts = new ArrayList<>();
    private final List<Runnable> sumAndStepParts = new ArrayList<>();

    /**
     * @param master   the parameters the optimiser updates, whose gradients receive the sum
     * @param replicas each replica's parameters, in the master's order
     */
    public ReplicaUpdate(DataParallel parallel, List<Param<float[]>> master, List<List<Param<float[]>>> replicas,
                         Optimizer optimizer) {
        if (!optimizer.params().equals(master)) {
            throw new IllegalArgumentException("the optimiser must update the master's parameters, in its order");
        }
        for (int r = 0; r < replicas.size(); r++) {
            List<Param<float[]>> replica = replicas.get(r);
            if (replica.size() != master.size()) {
                throw new IllegalArgumentException("replica " + r + " has " + replica.size() + " parameters, the master "
                        + master.size());
            }
            for (int i = 0; i < master.size(); i++) {
                Param<float[]> p = replica.get(i);
                Param<float[]> q = master.get(i);
                if (!p.name().equals(q.name()) || p.size() != q.size() || p.rowSize() != q.rowSize()) {
                    throw new IllegalArgumentException("replica " + r + " parameter " + i + " is " + p + ", the master's "
                            + q);
                }
            }
        }
        this.parallel = parallel;
        this.master = List.copyOf(master);
        this.replicas = List.copyOf(replicas);
        this.optimizer = optimizer;
        int parts = parallel.threads();
        for (int p = 0; p < parts; p++) {
            int part = p;
            sumParts.add(() -> DataParallel.sumGradientsPart(this.master, this.replicas, part, parts));
            sumAndStepParts.add(() -> {
                DataParallel.sumGradientsPart(this.master, this.replicas, part, parts);
                optimizer.stepPart(part, parts);
            });
        }
    }

    /** Sums the replicas' gradients into the master's (e.g. before clipping them). */
    public void sum() {
        DataParallel.markTouchedRows(master, replicas);
        parallel.runAll(sumParts);
    }

    /** Sums the replicas' gradients into the master's and applies one optimiser step. */
    public void sumAndStep() {
        DataParallel.markTouchedRows(master, replicas);
        optimizer.beginStep();
        parallel.runAll(sumAndStepParts);
    }
}
