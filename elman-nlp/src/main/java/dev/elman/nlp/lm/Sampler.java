package dev.elman.nlp.lm;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Draws characters from predictions with a temperature and an optional top-k limit. A given seed always gives the
 * same text (for the same model and kernels). Not thread-safe: it keeps scratch buffers; use one per thread.
 */
public final class Sampler {
    private final SamplingConfig config;
    private final int[] candidates;
    private final double[] weights;

    public Sampler(SamplingConfig config, int vocabSize) {
        this.config = config;
        this.candidates = new int[vocabSize];
        this.weights = new double[vocabSize];
    }

    /**
     * One character id drawn from {@code p}: arg max when {@link SamplingConfig#greedy()} (no draw from
     * {@code rng}), else exactly one {@code rng.nextDouble()}.
     */
    public int sample(Prediction p, SplittableRandom rng) {
        if (p.size() != candidates.length) {
            throw new IllegalArgumentException("prediction over " + p.size() + " characters, but this sampler was "
                    + "made for " + candidates.length);
        }
        if (config.greedy()) {
            return p.argmax();
        }
        int n = selectCandidates(p);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, p.logit(candidates[i]));
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp((p.logit(candidates[i]) - max) / config.temperature());
            total += weights[i];
        }
        double u = rng.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return candidates[i];
            }
        }
        return candidates[n - 1];   // u rounded up to the total
    }

    /** Fills {@code candidates} with every id, or the top k by logit (ties to the lower id); returns how many. */
    private int selectCandidates(Prediction p) {
        int v = p.size();
        int k = config.topK() == 0 ? v : Math.min(config.topK(), v);
        if (k == v) {
            for (int i = 0; i < v; i++) {
                candidates[i] = i;
            }
            return v;
        }
        int n = 0;
        for (int id = 0; id < v; id++) {
            float logit = p.logit(id);
            if (n == k && logit <= p.logit(candidates[k - 1])) {
                continue;
            }
            int at = n < k ? n++ : k - 1;
            while (at > 0 && p.logit(candidates[at - 1]) < logit) {
                candidates[at] = candidates[at - 1];
                at--;
            }
            candidates[at] = id;
        }
        return n;
    }

    /**
     * Feeds {@code prime} from the initial state and then draws {@code length} characters, each fed back in; the
     * drawn text (without the prime) is returned and also passed, character by character, to {@code sink}.
     *
     * @param seed seeds the only source of randomness
     * @throws IllegalArgumentException if the prime is empty or has a character outside the vocabulary
     */
    public static String generate(LmSession session, String prime, int length, SamplingConfig config, long seed,
                                  IntConsumer sink) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        LmModel model = session.model();
        CharVocabulary vocab = model.vocabulary();
        if (prime.isEmpty()) {
            throw new IllegalArgumentException("the prime text is empty: give at least one character to start from");
        }
        LmStep step = session.feed(model.initialState(), vocab.encode(prime, "prime"));
        Sampler sampler = new Sampler(config, vocab.size());
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int id = sampler.sample(step.prediction(), rng);
            int cp = vocab.codePoint(id);
            out.appendCodePoint(cp);
            sink.accept(cp);
            if (i + 1 < length) {
                step = session.step(step.state(), id);
            }
        }
        return out.toString();
    }
}
