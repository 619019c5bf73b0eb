package dev.elman.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file replacement: readers (and a machine that loses power) see either the previous file or the
 * complete new one, never a partial write.
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} with the bytes {@code body} writes to the given stream.
     *
     * <p>The content goes to a temporary file in the target's directory, which is flushed and fsynced, then renamed
     * over the target (atomically where the file system allows, else by replacement); the directory is then
     * fsynced where the platform supports it. The body may close the stream or not. On any failure the temporary
     * file is deleted and the previous target, if any, is left untouched.
     *
     * @throws IOException naming the target, the step that failed (e.g. permission denied, disk full) and whether
     *                     the previous file is intact; the original exception is the cause. Unchecked exceptions
     *                     from {@code body} propagate unchanged (after the same clean-up).
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        boolean existed = Files.exists(abs);
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write " + abs + ": it is a directory");
        }
        Path temp = createTemp(abs, dir, existed);
        try {
            String step = "writing the content";
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                Unclosable stream = new Unclosable(channel);
                body.accept(stream);
                step = "flushing to disk";
                stream.flush();
                channel.force(true);
            } catch (IOException e) {
                throw failure(abs, step, e, existed);
            }
            try {
                move(temp, abs);
            } catch (IOException e) {
                throw failure(abs, "renaming " + temp.getFileName() + " over it", e, existed);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    private static Path createTemp(Path abs, Path dir, boolean existed) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            Path temp = dir.resolve("." + abs.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                copyPermissions(abs, temp, existed);
                return temp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                throw failure(abs, "creating a temporary file in " + dir, e, existed);
            }
        }
        throw failure(abs, "creating a temporary file in " + dir, last, existed);
    }

    /** Keeps the target's permissions (a fresh file would get the default ones). Best effort. */
    private static void copyPermissions(Path from, Path to, boolean existed) {
        if (!existed) {
            return;
        }
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or not ours to change: keep the defaults
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; directories cannot be opened on some platforms (Windows), hence best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the new file is in place; only durability across a crash is weaker here
        }
    }

    private static IOException failure(Path target, String step, IOException cause, boolean existed) {
        return new IOException("cannot write " + target + ": " + step + " failed (" + describe(cause) + "); "
                + (existed ? "the previous file is intact" : "no file was created"), cause);
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + ((AccessDeniedException) e).getFile()
                    + ", e.g. a read-only folder";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String reason = f.getReason() == null ? e.getClass().getSimpleName() : f.getReason();
            return reason + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains("No space left") ? message + ", the disk is full" : message;
    }

    /** Buffers writes to the channel; close() only flushes, so the body may close it. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(FileChannel channel) {
            super(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
