package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import dev.elman.optim.GradClip;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rows a row-sparse gradient records, and that zeroing through the marks leaves nothing behind. */
class ParamRowTrackingTest {
    private static final Kernels<float[]> K = FloatReferenceKernels.INSTANCE;
    private final RnnConfig config = RnnConfig.builder().vocabSize(30).embeddingSize(3).hiddenSize(5).outputSize(4)
            .build();
    private final int[][] tokens = {{3, 7, 7, 12}, {29, 3}};
    private final int[][] labels = {{0, 1, 2, 3}, {1, 0}};

    private static List<Integer> touchedRows(Param<?> p) {
        List<Integer> rows = new ArrayList<>();
        for (int r = p.nextTouchedRow(0); r >= 0; r = p.nextTouchedRow(r + 1)) {
            rows.add(r);
        }
        return rows;
    }

    private static void trainingPass(ElmanNetwork<float[]> net, int[][] tokens, int[][] labels) {
        Workspace<float[]> ws = net.newWorkspace();
        net.forward(SequenceBatch.ofTokens(tokens, labels), ws);
        net.loss(LossSpec.SUM, ws);
        net.backward(ws);
    }

    @Test
    void onlyTheEmbeddingIsRowSparse() {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, K, 3);
        for (Param<float[]> p : net.params()) {
            assertThat(p.rowSparse()).as(p.name()).isEqualTo(p.name().equals("embedding.weight"));
        }
        assertThat(net.replica().param("embedding.weight").rowSparse()).isTrue();
    }

    @Test
    void backwardMarksExactlyTheBatchTokensAndNothingElseIsNonZero() {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, K, 3);
        Param<float[]> emb = net.param("embedding.weight");
        assertThat(emb.touchedRowCount()).as("before the first zeroGrad every row counts").isEqualTo(30);
        net.zeroGrad();
        assertThat(emb.touchedRowCount()).isZero();
        assertThat(emb.nextTouchedRow(0)).isEqualTo(-1);
        trainingPass(net, tokens, labels);
        assertThat(touchedRows(emb)).containsExactly(3, 7, 12, 29);
        assertThat(emb.touchedRowCount()).isEqualTo(4);
        TreeSet<Integer> nonZero = new TreeSet<>();
        float[] g = emb.grad();
        for (int i = 0; i < g.length; i++) {
            if (g[i] != 0) {
                nonZero.add(i / emb.rowSize());
            }
        }
        assertThat(nonZero).containsExactly(3, 7, 12, 29);
    }

    @Test
    void zeroGradAfterSparseUseLeavesAnAllZeroGradient() {
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, K, 3);
        net.zeroGrad();
        trainingPass(net, tokens, labels);
        trainingPass(net, new int[][]{{1, 2}, {28}}, new int[][]{{1, 1}, {2}});   // accumulates more rows
        Param<float[]> emb = net.param("embedding.weight");
        assertThat(touchedRows(emb)).containsExactly(1, 2, 3, 7, 12, 28, 29);
        net.zeroGrad();
        for (Param<float[]> p : net.params()) {
            assertThat(p.grad()).as(p.name()).isEqualTo(new float[p.size()]);
        }
        assertThat(emb.touchedRowCount()).isZero();
    }

    @Test
    void zeroGradClearsRowsWrittenDirectlyOnlyIfTheyAreMarked() {
        Param<float[]> p = Param.create(K, "table", 6, 2).trackRows();
        p.zeroGrad();
        p.grad()[2 * 4 + 1] = 5f;
        p.markRow(4);
        p.grad()[2 * 1] = 7f;   // not marked: breaks the contract, so zeroGrad does not see it
        p.zeroGrad();
        assertThat(p.grad()).containsExactly(0f, 0f, 7f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f);
        p.markAllRows();
        p.zeroGrad();
        assertThat(p.grad()).isEqualTo(new float[12]);
    }

    @Test
    void aNonFiniteValueInAMarkedRowReachesTheNorm() {
        Param<float[]> p = Param.create(K, "table", 6, 2).trackRows();
        p.zeroGrad();
        p.grad()[2 * 5] = Float.NaN;
        p.markRow(5);
        assertThat(GradClip.globalNorm(List.of(p))).isNaN();
    }

    @Test
    void replicasStartWithNoTouchedRowsAndAddToGradRowsMarks() {
        Param<float[]> p = Param.create(K, "table", 5, 2).trackRows();
        Param<float[]> view = p.sharingValue(K);
        assertThat(view.rowSparse()).isTrue();
        assertThat(view.touchedRowCount()).isZero();
        assertThat(view.value()).isSameAs(p.value());
        view.addToGradRows(new float[]{1, 2, 3, 4, 5, 6}, 0, new int[]{9, 4, 1, 4}, 1, 3);
        assertThat(touchedRows(view)).containsExactly(1, 4);
        assertThat(view.grad()).containsExactly(0f, 0f, 3f, 4f, 0f, 0f, 0f, 0f, 6f, 8f);
    }

    @Test
    void untrackedParametersReportEveryRow() {
        Param<float[]> p = Param.create(K, "w", 3, 4);
        assertThat(p.rowSparse()).isFalse();
        assertThat(p.touchedRowCount()).isEqualTo(3);
        assertThat(touchedRows(p)).containsExactly(0, 1, 2);
        p.markRow(1);   // no-op
        assertThat(p.rowSize()).isEqualTo(4);
    }

    @Test
    void rejectsRowsOutsideTheShapeAndScalars() {
        Param<float[]> p = Param.create(K, "table", 5, 2).trackRows();
        assertThatThrownBy(() -> p.markRow(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.markRow(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(p.touchedRowCount()).isEqualTo(5);
        assertThatThrownBy(() -> Param.create(K, "scalar").trackRows()).isInstanceOf(IllegalStateException.class);
    }
}
