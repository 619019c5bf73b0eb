package dev.elman.optim;

import dev.elman.nn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reproduces torch.optim's weights after each step and its final state from the golden fixtures. */
class OptimizerGoldenTest {

    static Stream<String> cases() {
        return Fixture.names("sgd_", "adagrad_", "rmsprop_", "adam_", "adamw_");
    }

    @Test
    void everyOptimizerHasFixtures() {
        Set<String> kinds = new HashSet<>();
        cases().forEach(name -> kinds.add(Fixture.load(name).kind));
        assertEquals(Set.of("sgd", "adagrad", "rmsprop", "adam", "adamw"), kinds);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Fixture f = Fixture.load(name);
        List<Param<float[]>> params = TestParams.create();
        for (String p : TestParams.NAMES.keySet()) {
            TestParams.set(TestParams.get(params, p).value(), f.floats("init." + p));
        }
        Optimizer opt = config(f).create(params);
        int steps = (int) f.scalar("steps");
        double[] lrs = f.doubles("lrs");
        for (int k = 1; k <= steps; k++) {
            for (String p : TestParams.NAMES.keySet()) {
                TestParams.set(TestParams.get(params, p).grad(), f.floats("grad" + k + "." + p));
            }
            opt.setLearningRate(lrs[k - 1]);
            opt.step();
            for (String p : TestParams.NAMES.keySet()) {
                TestParams.assertClose(f.floats("step" + k + "." + p), TestParams.get(params, p).value(),
                        name + " step " + k + " " + p);
                TestParams.assertClose(f.floats("grad" + k + "." + p), TestParams.get(params, p).grad(),
                        name + " gradient left unchanged at step " + k + " " + p);
            }
        }
        assertEquals(steps, opt.stepCount());
        Map<String, float[]> state = opt.state();
        Set<String> expectedNames = new HashSet<>();
        for (String key : f.keys("state.")) {
            String rest = key.substring("state.".length());
            int dot = rest.indexOf('.');
            String stateName = TestParams.NAMES.get(rest.substring(0, dot)) + rest.substring(dot);
            expectedNames.add(stateName);
            assertTrue(state.containsKey(stateName), name + ": no state " + stateName + " in " + state.keySet());
            TestParams.assertClose(f.floats(key), state.get(stateName), name + " " + stateName);
        }
        assertEquals(expectedNames, state.keySet(), name + ": state names");
    }

    /** The configuration a fixture describes; options it omits keep the builders' (PyTorch's) defaults. */
    static OptimizerConfig config(Fixture f) {
        Map<String, String> c = f.config;
        Set<String> used = new HashSet<>();
        OptimizerConfig config = switch (f.kind) {
            case "sgd" -> {
                SgdConfig.Builder b = SgdConfig.builder().lr(f.option("lr", Double.NaN));
                b.momentum(f.option("momentum", 0)).dampening(f.option("dampening", 0))
                        .weightDecay(f.option("weight_decay", 0)).nesterov(Boolean.parseBoolean(c.get("nesterov")));
                used.addAll(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov"));
                yield b.build();
            }
            case "adagrad" -> {
                AdagradConfig.Builder b = AdagradConfig.builder();
                if (c.containsKey("lr")) {
                    b.lr(f.option("lr", 0));
                }
                if (c.containsKey("eps")) {
                    b.eps(f.option("eps", 0));
                }
                b.lrDecay(f.option("lr_decay", 0)).weightDecay(f.option("weight_decay", 0))
                        .initialAccumulatorValue(f.option("initial_accumulator_value", 0));
                used.addAll(List.of("lr", "eps", "lr_decay", "weight_decay", "initial_accumulator_value"));
                yield b.build();
            }
            case "rmsprop" -> {
                RmsPropConfig.Builder b = RmsPropConfig.builder();
                if (c.containsKey("lr")) {
                    b.lr(f.option("lr", 0));
                }
                if (c.containsKey("alpha")) {
                    b.alpha(f.option("alpha", 0));
                }
                if (c.containsKey("eps")) {
                    b.eps(f.option("eps", 0));
                }
                b.weightDecay(f.option("weight_decay", 0)).momentum(f.option("momentum", 0))
                        .centered(Boolean.parseBoolean(c.get("centered")));
                used.addAll(List.of("lr", "alpha", "eps", "weight_decay", "momentum", "centered"));
                yield b.build();
            }
            case "adam", "adamw" -> {
                AdamConfig.Builder b = f.kind.equals("adam") ? AdamConfig.builder() : AdamConfig.adamWBuilder();
                if (c.containsKey("lr")) {
                    b.lr(f.option("lr", 0));
                }
                if (c.containsKey("betas")) {
                    String[] betas = c.get("betas").split(",");
                    b.betas(Double.parseDouble(betas[0]), Double.parseDouble(betas[1]));
                }
                if (c.containsKey("eps")) {
                    b.eps(f.option("eps", 0));
                }
                if (c.containsKey("weight_decay")) {
                    b.weightDecay(f.option("weight_decay", 0));
                }
                b.amsgrad(Boolean.parseBoolean(c.get("amsgrad")));
                used.addAll(List.of("lr", "betas", "eps", "weight_decay", "amsgrad"));
                yield b.build();
            }
            default -> throw new IllegalArgumentException(f.name + ": unknown optimizer " + f.kind);
        };
        Set<String> unknown = new HashSet<>(c.keySet());
        unknown.removeAll(used);
        assertTrue(unknown.isEmpty(), f.name + ": options the test does not map: " + unknown);
        return config;
    }
}
