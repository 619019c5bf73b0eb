package dev.elman.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {

    @Test
    void factoriesCopyTheirArgumentsAndAccessorsReturnCopies() {
        int[] shape = {2, 2};
        float[] values = {1f, 2f, 3f, 4f};
        Tensor t = Tensor.f32("w", shape, values);
        shape[0] = 9;
        values[0] = 9f;
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, t.toFloatArray());
        t.shape()[0] = 7;
        t.toFloatArray()[0] = 7f;
        t.toByteArray()[0] = 7;
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, t.toFloatArray());
        assertEquals(4, t.size());
        assertEquals(16, t.byteSize());
        assertEquals(2, t.rank());
    }

    @Test
    void dataIsLittleEndianRowMajor() {
        Tensor t = Tensor.f32("w", new int[] {2}, new float[] {1f, -2f});
        assertArrayEquals(TestFiles.littleEndianFloats(1f, -2f), t.toByteArray());
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, Tensor.i64("n", new int[] {}, new long[] {1})
                .toByteArray());
    }

    @Test
    void everyTypedFactoryRoundTripsThroughBytes() {
        assertArrayEquals(new double[] {Math.PI, -0.0}, Tensor.f64("d", new int[] {2}, new double[] {Math.PI, -0.0})
                .toDoubleArray());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 5}, Tensor.i32("i", new int[] {2},
                new int[] {Integer.MIN_VALUE, 5}).toIntArray());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, Tensor.i64("l", new int[] {1}, new long[] {Long.MAX_VALUE})
                .toLongArray());
        Tensor raw = Tensor.ofBytes("h", DType.F16, new int[] {2}, new byte[] {0, 60, 0, -68});
        assertArrayEquals(new byte[] {0, 60, 0, -68}, raw.toByteArray());
    }

    @Test
    void scalarsAndEmptyTensors() {
        Tensor scalar = Tensor.f32("s", new int[] {}, new float[] {5f});
        assertEquals(1, scalar.size());
        assertEquals(0, scalar.rank());
        Tensor empty = Tensor.f32("e", new int[] {3, 0}, new float[0]);
        assertEquals(0, empty.size());
        assertEquals(0, empty.byteSize());
    }

    @Test
    void rejectsMismatchedDataAndBadShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.f32("w", new int[] {2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("tensor \"w\": shape [2, 3] holds 6 elements but 5 values"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.f64("w", new int[] {2, -1}, new double[0]));
        assertTrue(e.getMessage().contains("negative dimension at index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ofBytes("b", DType.F32, new int[] {2}, new byte[7]));
        assertTrue(e.getMessage().contains("needs 8 bytes but 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.f32("big", new int[] {1 << 16, 1 << 16}, new float[0]));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void typedViewsRequireTheMatchingType() {
        Tensor t = Tensor.f64("d", new int[] {1}, new double[] {1});
        IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
        assertEquals("tensor \"d\" holds F64 elements, not F32", e.getMessage());
    }

    @Test
    void equalityComparesNameTypeShapeAndBits() {
        Tensor a = Tensor.f32("w", new int[] {2}, new float[] {Float.NaN, 1f});
        assertEquals(a, Tensor.f32("w", new int[] {2}, new float[] {Float.NaN, 1f}));
        assertEquals(a.hashCode(), Tensor.f32("w", new int[] {2}, new float[] {Float.NaN, 1f}).hashCode());
        assertNotEquals(a, Tensor.f32("v", new int[] {2}, new float[] {Float.NaN, 1f}));
        assertNotEquals(a, Tensor.f32("w", new int[] {1, 2}, new float[] {Float.NaN, 1f}));
        assertNotEquals(Tensor.f32("z", new int[] {1}, new float[] {0f}),
                Tensor.f32("z", new int[] {1}, new float[] {-0f}));
        assertNotEquals(Tensor.i32("z", new int[] {1}, new int[] {0}),
                Tensor.f32("z", new int[] {1}, new float[] {0f}));
    }
}
