package dev.elman.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code elman} command line. */
@Command(name = "elman", mixinStandardHelpOptions = true, version = "elman 0.1.0",
        description = "Vanilla (Elman) recurrent networks: train, tag, generate, check, benchmark.",
        subcommands = {TagCommand.class, LmCommand.class, GradcheckCommand.class, ExportCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("elman: " + messageOf(e));
            if (System.getenv("ELMAN_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    static String messageOf(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return missing(m);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        return m == null ? e.toString() : m;
    }

    /** Names the missing folder rather than the file when a file's folder does not exist. */
    private static String missing(String path) {
        try {
            java.nio.file.Path parent = java.nio.file.Path.of(path).toAbsolutePath().getParent();
            if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                return "no such folder: " + parent + " (for " + path + ")";
            }
        } catch (RuntimeException notAPath) {
            // the exception's text is not a path: say it as it is
        }
        return "no such file: " + path;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
