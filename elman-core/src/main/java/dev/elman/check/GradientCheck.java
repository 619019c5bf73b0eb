package dev.elman.check;

import dev.elman.loss.LossSpec;
import dev.elman.math.DoubleKernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import dev.elman.train.TruncatedBptt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks backpropagation through time against finite differences, with the engine running in double precision
 * (the same code as float32, over {@link DoubleKernels}).
 *
 * <p>Every element of every parameter (and of h(0) and dense inputs) is perturbed; the numerical derivative is the
 * fourth-order central difference (8[F(θ+h) − F(θ−h)] − [F(θ+2h) − F(θ−2h)]) / 12h with h = 1e-4. The relative
 * error of an element is |analytic − numeric| / max(|analytic|, |numeric|, 1e-5); the floor keeps gradients that are
 * exactly zero (ignored positions, relu's flat side) from dividing by zero. Under truncated BPTT the objective is the
 * sum of the chunk losses with each chunk's incoming state held at its value for the unperturbed parameters, which
 * is exactly what truncation differentiates.
 */
public final class GradientCheck {
    private static final double STEP = 1e-4;
    private static final double FLOOR = 1e-5;

    /**
     * What to check.
     *
     * @param config          the architecture (small: every element is perturbed)
     * @param lengths         sequence lengths of the random batch
     * @param truncation      truncated-BPTT chunk length, or 0 for full BPTT
     * @param loss            loss reduction and ignore label
     * @param seed            seed for the weights, inputs, labels and initial state
     * @param initialState    whether to use a random non-zero h(0) (and check dL/dh(0))
     * @param ignoredFraction fraction of positions given the ignore label
     */
    public record Spec(RnnConfig config, int[] lengths, int truncation, LossSpec loss, long seed,
                       boolean initialState, double ignoredFraction) {
        public Spec {
            lengths = lengths.clone();
            if (truncation < 0) {
                throw new IllegalArgumentException("truncation must be >= 0, got " + truncation);
            }
        }

        @Override
        public int[] lengths() {
            return lengths.clone();
        }
    }

    /** Maximum relative error per checked tensor (parameter names, plus {@code h0} and {@code input}). */
    public record Result(Map<String, Double> maxRelativeError) {
        public Result {
            maxRelativeError = Map.copyOf(maxRelativeError);
        }

        /** The largest error over all tensors. */
        public double max() {
            return maxRelativeError.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private GradientCheck() {
    }

    /** Runs the check. */
    public static Result run(Spec spec) {
        return new Run(spec).check();
    }

    private static final class Run {
        final Spec spec;
        final RnnConfig cfg;
        final DoubleKernels k = DoubleKernels.INSTANCE;
        final ElmanNetwork<double[]> net;
        final Workspace<double[]> ws;
        final SplittableRandom rng;
        final int[][] tokens;
        final double[][][] dense;
        final int[][] labels;
        final double[] h0;
        double[][] chunkStates;   // incoming state of each chunk at the unperturbed parameters

        Run(Spec spec) {
            this.spec = spec;
            this.cfg = spec.config();
            this.net = ElmanNetwork.create(cfg, k, spec.seed());
            this.ws = net.newWorkspace();
            this.rng = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
            for (Param<double[]> p : net.params()) {
                if (p.name().contains("bias")) {
                    for (int i = 0; i < p.size(); i++) {
                        p.value()[i] = 0.2 * (rng.nextDouble() - 0.5);
                    }
                }
            }
            int[] lengths = spec.lengths();
            labels = new int[lengths.length][];
            tokens = cfg.tokenInput() ? new int[lengths.length][] : null;
            dense = cfg.tokenInput() ? null : new double[lengths.length][][];
            for (int s = 0; s < lengths.length; s++) {
                labels[s] = new int[lengths[s]];
                for (int t = 0; t < lengths[s]; t++) {
                    labels[s][t] = rng.nextDouble() < spec.ignoredFraction()
                            ? spec.loss().ignoreLabel() : rng.nextInt(cfg.outputSize());
                }
                if (tokens != null) {
                    tokens[s] = rng.ints(lengths[s], 0, cfg.vocabSize()).toArray();
                } else {
                    dense[s] = new double[lengths[s]][cfg.inputSize()];
                    for (double[] x : dense[s]) {
                        for (int j = 0; j < x.length; j++) {
                            x[j] = 2 * rng.nextDouble() - 1;
                        }
                    }
                }
            }
            if (spec.initialState()) {
                h0 = new double[net.stateSize(lengths.length)];
                for (int i = 0; i < h0.length; i++) {
                    h0[i] = rng.nextDouble() - 0.5;
                }
            } else {
                h0 = null;
            }
        }

        SequenceBatch<double[]> batch() {
            return tokens != null ? SequenceBatch.ofTokens(tokens, labels) : SequenceBatch.ofDense(k, dense, labels);
        }

        Result check() {
            Map<String, Double> errors = new LinkedHashMap<>();
            net.zeroGrad();
            SequenceBatch<double[]> batch = batch();
            double[] dh0 = null;
            if (spec.truncation() == 0) {
                net.forward(batch, h0, ws);
                net.loss(spec.loss(), ws);
                net.backward(ws);
                dh0 = new double[net.stateSize(batch.packing().batchSize())];
                net.initialStateGradientInto(ws, dh0);
            } else {
                recordChunkStates(batch);
                TruncatedBptt.lossAndGradient(net, batch, spec.truncation(), h0, spec.loss(), ws, null);
            }
            double[][][] dx = dense == null || spec.truncation() != 0 ? null : inputGradient(batch);
            for (Param<double[]> p : net.params()) {
                errors.put(p.name(), worstError(p.value(), p.grad().clone()));
            }
            if (dh0 != null && h0 != null) {
                errors.put("h0", worstError(h0, dh0));
            }
            if (dx != null) {
                double worst = 0;
                for (int s = 0; s < dense.length; s++) {
                    for (int t = 0; t < dense[s].length; t++) {
                        worst = Math.max(worst, worstError(dense[s][t], dx[s][t]));
                    }
                }
                errors.put("input", worst);
            }
            return new Result(errors);
        }

        /** Perturbs each element of {@code values} in turn; the worst relative error against {@code analytic}. */
        double worstError(double[] values, double[] analytic) {
            double worst = 0;
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                final int idx = i;
                double numeric = derivative(x -> {
                    values[idx] = saved + x;
                    return objective();
                });
                values[i] = saved;
                worst = Math.max(worst, relativeError(analytic[i], numeric));
            }
            return worst;
        }

        double[][][] inputGradient(SequenceBatch<double[]> batch) {
            double[][][] dx = new double[dense.length][][];
            for (int s = 0; s < dense.length; s++) {
                dx[s] = new double[dense[s].length][];
                for (int t = 0; t < dense[s].length; t++) {
                    dx[s][t] = ws.inputGradient(s, t);
                }
            }
            return dx;
        }

        void recordChunkStates(SequenceBatch<double[]> batch) {
            int steps = batch.packing().maxLength();
            int chunks = (steps + spec.truncation() - 1) / spec.truncation();
            chunkStates = new double[chunks][];
            double[] state = h0 == null ? new double[net.stateSize(batch.packing().batchSize())] : h0.clone();
            for (int c = 0; c < chunks; c++) {
                chunkStates[c] = state.clone();
                net.forward(batch.window(k, c * spec.truncation(), spec.truncation()), state, ws);
                net.finalStatesInto(ws, state);
            }
        }

        double objective() {
            SequenceBatch<double[]> batch = batch();
            if (spec.truncation() == 0) {
                net.forward(batch, h0, ws);
                return net.loss(spec.loss(), ws);
            }
            int divisor = 0;
            for (int[] seq : labels) {
                for (int y : seq) {
                    divisor += y == spec.loss().ignoreLabel() ? 0 : 1;
                }
            }
            double total = 0;
            for (int c = 0; c < chunkStates.length; c++) {
                net.forward(batch.window(k, c * spec.truncation(), spec.truncation()), chunkStates[c], ws);
                total += net.loss(spec.loss(), Math.max(divisor, 1), ws);
            }
            return total;
        }
    }

    private static double derivative(java.util.function.DoubleUnaryOperator f) {
        double a = f.applyAsDouble(STEP) - f.applyAsDouble(-STEP);
        double b = f.applyAsDouble(2 * STEP) - f.applyAsDouble(-2 * STEP);
        return (8 * a - b) / (12 * STEP);
    }

    static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }
}
