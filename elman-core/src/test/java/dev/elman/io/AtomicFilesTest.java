package dev.elman.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void createsAndReplacesLeavingNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.bin");
        AtomicFiles.write(target, out -> out.write(utf8("first")));
        assertArrayEquals(utf8("first"), Files.readAllBytes(target));
        byte[] big = new byte[300_000]; // larger than the internal buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        AtomicFiles.write(target, out -> {
            out.write(big, 0, 1000);
            out.write(big[1000]);
            out.write(big, 1001, big.length - 1001);
            out.close(); // allowed
        });
        assertArrayEquals(big, Files.readAllBytes(target));
        assertEquals(List.of("model.bin"), listing(dir));
    }

    @Test
    void missingDirectoryFailsClearly(@TempDir Path dir) {
        Path target = dir.resolve("missing").resolve("model.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains("creating a temporary file in " + dir.resolve("missing")
                + " failed (no such file or directory: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("no file was created"), e.getMessage());
    }

    @Test
    void failingBodyLeavesThePreviousFileIntact(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.bin");
        Files.write(target, utf8("old"));
        IOException cause = new IOException("No space left on device");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(utf8("partial new content"));
            throw cause;
        }));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("cannot write " + target.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("writing the content failed (No space left on device, the disk is full)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the previous file is intact"), e.getMessage());
        assertArrayEquals(utf8("old"), Files.readAllBytes(target));
        assertEquals(List.of("model.bin"), listing(dir));
    }

    @Test
    void uncheckedExceptionsPropagateUnchangedAfterCleanUp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.bin");
        Files.write(target, utf8("old"));
        UncheckedIOException boom = new UncheckedIOException(new IOException("x"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    throw boom;
                }));
        assertSame(boom, e);
        assertArrayEquals(utf8("old"), Files.readAllBytes(target));
        assertEquals(List.of("model.bin"), listing(dir));
    }

    @Test
    void parentThatIsARegularFileFails(@TempDir Path dir) throws IOException {
        Path notADir = dir.resolve("plain.txt");
        Files.write(notADir, utf8("x"));
        Path target = notADir.resolve("model.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().startsWith("cannot write " + target.toAbsolutePath()
                + ": creating a temporary file in " + notADir.toAbsolutePath() + " failed ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("no file was created"), e.getMessage());
        assertEquals(List.of("plain.txt"), listing(dir));
    }

    @Test
    void directoryTargetIsRefused(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectory(dir.resolve("d"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().endsWith("it is a directory"), e.getMessage());
    }

    @Test
    void readOnlyDirectoryFailsAndKeepsTheOldFile(@TempDir Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Path target = ro.resolve("model.bin");
        Files.write(target, utf8("old"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "permissions are not enforced for this user (root?)");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
            assertTrue(e.getMessage().endsWith("the previous file is intact"), e.getMessage());
            assertArrayEquals(utf8("old"), Files.readAllBytes(target));
            assertEquals(List.of("model.bin"), listing(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void replacementKeepsTheTargetsPermissions(@TempDir Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("model.bin");
        Files.write(target, utf8("old"));
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(target, perms);
        AtomicFiles.write(target, out -> out.write(utf8("new")));
        assertEquals(perms, Files.getPosixFilePermissions(target));
        assertArrayEquals(utf8("new"), Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("model.bin.tmp")));
    }
}
