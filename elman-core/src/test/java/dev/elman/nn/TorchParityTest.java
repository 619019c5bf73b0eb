package dev.elman.nn;

import dev.elman.loss.LossSpec;
import dev.elman.loss.Reduction;
import dev.elman.math.Activation;
import dev.elman.math.DoubleKernels;
import dev.elman.math.FloatReferenceKernels;
import dev.elman.math.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds the engine to PyTorch: for every fixture in {@code src/test/resources/fixtures/rnn} (written by
 * {@code tools/make_rnn_fixtures.py}), loads the torch weights by name, runs forward, loss and backward, and compares
 * the logits at every real position, h_n, the loss, every parameter gradient, and dL/dh0 and dL/dx where present.
 *
 * <p>Two numbers a and b agree when {@code |a − b| ≤ 1e-5·max(|a|, |b|) + 1e-6}: a relative tolerance of 1e-5 with
 * an absolute floor of 1e-6 for values near zero. The expected values are float64 results rounded to float32.
 */
class TorchParityTest {
    private static final double RELATIVE = 1e-5;
    private static final double ABSOLUTE = 1e-6;
    private static final String FIXTURES = "/fixtures/rnn";
    private static final Pattern BIAS = Pattern.compile("rnn\\.bias_l(\\d+)(_reverse)?");
    private static final int MAX_REPORTED = 20;

    /** The kernels held to the fixtures; fast kernels are added here. */
    static List<Kernels<?>> kernels() {
        List<Kernels<?>> all = new java.util.ArrayList<>(List.of(FloatReferenceKernels.INSTANCE,
                DoubleKernels.INSTANCE, dev.elman.math.FastKernels.portable(2)));
        if (dev.elman.math.FastKernels.vectorAvailable()) {
            all.add(dev.elman.math.FastKernels.vector(2));
        }
        return all;
    }

