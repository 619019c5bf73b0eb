package dev.elman.cli;

import dev.elman.train.MetricsLog;
import dev.elman.train.ProgressBar;
import dev.elman.train.TrainingListener;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every training command shares: checkpoints, the metrics log and progress output (a picocli mixin). */
final class TrainingRunOptions {
    @Option(names = "--checkpoint-dir", description = "checkpoint folder; an existing checkpoint is resumed")
    Path checkpointDir;
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also checkpoint every N steps")
    int checkpointEvery;
    @Option(names = "--metrics", description = "metrics log (.csv or .jsonl)")
    Path metrics;
    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    /** The progress bar (silent with --quiet) and, with --metrics, the metrics log, which this opens. */
    List<TrainingListener> listeners() throws IOException {
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(ProgressBar.stderr(quiet));
        if (metrics != null) {
            listeners.add(new MetricsLog(metrics));
        }
        return listeners;
    }
}
