package dev.elman.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AllocationSites}: the frame that allocates most comes first; nothing allocating, nothing named. */
class AllocationSitesTest {
    private static volatile Object sink;

    private static void allocateALot() {
        sink = new long[4096];
    }

    private static void allocateALittle() {
        sink = new long[16];
    }

    @Test
    void namesTheHeaviestAllocatingFrameOfThePackageFirst() {
        List<String> sites = AllocationSites.top(() -> {
            allocateALot();
            allocateALittle();
        }, 0.5, "dev.elman.cli", 3);
        assertFalse(sites.isEmpty());
        assertTrue(sites.get(0).startsWith("dev.elman.cli.AllocationSitesTest.allocateALot:"), sites.toString());
    }

    @Test
    void aStepThatDoesNotAllocateNamesNothing() {
        long[] counter = new long[1];
        List<String> sites = AllocationSites.top(() -> counter[0]++, 0.3, "dev.elman.cli.AllocationSitesTest", 3);
        assertTrue(sites.isEmpty(), sites.toString());
    }
}
