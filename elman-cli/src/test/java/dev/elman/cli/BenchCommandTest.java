package dev.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link BenchCommand#vmOption}: the running VM's value of a HotSpot flag, "?" for one it does not have. */
class BenchCommandTest {
    @Test
    void readsTheTrapLimitTheHeaderPrints() {
        String limit = BenchCommand.vmOption("PerMethodTrapLimit");
        assertTrue(limit.matches("\\d+"), limit);
    }

    @Test
    void aFlagTheVmLacksIsAQuestionMark() {
        assertEquals("?", BenchCommand.vmOption("NoSuchElmanFlag"));
    }
}
