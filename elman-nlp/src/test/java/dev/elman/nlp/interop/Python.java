package dev.elman.nlp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that has given modules, and runs scripts of the repository's tools/ folder. Shared with
 * elman-onnx's tests through this module's test jar.
 */
public final class Python {
    private static final long TIMEOUT_SECONDS = 120;

    private Python() {
    }

    /**
     * The first of $ELMAN_PYTHON, /usr/bin/python3 (Debian's, where python3-torch lives) and python3 on the PATH
     * that imports every one of {@code modules}, or empty.
     */
    public static Optional<String> withModules(String... modules) {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("ELMAN_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        // find_spec locates a module without importing it (importing torch alone takes seconds)
        String probe = "import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in "
                + "sys.argv[1:]) else 1)";
        for (String python : candidates) {
            try {
                List<String> command = new ArrayList<>(List.of(python, "-c", probe));
                command.addAll(List.of(modules));
                if (run(command).exitCode() == 0) {
                    return Optional.of(python);
                }
            } catch (IOException e) {
                // not installed under that name: try the next
            }
        }
        return Optional.empty();
    }

    /** The repository's {@code tools/<name>}, found by walking up from the working directory. */
    public static Path tool(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("tools").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("tools/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Output of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command to completion (or fails after a generous timeout), capturing its output. */
    public static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("elman-py", ".out");
        Path err = Files.createTempFile("elman-py", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command, e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
