package dev.elman.nlp.lm;

import dev.elman.math.FloatReferenceKernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small models and texts for the language-model tests. */
final class TestModels {
    static final String TEXT = "the cat sat on the mat.\nthe dog sat on the log.\n";

    private TestModels() {
    }

    static LmModel small(String text, int hidden, int layers, long seed) {
        return LmModel.create(CharVocabulary.of(text), hidden, layers, FloatReferenceKernels.INSTANCE, seed);
    }

    /** tiny-shakespeare from $ELMAN_DATA or $ELMAN_DATA_DEFAULT, or null if absent. */
    static Path shakespeare() {
        for (String env : new String[]{"ELMAN_DATA", "ELMAN_DATA_DEFAULT"}) {
            String dir = System.getenv(env);
            if (dir != null && !dir.isBlank()) {
                Path p = Path.of(dir, "tinyshakespeare", "input.txt");
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static String read(Path file, int maxChars) throws IOException {
        String s = CharText.read(file);
        return s.substring(0, Math.min(s.length(), maxChars));
    }

    /** Every weight of the model, concatenated. */
    static float[] weights(LmModel m) {
        return concat(m.params().stream().map(p -> p.value()));
    }

    /** Every parameter's gradient, concatenated in parameter order. */
    static float[] gradients(LmModel m) {
        return concat(m.params().stream().map(p -> p.grad()));
    }

    private static float[] concat(java.util.stream.Stream<float[]> arrays) {
        return arrays.reduce(new float[0], (a, b) -> {
            float[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }
}
