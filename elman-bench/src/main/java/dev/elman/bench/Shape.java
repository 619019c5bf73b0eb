package dev.elman.bench;

import java.util.Random;

/**
 * A GEMM shape named {@code what_XY_MxNxK}, X and Y being N or T for op(A) and op(B), with random operands.
 * For example {@code step_NT_32x256x256} is the recurrent step 32×256·(256×256)ᵀ.
 */
final class Shape {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float[] a;
    final float[] b;
    final float[] c;

    Shape(String name, long seed) {
        String[] parts = name.split("_");
        if (parts.length != 3 || parts[1].length() != 2) {
            throw new IllegalArgumentException("shape '" + name + "': expected what_XY_MxNxK, e.g. step_NT_32x256x256");
        }
        String[] dims = parts[2].split("x");
        transA = parts[1].charAt(0) == 'T';
        transB = parts[1].charAt(1) == 'T';
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        Random rnd = new Random(seed);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
    }

    int lda() {
        return transA ? m : k;
    }

    int ldb() {
        return transB ? k : n;
    }

    /** Floating-point operations of one product: 2·m·n·k. */
    static double flops(String name) {
        String[] dims = name.split("_")[2].split("x");
        return 2.0 * Double.parseDouble(dims[0]) * Double.parseDouble(dims[1]) * Double.parseDouble(dims[2]);
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
