package dev.elman.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.elman.io.TestFiles.ascii;
import static dev.elman.io.TestFiles.concat;
import static dev.elman.io.TestFiles.file;
import static dev.elman.io.TestFiles.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each malformed input is rejected with a {@link ModelFormatException} naming source, tensor and problem. */
class SafetensorsCorruptionTest {

    private static final String W = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";

    private static String one(String dtype, String shape, String offsets) {
        return "{\"w\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
    }

    private static String two(String a, String b) {
        return "{\"a\":{\"dtype\":\"F32\",\"shape\":[" + a.split(";")[0] + "],\"data_offsets\":[" + a.split(";")[1]
                + "]},\"b\":{\"dtype\":\"F32\",\"shape\":[" + b.split(";")[0] + "],\"data_offsets\":["
                + b.split(";")[1] + "]}}";
    }

    static Stream<Arguments> corruptions() {
        byte[] valid = file(W, 24);
        return Stream.of(
                arguments("empty input", new byte[0], null, "file has 0 bytes, fewer than the 8-byte header length"),
                arguments("truncated prefix", new byte[] {2, 0, 0}, null, "file has 3 bytes"),
                arguments("header length 2^64-1", concat(prefix(-1), ascii("{}")), null,
                        "header length 18446744073709551615 exceeds the limit of 100000000 bytes"),
                arguments("header length over 100 MB", concat(prefix(100_000_001), ascii("{}")), null,
                        "header length 100000001 exceeds the limit"),
                arguments("header length beyond the file", concat(prefix(50), ascii("{}")), null,
                        "header length 50 exceeds the 2 bytes after the length prefix"),
                arguments("header length zero", prefix(0), null, "header length 0 is too small"),
                arguments("header length one", concat(prefix(1), ascii("{")), null, "header length 1 is too small"),
                arguments("truncated data", Arrays.copyOf(valid, valid.length - 4), "w",
                        "data_offsets [0, 24] exceed the data buffer of 20 bytes"),
                arguments("header not starting with {", file(" {}", 0), null,
                        "header must start with '{', found byte 0x20"),
                arguments("header is an array", file("[]", 0), null, "header must start with '{'"),
                arguments("invalid UTF-8", concat(prefix(4), new byte[] {'{', '"', (byte) 0xC3, '"'}), null,
                        "header is not valid UTF-8 at header byte 2"),
                arguments("invalid JSON", file("{\"w\":}", 0), null, "header is not valid JSON: unexpected '}'"),
                arguments("trailing garbage in header", file("{}  x", 0), null,
                        "unexpected 'x' after the JSON value"),
                arguments("padding with NUL", file("{}\0\0", 0), null, "unexpected '\\u0000' after the JSON value"),
                arguments("duplicate tensor names", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\""
                        + ":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), null,
                        "duplicate key \"w\""),
                arguments("duplicate field", file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F64\"}}", 0), null,
                        "duplicate key \"dtype\""),
                arguments("too deep", file("{\"w\":[[[[[[[[[[1]]]]]]]]]]}", 0), null, "nesting deeper than 8"),
                arguments("unknown dtype", file(one("\"F17\"", "[2,3]", "[0,24]"), 24), "w",
                        "unknown dtype \"F17\" (known: [BOOL, U8"),
                arguments("lower-case dtype", file(one("\"f32\"", "[2,3]", "[0,24]"), 24), "w",
                        "unknown dtype \"f32\""),
                arguments("dtype not a string", file(one("4", "[2,3]", "[0,24]"), 24), "w",
                        "dtype must be a string, found number 4"),
                arguments("negative shape", file(one("\"F32\"", "[2,-3]", "[0,24]"), 24), "w",
                        "shape[1] must be a non-negative integer below 2^63, found -3"),
                arguments("fractional shape", file(one("\"F32\"", "[2.0,3]", "[0,24]"), 24), "w",
                        "shape[0] must be a non-negative integer below 2^63, found 2.0"),
                arguments("shape element not a number", file(one("\"F32\"", "[\"2\",3]", "[0,24]"), 24), "w",
                        "shape[0] must be a non-negative integer below 2^63, found \"2\""),
                arguments("shape not an array", file(one("\"F32\"", "6", "[0,24]"), 24), "w",
                        "shape must be an array, found number 6"),
                arguments("dimension beyond int", file(one("\"F32\"", "[3000000000]", "[0,24]"), 24), "w",
                        "dimension 3000000000 exceeds 2147483647"),
                arguments("shape size overflows", file(one("\"F64\"",
                        "[2147483647,2147483647,2147483647]", "[0,24]"), 24), "w", "byte size overflows 64 bits"),
                arguments("offset beyond 2^63", file(one("\"F32\"", "[2,3]", "[0,18446744073709551615]"), 24), "w",
                        "data_offsets[1] must be a non-negative integer below 2^63"),
                arguments("offsets out of range", file(one("\"F32\"", "[2,3]", "[1000,1024]"), 24), "w",
                        "data_offsets [1000, 1024] exceed the data buffer of 24 bytes"),
                arguments("offsets reversed", file(one("\"F32\"", "[0]", "[8,0]"), 24), "w",
                        "data_offsets [8, 0]: begin is after end"),
                arguments("offsets not a pair", file(one("\"F32\"", "[2,3]", "[0,24,48]"), 24), "w",
                        "data_offsets must be [begin, end], found [0,24,48]"),
                arguments("shape/size mismatch", file(one("\"F32\"", "[2,3]", "[0,20]"), 20), "w",
                        "data_offsets [0, 20] span 20 bytes but shape [2, 3] of F32 needs 24"),
                arguments("overlapping tensors", file(two("4;0,16", "4;8,24"), 24), "b",
                        "data_offsets [8, 24] overlap tensor \"a\" at [0, 16]"),
                arguments("same range twice", file(two("2;0,8", "2;0,8"), 8), "b", "overlap tensor \"a\""),
                arguments("hole between tensors", file(two("2;0,8", "2;16,24"), 24), "b",
                        "data_offsets [16, 24] leave a hole: data bytes [8, 16) belong to no tensor"),
                arguments("hole at the start", file(one("\"F32\"", "[1]", "[4,8]"), 8), "w",
                        "leave a hole: data bytes [0, 4)"),
                arguments("trailing bytes", file(W, 28), null,
                        "data buffer has 28 bytes but the tensors cover only the first 24 (trailing bytes)"),
                arguments("data without tensors", file("{}", 3), null, "data buffer has 3 bytes but"),
                arguments("missing field", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", 0), "w",
                        "missing field \"data_offsets\""),
                arguments("unknown field", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],"
                        + "\"offsets\":[0,0]}}", 0), "w", "unknown field \"offsets\""),
                arguments("entry not an object", file("{\"w\":5}", 0), "w",
                        "entry must be an object with dtype, shape and data_offsets, found number"),
                arguments("metadata value not a string", file("{\"__metadata__\":{\"epochs\":3}}", 0), null,
                        "__metadata__ value of \"epochs\" must be a string, found number 3"),
                arguments("metadata not an object", file("{\"__metadata__\":[\"a\"]}", 0), null,
                        "__metadata__ must be an object of strings, found array"),
                arguments("unpaired surrogate in a name", file("{\"\\ud800\":5}", 0), null,
                        "unpaired high surrogate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void rejectsWithANamedProblem(String label, byte[] bytes, String tensor, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsReader.read(bytes));
        assertTrue(e.getMessage().contains(fragment), () -> label + ": " + e.getMessage());
        assertEquals("bytes", e.source());
        assertEquals(Optional.ofNullable(tensor), e.tensor(), e.getMessage());
        String expectedStart = tensor == null ? "bytes: " : "bytes: tensor \"" + tensor + "\": ";
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void streamShorterThanDeclaredIsTruncated() {
        byte[] valid = file(W, 24);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsReader.read(
                new ByteArrayInputStream(Arrays.copyOf(valid, valid.length - 1)), valid.length, "upload"));
        assertEquals("upload: tensor \"w\": truncated: input ended after " + (valid.length - 1) + " of "
                + valid.length + " bytes", e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> SafetensorsReader.read(
                new ByteArrayInputStream(Arrays.copyOf(valid, 20)), valid.length, "upload"));
        assertEquals("upload: truncated: input ended after 20 of " + valid.length + " bytes", e.getMessage());
    }

    @Test
    void fileErrorsNameThePath(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("broken.safetensors");
        Files.write(path, file(one("\"F32\"", "[2,3]", "[0,20]"), 20));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsReader.read(path));
        assertTrue(e.getMessage().startsWith(path + ": tensor \"w\": data_offsets [0, 20] span 20 bytes"),
                e.getMessage());
        assertEquals(path.toString(), e.source());
    }

    @Test
    void acceptsWhatTheSpecAllows() throws Exception {
        // trailing JSON whitespace of any kind, empty tensors at the end, names that look like JSON
        SafetensorsFile f = SafetensorsReader.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":"
                + "[0,4]},\"[]\":{\"dtype\":\"U8\",\"shape\":[0,5],\"data_offsets\":[4,4]}} \n\t\r ", 4));
        assertEquals(List.of("a", "[]"), f.names());
        assertEquals(0, f.tensor("[]").size());
    }
}
