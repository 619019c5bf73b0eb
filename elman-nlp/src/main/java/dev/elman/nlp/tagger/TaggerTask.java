package dev.elman.nlp.tagger;

import dev.elman.loss.LossSpec;
import dev.elman.nn.Param;
import dev.elman.train.DataParallel;
import dev.elman.train.ShardStep;
import dev.elman.train.TrainingTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link TaggerModel} on a tagged corpus: each epoch shuffles the sentences (seeded by seed and epoch),
 * groups them into buckets of similar length and cuts those into batches of about {@code batchTokens} tokens;
 * evaluation is tagging accuracy on a dev corpus.
 */
public final class TaggerTask implements TrainingTask {
    private static final int BUCKET_BATCHES = 32;
    private final TaggerModel model;
    private final TaggerSession session;
    private final DataParallel parallel;
    private final List<TaggerModel> replicas = new ArrayList<>();     // shards 1.., shard 0 is the model itself
    private final List<TaggerSession> replicaSessions = new ArrayList<>();
    private final List<int[]> trainIds = new ArrayList<>();
    private final List<int[]> trainTags = new ArrayList<>();
    private final int[] formCounts;
    private final TaggedCorpus dev;
    private final int batchTokens;
    private List<int[]> batches = List.of();   // sentence indices of each batch of the current epoch

    /**
     * @param batchTokens target number of tokens per batch
     * @param parallel    the threads each batch is sharded over
     */
    public TaggerTask(TaggerModel model, TaggedCorpus train, TaggedCorpus dev, int batchTokens,
                      DataParallel parallel) {
        this.model = model;
        this.session = model.newSession();
        this.parallel = parallel;
        for (int i = 1; i < parallel.threads(); i++) {
            TaggerModel r = model.replica();
            replicas.add(r);
            replicaSessions.add(r.newSession());
        }
        this.dev = dev;
        this.batchTokens = batchTokens;
        this.formCounts = new int[model.features().vocabulary(0).size()];
        for (int s = 0; s < train.size(); s++) {
            List<String> words = train.sentences().get(s);
            if (words.isEmpty()) {
                continue;
            }
            int[] ids = EncodedBatch.encodeSentence(model.features(), words);
            trainIds.add(ids);
            trainTags.add(tagIds(model, train.tags().get(s), s));
            for (int t = 0; t < words.size(); t++) {
                formCounts[ids[t * WordFeatures.KINDS]]++;
            }
        }
        if (trainIds.isEmpty()) {
            throw new IllegalArgumentException("the training corpus has no words");
        }
    }

    static int[] tagIds(TaggerModel model, List<String> tags, int sentence) {
        int[] ids = new int[tags.size()];
        for (int t = 0; t < ids.length; t++) {
            String tag = tags.get(t);
            if (!model.tags().contains(tag)) {
                throw new IllegalArgumentException("sentence " + (sentence + 1) + ", word " + (t + 1) + ": tag '"
                        + tag + "' is not in the model's tag set " + model.tags().entries());
            }
            ids[t] = model.tags().id(tag);
        }
        return ids;
    }

    @Override
    public List<Param<float[]>> params() {
        return model.params();
    }

    @Override
    public void startEpoch(int epoch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + epoch);
        int n = trainIds.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        double meanLength = trainIds.stream().mapToInt(a -> a.length / WordFeatures.KINDS).average().orElse(1);
        int perBatch = Math.max(1, (int) Math.round(batchTokens / meanLength));
        int bucket = perBatch * BUCKET_BATCHES;
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start += bucket) {
            Integer[] chunk = Arrays.copyOfRange(order, start, Math.min(n, start + bucket));
            Arrays.sort(chunk, (a, b) -> Integer.compare(trainIds.get(a).length, trainIds.get(b).length));
            for (int b = 0; b < chunk.length; b += perBatch) {
                int[] batch = new int[Math.min(perBatch, chunk.length - b)];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = chunk[b + i];
                }
                out.add(batch);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        batches = out;
    }

    @Override
    public int batchesInEpoch() {
        return batches.size();
    }

    @Override
    public StepResult step(int index, SplittableRandom rng) {
        int[] members = batches.get(index);
        int shards = Math.min(parallel.threads(), members.length);
        List<ShardStep> work = new ArrayList<>();
        List<Runnable> finish = new ArrayList<>();
        double[] losses = new double[shards];
        long tokens = 0;
        for (int k = 0; k < shards; k++) {
            int from = members.length * k / shards;
            int to = members.length * (k + 1) / shards;
            List<int[]> ids = new ArrayList<>(to - from);
            List<int[]> tags = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ids.add(trainIds.get(members[i]));
                tags.add(trainTags.get(members[i]));
            }
            EncodedBatch batch = EncodedBatch.of(ids, tags);
            tokens += batch.tokens();
            TaggerSession s = k == 0 ? session : replicaSessions.get(k - 1);
            SplittableRandom shardRng = rng.split();
            if (k > 0) {
                replicas.get(k - 1).params().forEach(Param::zeroGrad);
            }
            int shard = k;
            work.add(new ShardStep() {
                @Override
                public void run() {
                    losses[shard] = s.lossLeavingTail(batch, LossSpec.SUM, shardRng, formCounts);
                }

                @Override
                public int tailJobs() {
                    return s.tailJobs();
                }

                @Override
                public void runTailJob(int job) {
                    s.runTailJob(job);
                }
            });
            finish.add(s::finishGradient);
        }
        // the shards' passes, then their last gradient products on whichever thread is free, then dL/dx into the
        // feature tables (it needs every product of its shard)
        parallel.runShards(work);
        parallel.runAll(finish);
        List<List<Param<float[]>>> others = new ArrayList<>();
        for (int k = 1; k < shards; k++) {
            others.add(replicas.get(k - 1).params());
        }
        DataParallel.sumGradients(model.params(), others);
        double loss = 0;
        for (double l : losses) {
            loss += l;
        }
        return new StepResult(loss, tokens);
    }

    @Override
    public DataParallel threads() {
        return parallel;
    }

    @Override
    public Map<String, Double> evaluate() {
        Evaluation e = Tagging.evaluate(model, session, dev, 2000);
        return Map.of("accuracy", e.accuracy(), "unknown_accuracy", e.unknownAccuracy());
    }
}
