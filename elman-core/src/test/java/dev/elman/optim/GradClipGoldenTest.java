package dev.elman.optim;

import dev.elman.nn.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reproduces clip_grad_norm_ and clip_grad_value_ from the golden fixtures. */
class GradClipGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip_norm_active", "clip_norm_inactive", "clip_value"})
    void matchesPyTorch(String name) {
        Fixture f = Fixture.load(name);
        List<Param<float[]>> params = TestParams.create();
        for (String p : TestParams.NAMES.keySet()) {
            TestParams.set(TestParams.get(params, p).grad(), f.floats("grad." + p));
        }
        if (f.kind.equals("clip_norm")) {
            double norm = GradClip.clipByNorm(params, f.option("max_norm", Double.NaN));
            double expected = f.scalar("total_norm");
            assertEquals(expected, norm, 1e-6 * expected, name + ": returned norm");
        } else {
            assertEquals("clip_value", f.kind);
            GradClip.clipByValue(params, f.option("clip_value", Double.NaN));
        }
        for (String p : TestParams.NAMES.keySet()) {
            TestParams.assertClose(f.floats("clipped." + p), TestParams.get(params, p).grad(), name + " " + p);
        }
    }

    @Test
    void clippedNormIsMaxNorm() {
        List<Param<float[]>> params = TestParams.create();
        float[] g = params.get(0).grad();
        for (int i = 0; i < g.length; i++) {
            g[i] = i - 5.5f;
        }
        double before = GradClip.clipByNorm(params, 0.5);
        assertTrue(before > 0.5);
        assertEquals(0.5, GradClip.globalNorm(params), 1e-6);
    }

    @Test
    void rejectsNonPositiveLimits() {
        List<Param<float[]>> params = TestParams.create();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipByNorm(params, 0));
        assertTrue(e.getMessage().contains("maxNorm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipByValue(params, -1));
        assertTrue(e.getMessage().contains("clipValue"), e.getMessage());
    }
}
