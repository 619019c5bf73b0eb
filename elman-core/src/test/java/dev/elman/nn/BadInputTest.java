package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Wrong shapes, ids out of range, empty sequences and NaN inputs are rejected with messages that say what. */
class BadInputTest {
    private final Kernels<float[]> k = FloatReferenceKernels.INSTANCE;
    private final ElmanNetwork<float[]> tokenNet = ElmanNetwork.create(
            RnnConfig.builder().vocabSize(5).embeddingSize(3).hiddenSize(4).outputSize(2).build(), k, 1);
    private final ElmanNetwork<float[]> denseNet = ElmanNetwork.create(
            RnnConfig.builder().inputSize(3).hiddenSize(4).outputSize(2).build(), k, 1);

    private String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void tokenIdOutOfRange() {
        String m = message(() -> tokenNet.forward(SequenceBatch.ofTokens(new int[][]{{1, 7}}, null),
                tokenNet.newWorkspace()));
        assertThat(m).contains("tokens").contains("7").contains("[0, 5)").contains("step 1 of sequence 0");
    }

    @Test
    void emptySequenceAndEmptyBatch() {
        assertThat(message(() -> SequenceBatch.ofTokens(new int[][]{{1}, {}}, null)))
                .contains("sequence 1 has length 0");
        assertThat(message(() -> SequenceBatch.ofTokens(new int[0][], null))).contains("batch is empty");
    }

    @Test
    void labelsOfTheWrongLength() {
        assertThat(message(() -> SequenceBatch.ofTokens(new int[][]{{1, 2}}, new int[][]{{0}})))
                .contains("labels[0]").contains("expected length 2, got 1");
    }

    @Test
    void labelOutOfRange() {
        Workspace<float[]> ws = tokenNet.newWorkspace();
        tokenNet.forward(SequenceBatch.ofTokens(new int[][]{{1, 2}}, new int[][]{{0, 9}}), ws);
        assertThat(message(() -> tokenNet.loss(LossSpec.SUM, ws))).contains("labels[").contains("9")
                .contains("[0, 2)");
    }

    @Test
    void nanInputAndWrongWidth() {
        assertThat(message(() -> SequenceBatch.ofDense(k, new double[][][]{{{1, Double.NaN, 0}}}, null)))
                .contains("x[0][0][1]").contains("NaN");
        assertThat(message(() -> SequenceBatch.ofDense(k, new double[][][]{{{1, 2, 3}, {1, 2}}}, null)))
                .contains("x[0][1]").contains("expected width 3, got 2");
        SequenceBatch<float[]> wide = SequenceBatch.ofDense(k, new double[][][]{{{1, 2, 3, 4}}}, null);
        assertThat(message(() -> denseNet.forward(wide, denseNet.newWorkspace())))
                .contains("expected input width 3, got 4");
    }

    @Test
    void wrongInputKindAndStateShape() {
        SequenceBatch<float[]> tokens = SequenceBatch.ofTokens(new int[][]{{1, 2}}, null);
        assertThat(message(() -> denseNet.forward(tokens, denseNet.newWorkspace()))).contains("dense vectors");
        assertThat(message(() -> tokenNet.forward(tokens, new float[5], tokenNet.newWorkspace())))
                .contains("h0").contains("[1][1][4]").contains("got 5");
        float[] nan = new float[4];
        nan[2] = Float.NaN;
        assertThat(message(() -> tokenNet.forward(tokens, nan, tokenNet.newWorkspace()))).contains("h0")
                .contains("NaN");
    }

    @Test
    void invalidConfiguration() {
        assertThat(message(() -> RnnConfig.builder().vocabSize(3).inputSize(2).hiddenSize(2).build()))
                .contains("exactly one of vocabSize");
        assertThat(message(() -> RnnConfig.builder().inputSize(2).hiddenSize(0).build())).contains("hiddenSize");
        assertThat(message(() -> tokenNet.param("rnn.weight_hh_l7"))).contains("no parameter 'rnn.weight_hh_l7'");
    }
}
