package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.List;

/**
 * The backward pass of an {@link ElmanNetwork}. What must run in order: dL/do(t) back through V, then each layer's
 * recurrence from the top layer down, with each upper layer's dL/dx. The rest — products that nothing later in the
 * pass reads — is the tail: dL/dV and dL/dc, every layer's dL/dW, dL/dU and dL/db, and the first layer's dL/dx
 * followed by the embedding's gradient. Its jobs write disjoint elements, so they may run in any order
 * and on any threads with the same bits; {@link #run} runs them inline or leaves them to {@link #runJob}.
 */
final class Backprop<A> {
    private static final int OUTPUT = 0;
    private static final int RECURRENT_WEIGHTS = 1;
    private static final int INPUT_WEIGHTS = 2;
    private static final int FIRST_INPUT = 3;

    private final RnnConfig config;
    private final Kernels<A> kernels;
    private final List<ElmanCell<A>> cells;
    private final Param<A> embedding;
    private final Param<A> outWeight;
    private final Param<A> outBias;
    // tail job j: its kind and its cell
    private final int[] kind;
    private final int[] cell;

    Backprop(RnnConfig config, Kernels<A> kernels, List<ElmanCell<A>> cells, Param<A> embedding, Param<A> outWeight,
             Param<A> outBias) {
        this.config = config;
        this.kernels = kernels;
        this.cells = cells;
        this.embedding = embedding;
        this.outWeight = outWeight;
        this.outBias = outBias;
        // dL/dW is one job: split by columns, each part would lay out all of dL/da again (a tenth of the product)
        int wJobs = config.recurrent() ? 1 : 0;
        boolean firstInput = !(config.tokenInput() && config.embeddingSize() == 0);
        int jobs = (outWeight != null ? 1 : 0) + cells.size() * (wJobs + 1) + (firstInput ? 1 : 0);
        kind = new int[jobs];
        cell = new int[jobs];
        int j = 0;
        if (outWeight != null) {
            kind[j++] = OUTPUT;
        }
        for (int c = 0; c < cells.size(); c++) {
            if (wJobs == 1) {
                kind[j] = RECURRENT_WEIGHTS;
                cell[j++] = c;
            }
            kind[j] = INPUT_WEIGHTS;
            cell[j++] = c;
        }
        if (firstInput) {
            kind[j] = FIRST_INPUT;
        }
    }

    /** The number of tail jobs, fixed by the configuration. */
    int jobs() {
        return kind.length;
    }

    /**
     * Backpropagation through time from the workspace's dL/do(t); the tail runs here unless {@code leaveTail}.
     * {@code dhFinal} is rank-ordered dL/dh_final already checked, or null.
     */
    void run(A dhFinal, Workspace<A> ws, boolean leaveTail) {
        Packing p = ws.batch.packing();
        int n = p.totalRows();
        int b = p.batchSize();
        int hs = config.hiddenSize();
        int dirs = config.directions();
        int top = config.layers() - 1;
        int width = config.layerOutputSize();
        kernels.gemm(false, false, n, width, config.outputSize(), ws.dLogits, 0, config.outputSize(),
                outWeight.value(), 0, width, false, ws.dLayerOut.get(top), 0, width);
        if (dhFinal != null) {
            Rows.rank(kernels, config, dhFinal, ws.dhFinalRanked, p, false);
        }
        kernels.fill(ws.dh0Ranked, 0, config.layers() * dirs * b * hs, 0);
        for (int l = top; l >= 0; l--) {
            if (ws.droppedLast) {
                kernels.multiplyInPlace(ws.masks.get(l), 0, ws.dLayerOut.get(l), 0, n * width);
            }
            if (dirs == 2) {
                Rows.deinterleave(kernels, ws.dLayerOut.get(l), ws.dh.get(l * 2), ws.dh.get(l * 2 + 1), n, hs);
            }
            A dx = l > 0 ? ws.dLayerOut.get(l - 1) : null;
            if (dx != null) {
                kernels.fill(dx, 0, n * width, 0);
            }
            for (int d = 0; d < dirs; d++) {
                int c = l * dirs + d;
                ElmanCell<A> cellC = cells.get(c);
                cellC.backwardSteps(kernels, p, ws.h.get(c), ws.dh.get(c), dhFinal == null ? null : ws.dhFinalRanked,
                        c * b * hs, ws.dh0Ranked, c * b * hs, ws.scratch, ws.packedW);
                if (dx != null) {
                    cellC.inputGradient(kernels, p, ws.dh.get(c), dx);
                }
            }
        }
        ws.tailLeft = leaveTail;
        if (!leaveTail) {
            for (int j = 0; j < kind.length; j++) {
                runJob(ws, j);
            }
        }
    }

    /** Runs tail job {@code j} of the workspace's last backward pass. */
    void runJob(Workspace<A> ws, int j) {
        Packing p = ws.batch.packing();
        int n = p.totalRows();
        switch (kind[j]) {
            case OUTPUT -> {
                int width = config.layerOutputSize();
                int classes = config.outputSize();
                kernels.gemm(true, false, classes, width, n, ws.dLogits, 0, classes,
                        layerInput(ws, config.layers()), 0, width, true, outWeight.grad(), 0, width);
                kernels.addColumnSums(ws.dLogits, 0, n, classes, outBias.grad(), 0);
            }
            case RECURRENT_WEIGHTS -> cells.get(cell[j]).weightGradient(kernels, p, ws.dh.get(cell[j]),
                    ws.prev.get(cell[j]));
            case INPUT_WEIGHTS -> {
                int l = cell[j] / config.directions();
                boolean oneHot = l == 0 && embedding == null && config.tokenInput();
                A x = l > 0 ? layerInput(ws, l) : embedding != null ? ws.x0 : ws.batch.dense();
                cells.get(cell[j]).inputWeightGradient(kernels, p, oneHot ? ws.batch.tokens() : null, x,
                        ws.dh.get(cell[j]));
            }
            default -> {   // FIRST_INPUT: the directions add into dL/dx in order
                kernels.fill(ws.dx0, 0, n * config.firstLayerInputSize(), 0);
                for (int d = 0; d < config.directions(); d++) {
                    cells.get(d).inputGradient(kernels, p, ws.dh.get(d), ws.dx0);
                }
                if (embedding != null) {
                    embedding.addToGradRows(ws.dx0, 0, ws.batch.tokens(), 0, n);
                }
            }
        }
    }

    /** The input of layer {@code l} (or of the output layer, l = layers) as the last forward pass saw it. */
    static <A> A layerInput(Workspace<A> ws, int l) {
        return ws.droppedLast ? ws.dropped.get(l - 1) : ws.layerOut.get(l - 1);
    }
}
