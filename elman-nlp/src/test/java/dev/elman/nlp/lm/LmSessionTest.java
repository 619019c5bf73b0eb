package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LmSessionTest {

    @Test
    void steppingGivesTheSameDistributionsAsAFullForwardPass() {
        LmModel m = TestModels.small(TestModels.TEXT, 12, 2, 7);
        int[] ids = m.vocabulary().encode(TestModels.TEXT, "t");
        LmSession session = m.newSession();
        LmState state = m.initialState();
        for (int t = 0; t < ids.length; t++) {
            LmStep step = session.step(state, ids[t]);
            LmStep full = m.newSession().feed(m.initialState(), Arrays.copyOf(ids, t + 1));
            assertArrayEquals(full.prediction().probabilities(), step.prediction().probabilities(), 1e-6,
                    "prefix of length " + (t + 1));
            assertArrayEquals(full.state().toArray(), step.state().toArray(), 1e-6f);
            state = step.state();
        }
    }

    @Test
    void aFrozenCopyStepsAndScoresBitForBitAsTheModel() {
        LmModel m = TestModels.small(TestModels.TEXT, 12, 2, 7);
        LmModel frozen = m.freeze();
        int[] ids = m.vocabulary().encode(TestModels.TEXT, "t");
        LmSession live = m.newSession();
        LmSession cold = frozen.newSession();
        LmState a = m.initialState();
        LmState b = frozen.initialState();
        for (int id : ids) {
            LmStep x = live.step(a, id);
            LmStep y = cold.step(b, id);
            assertArrayEquals(x.prediction().probabilities(), y.prediction().probabilities());
            assertArrayEquals(x.state().toArray(), y.state().toArray());
            a = x.state();
            b = y.state();
        }
        assertEquals(live.evaluate(ids, 2).totalNats(), cold.evaluate(ids, 2).totalNats());
    }

    @Test
    void oneStreamEvaluationIsTheLossOfReadingTheTextStepByStep() {
        LmModel m = TestModels.small(TestModels.TEXT, 9, 1, 8);
        int[] ids = m.vocabulary().encode(TestModels.TEXT.repeat(6), "t");   // > one evaluation chunk
        LmSession session = m.newSession();
        double nats = 0;
        LmState state = m.initialState();
        for (int t = 0; t + 1 < ids.length; t++) {
            LmStep step = session.step(state, ids[t]);
            nats -= step.prediction().logProbability(ids[t + 1]);
            state = step.state();
        }
        LmLoss loss = session.evaluate(ids, 1);
        assertEquals(ids.length - 1, loss.characters());
        assertEquals(nats, loss.totalNats(), 1e-6 * nats);
        assertEquals(loss.natsPerChar() / Math.log(2), loss.bitsPerChar(), 1e-12);
        LmLoss three = session.evaluate(ids, 3);
        assertEquals(ids.length - 1, three.characters(), "every position is predicted once");
        assertNotEquals(loss.totalNats(), three.totalNats(), "streams restart from the zero state");
    }

    @Test
    void statesAreImmutableAndReusable() {
        LmModel m = TestModels.small(TestModels.TEXT, 8, 1, 9);
        LmSession session = m.newSession();
        LmState s0 = session.step(m.initialState(), 3).state();
        float[] before = s0.toArray();
        LmStep a = session.step(s0, 4);
        session.step(a.state(), 5);
        LmStep b = session.step(s0, 4);
        assertArrayEquals(before, s0.toArray());
        assertEquals(a.state(), b.state());
        assertArrayEquals(a.prediction().probabilities(), b.prediction().probabilities());
        float[] copy = s0.toArray();
        copy[0] = 42;
        assertArrayEquals(before, s0.toArray());
        assertEquals(s0, LmState.of(m, before));
    }

    @Test
    void probabilitiesAreADistribution() {
        LmModel m = TestModels.small(TestModels.TEXT, 8, 1, 10);
        Prediction p = m.newSession().step(m.initialState(), 0).prediction();
        double sum = Arrays.stream(p.probabilities()).sum();
        assertEquals(1.0, sum, 1e-9);
        assertEquals(Math.log(p.probability(2)), p.logProbability(2), 1e-12);
        int best = p.argmax();
        for (int i = 0; i < p.size(); i++) {
            assertTrue(p.probability(i) <= p.probability(best));
        }
    }

    @Test
    void badInputIsRejectedWithWhatAndWhere() {
        LmModel m = TestModels.small(TestModels.TEXT, 8, 1, 11);
        LmModel other = TestModels.small(TestModels.TEXT, 8, 2, 11);
        LmSession s = m.newSession();
        int v = m.vocabulary().size();
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> s.step(m.initialState(), v));
        assertTrue(id.getMessage().contains("outside [0, " + v + ")"), id.getMessage());
        IllegalArgumentException st = assertThrows(IllegalArgumentException.class,
                () -> s.step(other.initialState(), 0));
        assertTrue(st.getMessage().contains("expected 8 values"), st.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.feed(m.initialState(), new int[0]));
        IllegalArgumentException pos = assertThrows(IllegalArgumentException.class,
                () -> s.feed(m.initialState(), new int[]{0, 1, -1}));
        assertTrue(pos.getMessage().contains("position 2"), pos.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LmState.of(m, new float[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.evaluate(new int[]{0, 1, 2}, 3));
    }

    @Test
    void oneModelServesManyThreads() throws Exception {
        LmModel m = TestModels.small(TestModels.TEXT, 16, 2, 12);
        int[] ids = m.vocabulary().encode(TestModels.TEXT, "t");
        float[] expected = m.newSession().feed(m.initialState(), ids).state().toArray();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] jobs = new Future<?>[4];
            for (int j = 0; j < jobs.length; j++) {
                jobs[j] = pool.submit(() -> {
                    LmSession session = m.newSession();
                    for (int round = 0; round < 20; round++) {
                        LmState state = m.initialState();
                        for (int id : ids) {
                            state = session.step(state, id).state();
                        }
                        assertArrayEquals(expected, state.toArray(), 1e-6f);
                    }
                });
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
