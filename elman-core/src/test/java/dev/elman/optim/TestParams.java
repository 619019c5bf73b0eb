package dev.elman.optim;

import dev.elman.math.FloatReferenceKernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixtures' two tensors as engine parameters: {@code w} (3×4) is a dense-input network's U
 * ({@code rnn.weight_ih_l0}) and {@code b} (5) its output bias ({@code output.bias}).
 */
final class TestParams {
    static final Map<String, String> NAMES = Map.of("w", "rnn.weight_ih_l0", "b", "output.bias");
    private static final RnnConfig CONFIG = RnnConfig.builder().inputSize(4).hiddenSize(3).recurrent(false)
            .outputSize(5).build();

    private TestParams() {
    }

    /** Fresh zero parameters [w, b]. */
    static List<Param<float[]>> create() {
        ElmanNetwork<float[]> net = new ElmanNetwork<>(CONFIG, FloatReferenceKernels.INSTANCE);
        return List.of(net.param(NAMES.get("w")), net.param(NAMES.get("b")));
    }

    static Param<float[]> get(List<Param<float[]>> params, String fixtureName) {
        String name = NAMES.get(fixtureName);
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static void set(float[] target, float[] source) {
        assertEquals(target.length, source.length, "tensor size");
        System.arraycopy(source, 0, target, 0, source.length);
    }

    /**
     * Asserts |actual − expected| ≤ 1e-6 · max(1, |expected|) element-wise: absolute 1e-6 for values up to 1 in
     * magnitude, relative 1e-6 above.
     */
    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-6 * Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(actual[i] - expected[i]) <= tol,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
