package dev.elman.example;

import dev.elman.loss.LossSpec;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.nn.ElmanNetwork;
import dev.elman.nn.Param;
import dev.elman.nn.RnnConfig;
import dev.elman.nn.SequenceBatch;
import dev.elman.nn.Workspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The seed's example: the previous words decide the current tag. "can" is an auxiliary after a pronoun and a noun
 * after a determiner; 会 is an auxiliary after a pronoun and a noun ("meeting") after 开. The RNN learns both; the
 * same network with the recurrence off sees one word at a time, so it must give "can" the same tag in both places.
 */
class SeedExampleTest {
    private static final String[] CORPUS = {
            "我/PRON 吃/VERB 苹果/NOUN",
            "我/PRON 会/AUX 游泳/VERB",
            "我们/PRON 开/VERB 会/NOUN",
            "他/PRON 会/AUX 吃/VERB 苹果/NOUN",
            "I/PRON can/AUX swim/VERB",
            "you/PRON can/AUX run/VERB",
            "a/DET can/NOUN fell/VERB",
            "the/DET can/NOUN is/AUX red/ADJ",
            "I/PRON see/VERB a/DET can/NOUN",
    };
    private final Map<String, Integer> words = new LinkedHashMap<>();
    private final Map<String, Integer> tags = new LinkedHashMap<>();
    private final int[][] tokens = new int[CORPUS.length][];
    private final int[][] labels = new int[CORPUS.length][];

    SeedExampleTest() {
        for (int s = 0; s < CORPUS.length; s++) {
            String[] pairs = CORPUS[s].split(" ");
            tokens[s] = new int[pairs.length];
            labels[s] = new int[pairs.length];
            for (int t = 0; t < pairs.length; t++) {
                String[] wt = pairs[t].split("/");
                tokens[s][t] = words.computeIfAbsent(wt[0], w -> words.size());
                labels[s][t] = tags.computeIfAbsent(wt[1], x -> tags.size());
            }
        }
    }

    private ElmanNetwork<float[]> train(boolean recurrent) {
        RnnConfig config = RnnConfig.builder().vocabSize(words.size()).embeddingSize(8).hiddenSize(16)
                .outputSize(tags.size()).recurrent(recurrent).build();
        ElmanNetwork<float[]> net = ElmanNetwork.create(config, FloatReferenceKernels.INSTANCE, 2024);
        Workspace<float[]> ws = net.newWorkspace();
        SequenceBatch<float[]> batch = SequenceBatch.ofTokens(tokens, labels);
        for (int epoch = 0; epoch < 300; epoch++) {
            net.zeroGrad();
            net.forward(batch, ws);
            net.loss(LossSpec.MEAN, ws);
            net.backward(ws);
            for (Param<float[]> p : net.params()) {       // plain SGD: θ ← θ − 0.5·dL/dθ
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] -= 0.5f * p.grad()[i];
                }
            }
        }
        return net;
    }

    private int[][] tag(ElmanNetwork<float[]> net, Workspace<float[]> ws) {
        net.forward(SequenceBatch.ofTokens(tokens, null), ws);
        return ws.argmax();
    }

    @Test
    void theRnnUsesThePreviousWordToTagAmbiguousWords() {
        ElmanNetwork<float[]> rnn = train(true);
        int[][] predicted = tag(rnn, rnn.newWorkspace());
        for (int s = 0; s < CORPUS.length; s++) {
            assertArrayEquals(labels[s], predicted[s], "tags of: " + CORPUS[s]);
        }
    }

    @Test
    void withoutRecurrenceAnAmbiguousWordGetsOneTagWhateverPrecedesIt() {
        ElmanNetwork<float[]> ff = train(false);
        Workspace<float[]> ws = ff.newWorkspace();
        int[][] predicted = tag(ff, ws);
        // "can" in "I can swim" (AUX) and in "a can fell" (NOUN): the same word, so the same logits, bit for bit
        assertArrayEquals(ws.logits(4, 1), ws.logits(6, 1));
        assertEquals(predicted[4][1], predicted[6][1]);
        assertNotEquals(labels[4][1], labels[6][1]);
        // so across the ambiguous tokens it is right at most half the time
        List<int[]> ambiguous = new ArrayList<>(List.of(new int[]{1, 1}, new int[]{2, 2}, new int[]{3, 1},
                new int[]{4, 1}, new int[]{5, 1}, new int[]{6, 1}, new int[]{7, 1}, new int[]{8, 3}));
        long correct = ambiguous.stream().filter(p -> predicted[p[0]][p[1]] == labels[p[0]][p[1]]).count();
        long fromMajority = ambiguous.size() - 3;   // 会: 2 AUX vs 1 NOUN; can: 2 AUX vs 3 NOUN
        assertEquals(true, correct <= fromMajority, "feed-forward correct on " + correct + " ambiguous tokens");
    }
}
