package dev.elman.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a step allocates: runs it for a while under a JFR recording of allocation samples and names the frames of
 * the given package that the sampled bytes were allocated from, heaviest first. For catching, in the act, a
 * process whose compiled kernels box vectors (a rare JIT outcome that a later process does not repeat).
 */
final class AllocationSites {
    private AllocationSites() {
    }

    /**
     * Runs {@code step} for {@code seconds} while sampling allocations, and returns up to {@code n} lines
     * "{@code Class.method:line  share%}" for the first frame of each sample whose class is in {@code pkg}.
     */
    static List<String> top(Runnable step, double seconds, String pkg, int n) {
        Path file = null;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "10000/s");
            recording.start();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            do {
                step.run();
            } while (System.nanoTime() < end);
            recording.stop();
            file = Files.createTempFile("elman-allocation", ".jfr");
            recording.dump(file);
            return heaviest(RecordingFile.readAllEvents(file), pkg, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record allocations: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static List<String> heaviest(List<RecordedEvent> events, String pkg, int n) {
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : events) {
            if (e.getStackTrace() == null) {   // the recording holds allocation samples only
                continue;
            }
            long weight = e.getLong("weight");
            total += weight;
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith(pkg)) {
                    bytes.merge(type + "." + f.getMethod().getName() + ":" + f.getLineNumber(), weight, Long::sum);
                    break;
                }
            }
        }
        List<Map.Entry<String, Long>> sites = new ArrayList<>(bytes.entrySet());
        sites.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> s : sites.subList(0, Math.min(n, sites.size()))) {
            lines.add(String.format(Locale.ROOT, "%s  %.0f%%", s.getKey(), 100.0 * s.getValue() / Math.max(1, total)));
        }
        return lines;
    }
}
