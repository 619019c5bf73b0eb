package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.SplittableRandom;

/**
 * Seeded initialisation: Xavier/Glorot uniform for U and V, orthogonal or scaled identity for W, N(0, 1) for the
 * embedding (PyTorch's nn.Embedding default), zero biases.
 *
 * <p>Values are drawn in double from one {@link SplittableRandom} per parameter, seeded from the run seed and the
 * parameter's position, then rounded to the network's precision: a float and a double network built from the same
 * seed hold the same values up to that rounding, on any machine.
 */
public final class Init {
    private Init() {
    }

    /** Initialises every parameter of {@code net} from {@code seed}. */
    public static <A> void initialize(ElmanNetwork<A> net, long seed) {
        Kernels<A> k = net.kernels();
        RnnConfig cfg = net.config();
        int index = 0;
        for (Param<A> p : net.params()) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index++);
            String name = p.name();
            int[] shape = p.shape();
            if (name.startsWith("rnn.bias") || name.equals("output.bias")) {
                k.fill(p.value(), 0, p.size(), 0);
            } else if (name.equals("embedding.weight")) {
                for (int i = 0; i < p.size(); i++) {
                    k.set(p.value(), i, gaussian(rng));
                }
            } else if (name.startsWith("rnn.weight_hh")) {
                double[] w = cfg.recurrentInit() == RnnConfig.RecurrentInit.IDENTITY
                        ? identity(shape[0]) : orthogonal(shape[0], rng);
                for (int i = 0; i < w.length; i++) {
                    k.set(p.value(), i, cfg.recurrentScale() * w[i]);
                }
            } else {
                double a = Math.sqrt(6.0 / (shape[0] + shape[1]));
                for (int i = 0; i < p.size(); i++) {
                    k.set(p.value(), i, (2 * rng.nextDouble() - 1) * a);
                }
            }
        }
    }

    private static double[] identity(int n) {
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            w[i * n + i] = 1;
        }
        return w;
    }

    /** A random orthogonal n×n matrix: modified Gram-Schmidt on the rows of a Gaussian matrix. */
    static double[] orthogonal(int n, SplittableRandom rng) {
        double[] q = new double[n * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = gaussian(rng);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int c = 0; c < n; c++) {
                    dot += q[i * n + c] * q[j * n + c];
                }
                for (int c = 0; c < n; c++) {
                    q[i * n + c] -= dot * q[j * n + c];
                }
            }
            double norm = 0;
            for (int c = 0; c < n; c++) {
                norm += q[i * n + c] * q[i * n + c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < n; c++) {
                q[i * n + c] /= norm;
            }
        }
        return q;
    }

    /** A standard normal draw (Box-Muller), defined here so that the stream is the same on every JDK. */
    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
