package dev.elman.check;

import dev.elman.loss.LossSpec;
import dev.elman.math.Activation;
import dev.elman.nn.RnnConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks of BPTT in double precision for every configuration the engine supports. */
class GradientCheckTest {
    private static final double TOLERANCE = 1e-6;
    private static final int[] RAGGED = {5, 2, 4, 1};

    private static RnnConfig.Builder tokens() {
        return RnnConfig.builder().vocabSize(7).embeddingSize(3).hiddenSize(4).outputSize(3);
    }

    private static RnnConfig.Builder dense() {
        return RnnConfig.builder().inputSize(3).hiddenSize(4).outputSize(3);
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("1 layer, embedding", tokens().build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("1 layer, one-hot into U", RnnConfig.builder().vocabSize(6).hiddenSize(4).outputSize(3)
                        .build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("1 layer, dense input", dense().build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("2 layers", tokens().layers(2).build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("bidirectional", tokens().bidirectional(true).build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("2 layers bidirectional, dense", dense().layers(2).bidirectional(true).build(), RAGGED,
                        0, LossSpec.MEAN, true),
                Arguments.of("relu", dense().activation(Activation.RELU)
                        .recurrentInit(RnnConfig.RecurrentInit.IDENTITY, 0.5).build(), RAGGED, 0, LossSpec.SUM, true),
                Arguments.of("recurrence off", tokens().recurrent(false).build(), RAGGED, 0, LossSpec.SUM, false),
                Arguments.of("mean reduction", tokens().build(), RAGGED, 0, LossSpec.MEAN, false),
                Arguments.of("truncated BPTT k=2", tokens().build(), new int[]{7, 3, 5}, 2, LossSpec.SUM, true),
                Arguments.of("truncated BPTT k=3, 2 layers bidirectional, mean", tokens().layers(2)
                        .bidirectional(true).build(), new int[]{7, 3, 5}, 3, LossSpec.MEAN, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void analyticGradientsMatchFiniteDifferences(String name, RnnConfig config, int[] lengths, int truncation,
                                                 LossSpec loss, boolean initialState) {
        GradientCheck.Result r = GradientCheck.run(
                new GradientCheck.Spec(config, lengths, truncation, loss, 42, initialState, 0.2));
        assertTrue(r.max() <= TOLERANCE, () -> name + ": max relative error per tensor " + r.maxRelativeError());
        assertTrue(r.maxRelativeError().size() >= config.layers() * 2 + 2, "every parameter was checked");
    }
}
