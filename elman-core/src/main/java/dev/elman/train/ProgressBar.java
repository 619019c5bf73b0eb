package dev.elman.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on a terminal: epoch, step, loss, tokens/s, ETA, redrawn at most ten times a second.
 * Epoch summaries and messages are printed as lines. Stays silent (except for epoch lines and messages) when
 * the stream is not a terminal, and entirely with {@code quiet}.
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private final boolean live;
    private final boolean quiet;
    private long lastDraw;
    private boolean drawn;

    /**
     * @param out   usually {@code System.err}
     * @param live  whether to redraw a live line (true when {@code System.console() != null})
     * @param quiet print nothing at all
     */
    public ProgressBar(PrintStream out, boolean live, boolean quiet) {
        this.out = out;
        this.live = live && !quiet;
        this.quiet = quiet;
    }

    /** A progress bar on stderr, live when stderr is probably a terminal. */
    public static ProgressBar stderr(boolean quiet) {
        return new ProgressBar(System.err, System.console() != null, quiet);
    }

    @Override
    public void onStep(StepEvent e) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && e.batch() + 1 < e.batchesInEpoch()) {
            return;
        }
        lastDraw = now;
        double fraction = (double) e.globalStep() / Math.max(1, e.totalSteps());
        double eta = fraction > 0 ? e.elapsedSeconds() * (1 - fraction) / fraction : 0;
        int width = 20;
        int filled = (int) Math.round(width * (double) (e.batch() + 1) / e.batchesInEpoch());
        out.print(String.format(Locale.ROOT, "\repoch %d [%s%s] step %d  loss %.4f  %,.0f tok/s  ETA %s   ",
                e.epoch() + 1, "=".repeat(filled), " ".repeat(width - filled), e.globalStep(), e.loss(),
                e.tokensPerSecond(), duration(eta)));
        out.flush();
        drawn = true;
    }

    @Override
    public void onEpoch(EpochEvent e) {
        if (quiet) {
            return;
        }
        clearLine();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d  train loss %.4f", e.epoch() + 1,
                e.trainLoss()));
        e.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        sb.append(e.improved() ? "  (best)" : "").append("  ").append(duration(e.elapsedSeconds()));
        out.println(sb);
    }

    @Override
    public void onMessage(String message) {
        if (quiet) {
            return;
        }
        clearLine();
        out.println(message);
    }

    @Override
    public void onEnd() {
        clearLine();
    }

    private void clearLine() {
        if (drawn) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
            drawn = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
