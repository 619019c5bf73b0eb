package dev.elman.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random corruption of a valid file: the reader returns a valid result or throws ModelFormatException, nothing else. */
class SafetensorsFuzzTest {
    private static final long SEED = 20_240_611L;
    private static final int ITERATIONS = 600;

    private static byte[] base() {
        return SafetensorsWriter.toBytes(List.of(
                Tensor.f32("rnn.weight_ih_l0", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                Tensor.f32("rnn.bias", new int[] {3}, new float[] {-1, 0, 1}),
                Tensor.f64("fc.weight", new int[] {2}, new double[] {0.5, 0.25}),
                Tensor.i64("steps", new int[] {}, new long[] {12}),
                Tensor.f32("empty", new int[] {0}, new float[0])),
                Map.of("format", "pt", "note", "\u00e9\ud83d\ude00"));
    }

    @Test
    void mutatedFilesAreReadOrRejectedCleanly() {
        byte[] base = base();
        int headerEnd = 8 + (int) ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random r = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] bytes = mutate(base, headerEnd, r);
            try {
                SafetensorsFile f = SafetensorsReader.read(bytes);
                accepted++;
                long total = 0;
                for (Tensor t : f.tensors()) {
                    total += t.byteSize();
                }
                assertTrue(total <= bytes.length, "iteration " + i);
                SafetensorsFile again = SafetensorsReader.read(SafetensorsWriter.toBytes(f.tensors(), f.metadata()));
                assertEquals(f.tensors(), again.tensors(), "iteration " + i);
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith("bytes: "), expected.getMessage());
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + SEED + ") threw " + t + " for " + Arrays.toString(bytes), t);
            }
        }
        // data-only mutations leave the file valid, so some must be accepted; most header mutations must not be
        assertTrue(accepted > 0 && accepted < ITERATIONS, "accepted " + accepted);
    }

    private static byte[] mutate(byte[] base, int headerEnd, Random r) {
        byte[] b = base.clone();
        switch (r.nextInt(6)) {
            case 0: // overwrite the length prefix with something random
                for (int k = 0; k < 8; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
                return r.nextBoolean() ? b : zeroHighBytes(b, r);
            case 1: // truncate
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 2: // insert a byte
                int at = r.nextInt(b.length + 1);
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                return longer;
            case 3: // change a digit of the header into another digit (offsets, shapes)
                for (int tries = 0; tries < 100; tries++) {
                    int p = 8 + r.nextInt(headerEnd - 8);
                    if (b[p] >= '0' && b[p] <= '9') {
                        b[p] = (byte) ('0' + r.nextInt(10));
                        break;
                    }
                }
                return b;
            default: // flip 1 to 4 random bytes, mostly in the header
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int p = r.nextInt(4) == 0 ? r.nextInt(b.length) : r.nextInt(headerEnd);
                    b[p] ^= (byte) (1 + r.nextInt(255));
                }
                return b;
        }
    }

    /** Keeps the prefix plausible (small) so that header-length checks against the file size get exercised. */
    private static byte[] zeroHighBytes(byte[] b, Random r) {
        for (int k = 1 + r.nextInt(2); k < 8; k++) {
            b[k] = 0;
        }
        return b;
    }
}