    static Stream<Arguments> cases() throws IOException {
        List<TorchFixture> fixtures = fixtures();
        return kernels().stream().flatMap(k -> fixtures.stream().map(f -> Arguments.of(f, k, k.name())));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("cases")
    void matchesPyTorch(TorchFixture fixture, Kernels<?> kernels, String kernelName) {
        check(fixture, kernels);
    }

    @Test
    void everyRequiredConfigurationHasAFixture() throws IOException {
        Set<String> names = fixtures().stream().map(TorchFixture::name).collect(Collectors.toSet());
        for (String required : List.of("a_embedding_tanh", "b_two_layers", "c_bidirectional", "d_ragged", "e_relu",
                "f_one_hot", "g_dense_h0", "h_mean_ignore_index")) {
            assertTrue(names.contains(required), "missing fixture " + required + " in " + names);
        }
    }

    @Test
    void aWrongWeightIsCaught() throws IOException {
        TorchFixture f = fixtures().stream().filter(x -> x.name().equals("d_ragged")).findFirst().orElseThrow();
        Mismatches m = run(f, FloatReferenceKernels.INSTANCE, "rnn.weight_hh_l0");
        assertTrue(m.count() > 0, "perturbing rnn.weight_hh_l0 must change the outputs");
    }

    private static List<TorchFixture> fixtures() throws IOException {
        URL url = TorchParityTest.class.getResource(FIXTURES);
        assertNotNull(url, "test resource directory " + FIXTURES + " is missing");
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("bad resource URL " + url, e);
        }
        List<TorchFixture> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                out.add(TorchFixture.read(p));
            }
        }
        return out;
    }

    private static <A> void check(TorchFixture f, Kernels<A> k) {
        Mismatches m = run(f, k, null);
        if (m.count() > 0) {
            fail(f.name() + " on " + k.name() + ": " + m.count() + " of " + m.compared
                    + " values differ beyond 1e-5 relative + 1e-6 absolute:\n" + String.join("\n", m.lines));
        }
        assertTrue(m.compared > 0, "nothing compared");
    }

    /** Runs a fixture; {@code perturb} names a parameter whose first element is nudged (to test the test). */
    private static <A> Mismatches run(TorchFixture f, Kernels<A> k, String perturb) {
        RnnConfig config = config(f);
        ElmanNetwork<A> net = new ElmanNetwork<>(config, k);
        loadParameters(f, net);
        if (perturb != null) {
            A v = net.param(perturb).value();
            k.set(v, 0, k.get(v, 0) + 1e-3);
        }
        int[] lengths = ints(f.tensor("lengths"));
        SequenceBatch<A> batch = batch(f, k, config, lengths);
        A h0 = null;
        if (f.setting("h0").equals("given")) {
            TorchFixture.Tensor t = f.tensor("h0");
            h0 = k.alloc(t.values().length);
            for (int i = 0; i < t.values().length; i++) {
                k.set(h0, i, t.values()[i]);
            }
        }
        Workspace<A> ws = net.newWorkspace();
        net.forward(batch, h0, ws);
        LossSpec spec = new LossSpec(Reduction.parse(f.setting("reduction")), LossSpec.DEFAULT_IGNORE);
        double loss = net.loss(spec, ws);
        net.backward(ws);

        Mismatches m = new Mismatches();
        TorchFixture.Tensor logits = f.tensor("logits");
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                double[] o = ws.logits(s, t);
                for (int c = 0; c < o.length; c++) {
                    m.compare("logits[" + s + "][" + t + "][" + c + "]", logits.at(s, t, c), o[c]);
                }
            }
        }
        compareStates(m, "h_n", f.tensor("h_n"), ws.finalStates());
        m.compare("loss", f.tensor("loss").values()[0], loss);
        compareGradients(f, net, m);
        compareStates(m, "grad.h0", f.tensor("grad.h0"), ws.initialStateGradient());
        if (f.has("grad.input")) {
            TorchFixture.Tensor dx = f.tensor("grad.input");
            for (int s = 0; s < lengths.length; s++) {
                for (int t = 0; t < lengths[s]; t++) {
                    double[] g = ws.inputGradient(s, t);
                    for (int j = 0; j < g.length; j++) {
                        m.compare("grad.input[" + s + "][" + t + "][" + j + "]", dx.at(s, t, j), g[j]);
                    }
                }
            }
        }
        return m;
    }

    private static RnnConfig config(TorchFixture f) {
        return RnnConfig.builder()
                .vocabSize(f.intSetting("vocab"))
                .embeddingSize(f.intSetting("embedding"))
                .inputSize(f.intSetting("input"))
                .hiddenSize(f.intSetting("hidden"))
                .layers(f.intSetting("layers"))
                .bidirectional(f.flag("bidirectional"))
                .activation(Activation.parse(f.setting("activation")))
                .recurrent(f.flag("recurrent"))
                .outputSize(f.intSetting("classes"))
                .build();
    }

    /** Copies every parameter from the fixture (b = bias_ih + bias_hh) and checks that none is left over. */
    private static <A> void loadParameters(TorchFixture f, ElmanNetwork<A> net) {
        Kernels<A> k = net.kernels();
        Set<String> used = new HashSet<>();
        for (Param<A> p : net.params()) {
            List<String> sources = torchNames(p.name()).stream().map(n -> "param." + n).toList();
            for (int i = 0; i < p.size(); i++) {
                k.set(p.value(), i, 0);
            }
            for (String source : sources) {
                TorchFixture.Tensor t = f.tensor(source);
                assertArrayEquals(p.shape(), t.shape(), f.name() + ": shape of " + source + " for " + p.name());
                for (int i = 0; i < p.size(); i++) {
                    k.set(p.value(), i, k.get(p.value(), i) + t.values()[i]);
                }
                used.add(source);
            }
        }
        Set<String> unused = f.tensorNames().stream().filter(n -> n.startsWith("param.") && !used.contains(n))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), unused, f.name() + ": torch parameters the network has no place for");
    }

    /** dL/dθ of every parameter; both torch biases have dL/db as their gradient. */
    private static <A> void compareGradients(TorchFixture f, ElmanNetwork<A> net, Mismatches m) {
        Kernels<A> k = net.kernels();
        Set<String> used = new HashSet<>();
        for (Param<A> p : net.params()) {
            for (String torch : torchNames(p.name())) {
                TorchFixture.Tensor t = f.tensor("grad." + torch);
                for (int i = 0; i < p.size(); i++) {
                    m.compare("grad." + torch + "[" + i + "] (" + p.name() + ")", t.values()[i],
                            k.get(p.grad(), i));
                }
                used.add("grad." + torch);
            }
        }
        Set<String> unused = f.tensorNames().stream().filter(n -> n.startsWith("grad.") && !used.contains(n)
                && !n.equals("grad.input") && !n.equals("grad.h0")).collect(Collectors.toSet());
        assertEquals(Set.of(), unused, f.name() + ": torch gradients not compared");
    }

    /** The torch parameters behind an elman parameter: the same name, or both biases for {@code rnn.bias_l*}. */
    private static List<String> torchNames(String elmanName) {
        Matcher b = BIAS.matcher(elmanName);
        if (b.matches()) {
            String suffix = "_l" + b.group(1) + (b.group(2) == null ? "" : b.group(2));
            return List.of("rnn.bias_ih" + suffix, "rnn.bias_hh" + suffix);
        }
        return List.of(elmanName);
    }

    private static <A> SequenceBatch<A> batch(TorchFixture f, Kernels<A> k, RnnConfig config, int[] lengths) {
        TorchFixture.Tensor labelTensor = f.tensor("labels");
        int width = labelTensor.shape()[1];
        int[][] labels = new int[lengths.length][width];
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < width; t++) {
                labels[s][t] = labelTensor.intAt(s, t);
            }
        }
        if (config.tokenInput()) {
            TorchFixture.Tensor tokenTensor = f.tensor("tokens");
            int[][] tokens = new int[lengths.length][width];
            for (int s = 0; s < lengths.length; s++) {
                for (int t = 0; t < width; t++) {
                    tokens[s][t] = tokenTensor.intAt(s, t);
                }
            }
            return SequenceBatch.ofPaddedTokens(tokens, labels, lengths);
        }
        TorchFixture.Tensor xt = f.tensor("x");
        double[][][] x = new double[lengths.length][][];
        int[][] real = new int[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            x[s] = new double[lengths[s]][config.inputSize()];
            for (int t = 0; t < lengths[s]; t++) {
                for (int j = 0; j < config.inputSize(); j++) {
                    x[s][t][j] = xt.at(s, t, j);
                }
            }
            real[s] = Arrays.copyOf(labels[s], lengths[s]);
        }
        return SequenceBatch.ofDense(k, x, real);
    }

    private static void compareStates(Mismatches m, String what, TorchFixture.Tensor expected, double[][][] actual) {
        assertArrayEquals(expected.shape(), new int[]{actual.length, actual[0].length, actual[0][0].length},
                what + " shape");
        for (int c = 0; c < actual.length; c++) {
            for (int s = 0; s < actual[c].length; s++) {
                for (int j = 0; j < actual[c][s].length; j++) {
                    m.compare(what + "[" + c + "][" + s + "][" + j + "]", expected.at(c, s, j), actual[c][s][j]);
                }
            }
        }
    }

    private static int[] ints(TorchFixture.Tensor t) {
        int[] out = new int[t.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) t.values()[i];
        }
        return out;
    }

    /** Collects the values that disagree, so that a failure lists them all (up to a limit). */
    private static final class Mismatches {
        final List<String> lines = new ArrayList<>();
        int compared;
        private int count;

        void compare(String what, double expected, double actual) {
            compared++;
            double bound = RELATIVE * Math.max(Math.abs(expected), Math.abs(actual)) + ABSOLUTE;
            if (!(Math.abs(expected - actual) <= bound)) {
                count++;
                if (lines.size() < MAX_REPORTED) {
                    lines.add("  " + what + ": torch " + expected + ", elman " + actual);
                }
            }
        }

        int count() {
            return count;
        }
    }
}
