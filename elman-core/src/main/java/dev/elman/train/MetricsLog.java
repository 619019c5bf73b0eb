package dev.elman.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Appends one record per step and per epoch to a metrics file: JSON lines for {@code .jsonl}/{@code .json}, CSV
 * otherwise (columns {@code kind,epoch,step,loss,tokens,tokens_per_s,lr,grad_norm,metrics}).
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private final BufferedWriter out;
    private final boolean json;

    public MetricsLog(Path file) throws IOException {
        String name = file.getFileName().toString();
        this.json = name.endsWith(".jsonl") || name.endsWith(".json");
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh && !json) {
            out.write("kind,epoch,step,loss,tokens,tokens_per_s,lr,grad_norm,metrics\n");
        }
    }

    @Override
    public void onStep(StepEvent e) {
        if (json) {
            write(String.format(Locale.ROOT, "{\"kind\":\"step\",\"epoch\":%d,\"step\":%d,\"loss\":%s,\"tokens\":%d,"
                            + "\"tokens_per_s\":%.1f,\"lr\":%s,\"grad_norm\":%s,\"skipped\":%b}",
                    e.epoch() + 1, e.globalStep(), num(e.loss()), e.tokens(), e.tokensPerSecond(),
                    num(e.learningRate()), num(e.gradNorm()), e.skipped()));
        } else {
            write(String.format(Locale.ROOT, "step,%d,%d,%s,%d,%.1f,%s,%s,", e.epoch() + 1, e.globalStep(),
                    num(e.loss()), e.tokens(), e.tokensPerSecond(), num(e.learningRate()), num(e.gradNorm())));
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        StringBuilder m = new StringBuilder();
        for (Map.Entry<String, Double> kv : e.metrics().entrySet()) {
            if (json) {
                m.append(",\"").append(kv.getKey()).append("\":").append(num(kv.getValue()));
            } else {
                m.append(m.length() == 0 ? "" : ";").append(kv.getKey()).append('=').append(num(kv.getValue()));
            }
        }
        if (json) {
            write(String.format(Locale.ROOT, "{\"kind\":\"epoch\",\"epoch\":%d,\"train_loss\":%s,\"improved\":%b,"
                    + "\"seconds\":%.1f%s}", e.epoch() + 1, num(e.trainLoss()), e.improved(), e.elapsedSeconds(), m));
        } else {
            write(String.format(Locale.ROOT, "epoch,%d,,%s,,,,,%s", e.epoch() + 1, num(e.trainLoss()), m));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics log: " + e.getMessage(), e);
        }
    }

    @Override
    public void onEnd() {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
