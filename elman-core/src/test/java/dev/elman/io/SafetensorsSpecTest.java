package dev.elman.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.elman.io.TestFiles.ascii;
import static dev.elman.io.TestFiles.concat;
import static dev.elman.io.TestFiles.littleEndianFloats;
import static dev.elman.io.TestFiles.prefix;
import static dev.elman.io.TestFiles.spaces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Byte-exact checks against the safetensors format: the expected images are built by hand from the format rules
 * (and agree with the reference implementation's published serialization examples).
 */
class SafetensorsSpecTest {

    private static final float[] ZERO_TO_FIVE = {0f, 1f, 2f, 3f, 4f, 5f};

    @Test
    void singleTensorHeaderAlreadyAlignedNeedsNoPadding() {
        String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertEquals(64, header.length());
        byte[] expected = concat(prefix(64), ascii(header), littleEndianFloats(ZERO_TO_FIVE));
        byte[] actual = SafetensorsWriter.toBytes(List.of(Tensor.f32("attn.0", new int[] {1, 2, 3}, ZERO_TO_FIVE)));
        assertArrayEquals(expected, actual);
        // the first bytes spelled out: N = 64 little-endian, then '{'
        assertArrayEquals(new byte[] {64, 0, 0, 0, 0, 0, 0, 0, '{', '"', 'a'}, Arrays.copyOf(actual, 11));
        // data: 1.0f little-endian is 00 00 80 3F
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Arrays.copyOfRange(actual, 8 + 64 + 4, 8 + 64 + 8));
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOfEight() {
        String header = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
        assertEquals(65, header.length());
        byte[] expected = concat(prefix(72), ascii(header), spaces(7), littleEndianFloats(ZERO_TO_FIVE));
        assertArrayEquals(expected, SafetensorsWriter.toBytes(
                List.of(Tensor.f32("attn0", new int[] {1, 1, 2, 3}, ZERO_TO_FIVE))));
    }

    @Test
    void emptyFileIsAnEmptyObjectPadded() {
        assertArrayEquals(concat(prefix(8), ascii("{}"), spaces(6)), SafetensorsWriter.toBytes(List.of()));
    }

    @Test
    void metadataComesFirst() {
        String header = "{\"__metadata__\":{\"framework\":\"pt\"}}";
        assertEquals(35, header.length());
        assertArrayEquals(concat(prefix(40), ascii(header), spaces(5)),
                SafetensorsWriter.toBytes(List.of(), Map.of("framework", "pt")));
    }

    @Test
    void tensorsAreOrderedByDecreasingAlignmentThenName() {
        byte[] file = SafetensorsWriter.toBytes(List.of(
                Tensor.f32("b", new int[] {1}, new float[] {1}),
                Tensor.ofBytes("u", DType.U8, new int[] {1}, new byte[] {7}),
                Tensor.i32("c", new int[] {1}, new int[] {3}),
                Tensor.f64("y", new int[] {1}, new double[] {2}),
                Tensor.f32("a", new int[] {1}, new float[] {0}),
                Tensor.i64("z", new int[] {1}, new long[] {5})));
        String expected = "{"
                + "\"z\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[20,24]},"
                + "\"c\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[24,28]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[28,29]}}";
        int n = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(n, (expected.length() + 7) / 8 * 8);
        assertEquals(expected, new String(file, 8, n, StandardCharsets.UTF_8).stripTrailing());
        assertEquals(8 + n + 29, file.length);
        assertEquals(7, file[file.length - 1]);
    }

    @Test
    void readsAHandBuiltFileWithFreeLayoutHeader() throws IOException {
        // keys in any order, metadata in the middle, JSON whitespace, escapes, tensors listed out of offset order,
        // a scalar, an empty tensor sharing an offset, no padding to 8
        String header = "{\n  \"b\\u00e9\": {\"shape\": [], \"dtype\": \"F32\", \"data_offsets\": [8, 12]},\n"
                + "  \"__metadata__\": {\"format\": \"pt\", \"w\\u00e9\": \"\\ud83d\\ude00\"},\n"
                + "  \"w\": {\"data_offsets\": [0, 8], \"dtype\": \"F32\", \"shape\": [2, 1]},\n"
                + "  \"e\": {\"dtype\": \"F64\", \"shape\": [0], \"data_offsets\": [8, 8]}\n}   ";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] file = concat(prefix(h.length), h, littleEndianFloats(1.5f, -2f, 42f));
        SafetensorsFile f = SafetensorsReader.read(file);
        assertEquals(List.of("w", "e", "b\u00e9"), f.names());
        assertArrayEquals(new float[] {1.5f, -2f}, f.floats("w", 2, 1));
        assertArrayEquals(new float[] {42f}, f.floats("b\u00e9"));
        assertArrayEquals(new double[0], f.doubles("e", 0));
        assertEquals(Map.of("format", "pt", "w\u00e9", "\ud83d\ude00"), f.metadata());
    }
}
