package dev.elman.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable named tensor: element type, shape (outermost dimension first) and row-major data.
 *
 * <p>Data is held as little-endian bytes, as in the file, so any {@link DType} can be carried; typed views
 * ({@link #toFloatArray()} and friends) return fresh copies and require the matching type. Factories copy their
 * arguments. Equality is by name, type, shape and exact data bits.
 */
public final class Tensor {
    /** Largest array the JVM reliably allocates. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final byte[] data;

    private Tensor(String name, DType dtype, int[] shape, int size, byte[] data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.data = data;
    }

    /** A {@link DType#F32} tensor holding a copy of {@code values}. */
    public static Tensor f32(String name, int[] shape, float[] values) {
        int n = checkedSize(name, DType.F32, shape, values.length);
        ByteBuffer b = buffer(n, DType.F32);
        b.asFloatBuffer().put(values);
        return new Tensor(name, DType.F32, shape.clone(), n, b.array());
    }

    /** A {@link DType#F64} tensor holding a copy of {@code values}. */
    public static Tensor f64(String name, int[] shape, double[] values) {
        int n = checkedSize(name, DType.F64, shape, values.length);
        ByteBuffer b = buffer(n, DType.F64);
        b.asDoubleBuffer().put(values);
        return new Tensor(name, DType.F64, shape.clone(), n, b.array());
    }

    /** An {@link DType#I32} tensor holding a copy of {@code values}. */
    public static Tensor i32(String name, int[] shape, int[] values) {
        int n = checkedSize(name, DType.I32, shape, values.length);
        ByteBuffer b = buffer(n, DType.I32);
        b.asIntBuffer().put(values);
        return new Tensor(name, DType.I32, shape.clone(), n, b.array());
    }

    /** An {@link DType#I64} tensor holding a copy of {@code values}. */
    public static Tensor i64(String name, int[] shape, long[] values) {
        int n = checkedSize(name, DType.I64, shape, values.length);
        ByteBuffer b = buffer(n, DType.I64);
        b.asLongBuffer().put(values);
        return new Tensor(name, DType.I64, shape.clone(), n, b.array());
    }

    /**
     * A tensor of any type from its little-endian row-major bytes (copied).
     *
     * @throws IllegalArgumentException if the byte count is not {@code product(shape) * dtype.byteSize()}
     */
    public static Tensor ofBytes(String name, DType dtype, int[] shape, byte[] littleEndian) {
        Objects.requireNonNull(dtype, "dtype");
        int n = checkedSize(name, dtype, shape, -1);
        if ((long) n * dtype.byteSize() != littleEndian.length) {
            throw new IllegalArgumentException(describe(name) + ": shape " + Arrays.toString(shape) + " of "
                    + dtype + " needs " + (long) n * dtype.byteSize() + " bytes but " + littleEndian.length
                    + " were given");
        }
        return new Tensor(name, dtype, shape.clone(), n, littleEndian.clone());
    }

    /** Wraps already validated arrays without copying them (for the reader, which owns them). */
    static Tensor adopt(String name, DType dtype, int[] shape, int size, byte[] littleEndian) {
        return new Tensor(name, dtype, shape, size, littleEndian);
    }

    /** The tensor's name, e.g. {@code rnn.weight_hh_l0}. */
    public String name() {
        return name;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape, outermost dimension first ({@code []} for a scalar). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar, 0 if any dimension is 0). */
    public int size() {
        return size;
    }

    /** Number of data bytes. */
    public int byteSize() {
        return data.length;
    }

    /** A copy of the data as {@code float}s; requires {@link DType#F32}. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        view(DType.F32).asFloatBuffer().get(out);
        return out;
    }

    /** A copy of the data as {@code double}s; requires {@link DType#F64}. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        view(DType.F64).asDoubleBuffer().get(out);
        return out;
    }

    /** A copy of the data as {@code int}s; requires {@link DType#I32}. */
    public int[] toIntArray() {
        int[] out = new int[size];
        view(DType.I32).asIntBuffer().get(out);
        return out;
    }

    /** A copy of the data as {@code long}s; requires {@link DType#I64}. */
    public long[] toLongArray() {
        long[] out = new long[size];
        view(DType.I64).asLongBuffer().get(out);
        return out;
    }

    /** A copy of the raw little-endian row-major data, whatever the type. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The live data array, for writers in this package (never exposed). */
    byte[] rawData() {
        return data;
    }

    private ByteBuffer view(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException(describe(name) + " holds " + dtype + " elements, not " + expected);
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + dtype + ", shape " + Arrays.toString(shape) + "]";
    }

    /**
     * Validates name and shape and returns the element count; {@code given} (if not negative) must equal it.
     */
    private static int checkedSize(String name, DType dtype, int[] shape, int given) {
        Objects.requireNonNull(name, "tensor name");
        Objects.requireNonNull(shape, () -> describe(name) + ": shape");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException(describe(name) + ": shape " + Arrays.toString(shape)
                        + " has a negative dimension at index " + i);
            }
            n *= shape[i];
            if (n * dtype.byteSize() > MAX_BYTES) {
                throw new IllegalArgumentException(describe(name) + ": shape " + Arrays.toString(shape)
                        + " of " + dtype + " exceeds " + MAX_BYTES + " bytes");
            }
        }
        if (given >= 0 && given != n) {
            throw new IllegalArgumentException(describe(name) + ": shape " + Arrays.toString(shape) + " holds "
                    + n + " elements but " + given + " values were given");
        }
        return (int) n;
    }

    private static ByteBuffer buffer(int n, DType dtype) {
        return ByteBuffer.allocate(n * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String describe(String name) {
        return "tensor \"" + name + "\"";
    }
}
