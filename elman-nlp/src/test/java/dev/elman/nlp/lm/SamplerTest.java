package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private final LmModel model = TestModels.small(TestModels.TEXT, 10, 1, 21);

    private String generate(String prime, int length, SamplingConfig c, long seed) {
        StringBuilder seen = new StringBuilder();
        String out = Sampler.generate(model.newSession(), prime, length, c, seed, seen::appendCodePoint);
        assertEquals(out, seen.toString(), "the sink sees exactly the returned text");
        return out;
    }

    @Test
    void aSeedAlwaysGivesTheSameText() {
        SamplingConfig c = new SamplingConfig(0.8, 0);
        String a = generate("the ", 200, c, 5);
        assertEquals(200, a.length());
        assertEquals(a, generate("the ", 200, c, 5));
        assertNotEquals(a, generate("the ", 200, c, 6));
        assertEquals(new SamplingConfig(1.3, 4).topK(), 4);
        assertEquals(generate("the ", 100, new SamplingConfig(1.3, 4), 9),
                generate("the ", 100, new SamplingConfig(1.3, 4), 9));
    }

    @Test
    void temperatureZeroIsArgmax() {
        LmSession session = model.newSession();
        CharVocabulary v = model.vocabulary();
        LmStep step = session.feed(model.initialState(), v.encode("the ", "t"));
        StringBuilder greedy = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            int id = step.prediction().argmax();
            greedy.appendCodePoint(v.codePoint(id));
            step = session.step(step.state(), id);
        }
        SamplingConfig zero = new SamplingConfig(0, 0);
        assertTrue(zero.greedy());
        assertEquals(greedy.toString(), generate("the ", 60, zero, 1));
        assertEquals(greedy.toString(), generate("the ", 60, zero, 2), "the seed plays no part");
        assertEquals(greedy.toString(), generate("the ", 60, new SamplingConfig(2.0, 1), 3), "top-1 is arg max");
    }

    @Test
    void topKDrawsOnlyAmongTheKMostProbable() {
        Prediction p = model.newSession().step(model.initialState(), 2).prediction();
        double[] probs = p.probabilities();
        double third = sortedDescending(probs)[2];
        Sampler sampler = new Sampler(new SamplingConfig(1.0, 3), p.size());
        SplittableRandom rng = new SplittableRandom(4);
        int[] counts = new int[p.size()];
        for (int i = 0; i < 3000; i++) {
            counts[sampler.sample(p, rng)]++;
        }
        int distinct = 0;
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0) {
                distinct++;
                assertTrue(probs[id] >= third, "id " + id + " is not among the top 3");
            }
        }
        assertEquals(3, distinct);
    }

    @Test
    void plainSamplingFollowsTheDistribution() {
        Prediction p = model.newSession().step(model.initialState(), 1).prediction();
        Sampler sampler = new Sampler(SamplingConfig.plain(), p.size());
        SplittableRandom rng = new SplittableRandom(8);
        int n = 40_000;
        int[] counts = new int[p.size()];
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(p, rng)]++;
        }
        for (int id = 0; id < counts.length; id++) {
            double expected = n * p.probability(id);
            assertEquals(expected, counts[id], 5 * Math.sqrt(expected) + 1, "id " + id);
        }
    }

    @Test
    void badSettingsAndPrimesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, -1));
        SamplingConfig c = SamplingConfig.plain();
        assertThrows(IllegalArgumentException.class, () -> generate("", 10, c, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generate("thQ", 10, c, 1));
        assertTrue(e.getMessage().startsWith("prime:1:3: character 'Q'"), e.getMessage());
    }

    private static double[] sortedDescending(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }
}
