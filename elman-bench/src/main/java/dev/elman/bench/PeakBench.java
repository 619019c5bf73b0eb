package dev.elman.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The machine's FP32 peak as the JVM reaches it: twelve independent fma chains on the preferred vector species,
 * no memory traffic. {@code FMAS} fma per lane per call, so GFLOP/s = 2 · FMAS · lanes / (ns per call); run with
 * {@code -t 2} for both cores. The GEMM figures are quoted against this.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeakBench extends KernelBenchmark {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Fma per lane per call: 12 chains × 100,000 iterations. */
    public static final long FMAS = 12L * 100_000;

    private final float[] x = {0.999f, 1.0001f, 0.5f, 0.25f, 0.125f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f};

    @Benchmark
    public float fma() {
        FloatVector a = FloatVector.broadcast(S, x[0]);
        FloatVector b = FloatVector.broadcast(S, x[1]);
        FloatVector s0 = FloatVector.broadcast(S, x[2]);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        FloatVector s8 = s0;
        FloatVector s9 = s0;
        FloatVector s10 = s0;
        FloatVector s11 = s0;
        for (int i = 0; i < 100_000; i++) {
            s0 = a.fma(b, s0);
            s1 = a.fma(b, s1);
            s2 = a.fma(b, s2);
            s3 = a.fma(b, s3);
            s4 = a.fma(b, s4);
            s5 = a.fma(b, s5);
            s6 = a.fma(b, s6);
            s7 = a.fma(b, s7);
            s8 = a.fma(b, s8);
            s9 = a.fma(b, s9);
            s10 = a.fma(b, s10);
            s11 = a.fma(b, s11);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .reduceLanes(VectorOperators.ADD);
    }
}
