package dev.elman.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads safetensors files: an 8-byte little-endian header length N, N bytes of UTF-8 JSON header (starting with
 * '{', possibly padded with trailing spaces), then the data buffer addressed by the header's {@code data_offsets}.
 *
 * <p>Everything in the header is checked before tensor data is allocated: the header length (at least 2, at most
 * {@value #MAX_HEADER_BYTES} bytes, within the input), strict JSON without duplicate keys, known dtypes,
 * non-negative shapes whose byte size does not overflow, offsets within the buffer whose span matches the shape,
 * and offsets that tile the buffer exactly (no overlap, no hole, no trailing bytes). Any fault is a
 * {@link ModelFormatException} naming the source, the tensor and the problem. Stateless and thread-safe.
 */
public final class SafetensorsReader {

    /** Largest accepted JSON header, in bytes (the reference implementation's limit). */
    public static final int MAX_HEADER_BYTES = 100_000_000;
    /** The length prefix, in bytes. */
    static final int PREFIX_BYTES = 8;

    private SafetensorsReader() {
    }

    /** Reads a whole file held in memory; errors name the source {@code "bytes"}. */
    public static SafetensorsFile read(byte[] bytes) throws ModelFormatException {
        return read(bytes, "bytes");
    }

    /** Reads a whole file held in memory; errors name {@code source} (e.g. the URI it was fetched from). */
    public static SafetensorsFile read(byte[] bytes, String source) throws ModelFormatException {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, source);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e); // ByteArrayInputStream never throws
        }
    }

    /** Reads the file at {@code file}; errors name its path. */
    public static SafetensorsFile read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, file.toString());
        }
    }

    /** Reads exactly {@code size} bytes from {@code in}; errors name the source {@code "stream"}. */
    public static SafetensorsFile read(InputStream in, long size) throws IOException {
        return read(in, size, "stream");
    }

    /**
     * Reads exactly {@code size} bytes (the whole file) from {@code in}, leaving the stream open and positioned
     * after them.
     *
     * @param size   the file's length in bytes; the stream ending sooner is a truncated file
     * @param source names the input in error messages
     * @throws ModelFormatException if the content is not a valid safetensors file
     * @throws IOException          if reading the stream fails
     */
    public static SafetensorsFile read(InputStream in, long size, String source) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (size < PREFIX_BYTES) {
            throw new ModelFormatException(source, null, "file has " + size
                    + " bytes, fewer than the 8-byte header length");
        }
        byte[] prefix = readFully(in, PREFIX_BYTES, source, null, 0, size);
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, null, "header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n < 2) {
            throw new ModelFormatException(source, null, "header length " + n
                    + " is too small (the smallest header, \"{}\", has 2 bytes)");
        }
        if (n > size - PREFIX_BYTES) {
            throw new ModelFormatException(source, null, "header length " + n + " exceeds the "
                    + (size - PREFIX_BYTES) + " bytes after the length prefix (truncated file?)");
        }
        byte[] headerBytes = readFully(in, (int) n, source, null, PREFIX_BYTES, size);
        long bufferLength = size - PREFIX_BYTES - n;
        SafetensorsHeader header = SafetensorsHeader.parse(source, headerBytes, bufferLength);
        List<Tensor> tensors = new ArrayList<>(header.entries().size());
        for (SafetensorsHeader.Entry e : header.entries()) {
            byte[] data = readFully(in, e.byteSize(), source, e.name(), PREFIX_BYTES + n + e.begin(), size);
            tensors.add(Tensor.adopt(e.name(), e.dtype(), e.shape(), e.size(), data));
        }
        return new SafetensorsFile(source, header.metadata(), tensors);
    }

    private static byte[] readFully(InputStream in, int length, String source, String tensor, long at,
                                    long size) throws IOException {
        byte[] buf = new byte[length];
        int got = in.readNBytes(buf, 0, length);
        if (got < length) {
            throw new ModelFormatException(source, tensor, "truncated: input ended after " + (at + got)
                    + " of " + size + " bytes");
        }
        return buf;
    }
}
