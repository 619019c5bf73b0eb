package dev.elman.cli;

import java.nio.file.Path;

/** Where companion files of a model live. */
final class ModelPaths {
    private ModelPaths() {
    }

    /** {@code model.safetensors → model.ff.safetensors}: the recurrence-off baseline trained alongside. */
    static Path baselineOf(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name;
        return model.resolveSibling(stem + ".ff.safetensors");
    }
}
