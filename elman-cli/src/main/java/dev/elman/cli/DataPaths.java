package dev.elman.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared corpora: the {@code --data} flag, else {@code $ELMAN_DATA}, else {@code ../shared/data}. */
final class DataPaths {
    private DataPaths() {
    }

    static Path root(Path flag) {
        if (flag != null) {
            return existing(flag, "--data");
        }
        String env = System.getenv("ELMAN_DATA");
        if (env != null && !env.isEmpty()) {
            return existing(Path.of(env), "ELMAN_DATA");
        }
        Path def = Path.of("..", "shared", "data");
        if (Files.isDirectory(def)) {
            return def;
        }
        throw new IllegalArgumentException("cannot find the data folder: give --data DIR or set ELMAN_DATA "
                + "(looked for " + def.toAbsolutePath().normalize() + ")");
    }

    private static Path existing(Path p, String from) {
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(from + ": no such directory: " + p);
        }
        return p;
    }

    /** A file given explicitly, or the default inside the data folder. */
    static Path file(Path explicit, Path dataFlag, String defaultRelative) {
        Path p = explicit != null ? explicit : root(dataFlag).resolve(defaultRelative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + p);
        }
        return p;
    }
}
