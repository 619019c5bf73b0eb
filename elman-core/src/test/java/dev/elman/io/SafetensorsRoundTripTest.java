package dev.elman.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsRoundTripTest {

    private static List<Tensor> sample(long seed) {
        Random r = new Random(seed);
        float[] w = new float[3 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        double[] b = new double[4];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        return List.of(
                Tensor.f32("rnn.weight_ih_l0", new int[] {3, 4}, w),
                Tensor.f64("rnn.bias_ih_l0", new int[] {4}, b),
                Tensor.f32("special", new int[] {5}, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE}),
                Tensor.i32("counts", new int[] {2}, new int[] {-1, Integer.MAX_VALUE}),
                Tensor.i64("step", new int[] {}, new long[] {1L << 40}),
                Tensor.f32("scalar", new int[] {}, new float[] {2.5f}),
                Tensor.f32("empty", new int[] {0, 7}, new float[0]),
                Tensor.f64("empty_too", new int[] {2, 0}, new double[0]),
                Tensor.ofBytes("half", DType.BF16, new int[] {1, 1}, new byte[] {(byte) 0x80, 0x3f}));
    }

    private static void assertSameContent(List<Tensor> expected, SafetensorsFile actual) throws IOException {
        assertEquals(expected.size(), actual.size());
        for (Tensor t : expected) {
            assertEquals(t, actual.tensor(t.name()), t.name());
            assertArrayEquals(t.shape(), actual.shape(t.name()));
        }
    }

    @Test
    void roundTripsEveryTypeThroughBytes() throws IOException {
        List<Tensor> tensors = sample(1);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "h\u00e9llo \u4e16\u754c \ud83d\ude00 \"quoted\" back\\slash\nnewline\ttab \u0001");
        meta.put("", "");
        SafetensorsFile f = SafetensorsReader.read(SafetensorsWriter.toBytes(tensors, meta));
        assertSameContent(tensors, f);
        assertEquals(meta, f.metadata());
        assertEquals("bytes", f.source());
        assertArrayEquals(new float[] {2.5f}, f.floats("scalar"));
        assertArrayEquals(tensors.get(1).toDoubleArray(), f.doubles("rnn.bias_ih_l0", 4));
    }

    @Test
    void specialFloatBitsSurvive() throws IOException {
        SafetensorsFile f = SafetensorsReader.read(SafetensorsWriter.toBytes(sample(2)));
        float[] s = f.floats("special", 5);
        assertTrue(Float.isNaN(s[0]));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(s[3]));
        assertEquals(Float.MIN_VALUE, s[4]);
    }

    @Test
    void emptyFileRoundTrips() throws IOException {
        SafetensorsFile f = SafetensorsReader.read(SafetensorsWriter.toBytes(List.of()));
        assertEquals(0, f.size());
        assertTrue(f.metadata().isEmpty());
    }

    @Test
    void unicodeTensorNamesRoundTrip() throws IOException {
        List<Tensor> tensors = List.of(
                Tensor.f32("\u00e9t\u00e9", new int[] {1}, new float[] {1}),
                Tensor.f32("\ud83d\ude00", new int[] {1}, new float[] {2}),
                Tensor.f32("\uffff", new int[] {1}, new float[] {3}),
                Tensor.f32("a\"b\\c\n", new int[] {1}, new float[] {4}));
        SafetensorsFile f = SafetensorsReader.read(SafetensorsWriter.toBytes(tensors));
        assertSameContent(tensors, f);
        // UTF-8 byte order, as the reference sorts: U+FFFF before U+1F600 (Java's UTF-16 order is the reverse)
        assertEquals(List.of("a\"b\\c\n", "\u00e9t\u00e9", "\uffff", "\ud83d\ude00"), f.names());
    }

    @Test
    void streamAndPathRoundTrips(@TempDir Path dir) throws IOException {
        List<Tensor> tensors = sample(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, tensors, Map.of("k", "v"));
        byte[] bytes = out.toByteArray();
        assertArrayEquals(SafetensorsWriter.toBytes(tensors, Map.of("k", "v")), bytes);

        ByteArrayInputStream in = new ByteArrayInputStream(TestFiles.concat(bytes, new byte[] {42}));
        SafetensorsFile fromStream = SafetensorsReader.read(in, bytes.length);
        assertSameContent(tensors, fromStream);
        assertEquals(42, in.read()); // positioned right after the file

        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("k", "v"));
        assertArrayEquals(bytes, Files.readAllBytes(file));
        SafetensorsFile fromPath = SafetensorsReader.read(file);
        assertSameContent(tensors, fromPath);
        assertEquals(file.toString(), fromPath.source());
        assertEquals(Map.of("k", "v"), fromPath.metadata());
    }

    @Test
    void outputIsDeterministicWhateverTheInputOrder() {
        List<Tensor> tensors = sample(4);
        List<Tensor> reversed = new java.util.ArrayList<>(tensors);
        java.util.Collections.reverse(reversed);
        Map<String, String> m1 = new LinkedHashMap<>();
        m1.put("b", "2");
        m1.put("a", "1");
        assertArrayEquals(SafetensorsWriter.toBytes(tensors, m1),
                SafetensorsWriter.toBytes(reversed, Map.of("a", "1", "b", "2")));
    }

    @Test
    void missingTensorsAndWrongShapesAreNamed() throws IOException {
        SafetensorsFile f = SafetensorsReader.read(SafetensorsWriter.toBytes(sample(5)), "model-7");
        assertFalse(f.contains("rnn.weight_hh_l0"));
        assertTrue(f.find("rnn.weight_hh_l0").isEmpty());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> f.tensor("rnn.weight_hh_l0"));
        assertTrue(e.getMessage().startsWith("model-7: tensor \"rnn.weight_hh_l0\": no such tensor; present: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("rnn.weight_ih_l0"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> f.floats("rnn.weight_ih_l0", 4, 3));
        assertEquals("model-7: tensor \"rnn.weight_ih_l0\": expected F32 of shape [4, 3], found F32 of shape [3, 4]",
                e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> f.floats("rnn.bias_ih_l0", 4));
        assertTrue(e.getMessage().contains("expected F32 of shape [4], found F64 of shape [4]"), e.getMessage());
    }

    @Test
    void writerRejectsInvalidInputBeforeWriting(@TempDir Path dir) {
        Tensor a = Tensor.f32("a", new int[] {1}, new float[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.toBytes(List.of(a, Tensor.f64("a", new int[] {}, new double[] {0}))));
        assertEquals("duplicate tensor name \"a\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                List.of(Tensor.f32("__metadata__", new int[] {1}, new float[] {1}))));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                List.of(Tensor.f32("x\ud800", new int[] {1}, new float[] {1}))));
        assertTrue(e.getMessage().contains("unpaired surrogate U+D800"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.toBytes(List.of(a), Map.of("k", "\udc00")));
        assertTrue(e.getMessage().contains("metadata value of \"k\""), e.getMessage());
        Path file = dir.resolve("m.safetensors");
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(file, List.of(a, a)));
        assertFalse(Files.exists(file));
    }
}
