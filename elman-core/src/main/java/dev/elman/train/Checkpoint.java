package dev.elman.train;

import dev.elman.io.AtomicFiles;
import dev.elman.io.SafetensorsFile;
import dev.elman.io.SafetensorsReader;
import dev.elman.io.SafetensorsWriter;
import dev.elman.io.Tensor;
import dev.elman.nn.Param;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint: weights, optimiser state, the best weights so far, the task's extra state and the
 * trainer's counters (epoch, data cursor, step, early-stopping and plateau state), in one safetensors file written
 * atomically. The random state needs no storage: every draw derives from the seed, the epoch and the step.
 */
final class Checkpoint {
    static final String FILE = "checkpoint.safetensors";
    static final String FORMAT = "elman-checkpoint/1";

    private Checkpoint() {
    }

    /** Writes {@code dir/checkpoint.safetensors} atomically; on failure the previous checkpoint is intact. */
    static void write(Path dir, TrainerState state, List<Param<float[]>> params, List<float[]> best,
                      Map<String, float[]> optimizerState, Map<String, float[]> extra) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param<float[]> p = params.get(i);
            tensors.add(Tensor.f32("param." + p.name(), p.shape(), p.value()));
            if (best != null) {
                tensors.add(Tensor.f32("best." + p.name(), p.shape(), best.get(i)));
            }
        }
        optimizerState.forEach((k, v) -> tensors.add(Tensor.f32("optim." + k, new int[]{v.length}, v)));
        extra.forEach((k, v) -> tensors.add(Tensor.f32("extra." + k, new int[]{v.length}, v)));
        Map<String, String> meta = new LinkedHashMap<>(state.toMetadata());
        meta.put("format", FORMAT);
        meta.put("has_best", Boolean.toString(best != null));
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(FILE), out -> SafetensorsWriter.write(out, tensors, meta));
    }

    /** Whether a checkpoint exists in {@code dir}. */
    static boolean exists(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(FILE));
    }

    /** A loaded checkpoint. */
    record Loaded(TrainerState state, Map<String, float[]> optimizerState, Map<String, float[]> extra,
                  boolean hasBest, SafetensorsFile file) {
    }

    /**
     * Reads a checkpoint and copies its weights (and best weights into {@code best}) after checking that every
     * parameter is present with its shape.
     */
    static Loaded read(Path dir, List<Param<float[]>> params, List<float[]> best) throws IOException {
        Path path = dir.resolve(FILE);
        SafetensorsFile f = SafetensorsReader.read(path);
        Map<String, String> meta = f.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(path + ": not an elman checkpoint (format '" + meta.get("format") + "', expected '"
                    + FORMAT + "')");
        }
        boolean hasBest = Boolean.parseBoolean(meta.get("has_best"));
        List<float[]> values = new ArrayList<>();
        for (Param<float[]> p : params) {
            values.add(f.floats("param." + p.name(), p.shape()));
        }
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(values.get(i), 0, params.get(i).value(), 0, params.get(i).size());
            if (hasBest) {
                System.arraycopy(f.floats("best." + params.get(i).name(), params.get(i).shape()), 0, best.get(i), 0,
                        params.get(i).size());
            }
        }
        Map<String, float[]> optim = new LinkedHashMap<>();
        Map<String, float[]> extra = new LinkedHashMap<>();
        for (String name : f.names()) {
            if (name.startsWith("optim.")) {
                optim.put(name.substring(6), f.floats(name, f.shape(name)));
            } else if (name.startsWith("extra.")) {
                extra.put(name.substring(6), f.floats(name, f.shape(name)));
            }
        }
        return new Loaded(TrainerState.fromMetadata(meta, path.toString()), optim, extra, hasBest, f);
    }
}
