package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VectorTiles#packA}: every layout of A into strips, with arrays sized exactly (no room past the end). */
class PackATest {

    @Test
    void stripsHoldEveryElementOfOpAWhereTheTilesReadIt() {
        Random rnd = new Random(5);
        for (int m : new int[] {1, 2, 5, 6, 7, 12, 13, 20, 32}) {
            for (int kl : new int[] {1, 2, 5, 9, 40}) {
                for (boolean tn : new boolean[] {false, true}) {
                    for (int pad = 0; pad < 3; pad++) {
                        // op(A) is m × kl: row-major (ars = lda, aks = 1) or, for TN, stored kl × m (ars = 1)
                        int lda = (tn ? m : kl) + pad;
                        int ars = tn ? 1 : lda;
                        int aks = tn ? lda : 1;
                        int a0 = pad;
                        float[] a = new float[a0 + (tn ? kl : m) * lda];
                        for (int i = 0; i < a.length; i++) {
                            a[i] = (float) rnd.nextGaussian();
                        }
                        float[] ap = new float[m * kl];
                        VectorTiles.packA(m, kl, a, a0, ars, aks, ap);
                        for (int s = 0; s < m; ) {
                            int width = VectorTiles.strip(s, m);
                            for (int r = 0; r < width; r++) {
                                for (int p = 0; p < kl; p++) {
                                    float want = a[a0 + (s + r) * ars + p * aks];
                                    assertEquals(want, ap[s * kl + p * width + r], 0f, "m=" + m + " kl=" + kl
                                            + " tn=" + tn + " pad=" + pad + " row " + (s + r) + " p " + p);
                                }
                            }
                            s += width;
                        }
                    }
                }
            }
        }
    }
}
