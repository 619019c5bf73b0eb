package dev.elman.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorTiles#SIX}: the six-row tile by JDK unless {@code elman.tile.six} says otherwise (the build runs the
 * product tests once each way), and the strips each choice lays A out in.
 */
class TileChoiceTest {

    @Test
    void thisJvmUsesTheTileItsPropertyOrJdkChose() {
        boolean want = VectorTiles.sixRowTile(System.getProperty("elman.tile.six"), Runtime.version().feature());
        assertEquals(want, VectorTiles.SIX);
        assertEquals(want ? 6 : 4, FastKernels.tileRows());
    }

    @Test
    void sixRowTileBelowJdk25UnlessThePropertySaysOtherwise() {
        assertTrue(VectorTiles.sixRowTile(null, 17));
        assertTrue(VectorTiles.sixRowTile(null, 24));
        assertFalse(VectorTiles.sixRowTile(null, 25));
        assertFalse(VectorTiles.sixRowTile(null, 26));
        assertTrue(VectorTiles.sixRowTile("true", 25));
        assertTrue(VectorTiles.sixRowTile("TRUE", 25));
        assertFalse(VectorTiles.sixRowTile("false", 17));
        assertFalse(VectorTiles.sixRowTile("False", 17));
        assertTrue(VectorTiles.sixRowTile("yes", 17), "a value other than true or false leaves the JDK's choice");
        assertFalse(VectorTiles.sixRowTile("", 25));
    }

    @Test
    void stripsAreSixesOnlyWithTheSixRowTile() {
        assertEquals(VectorTiles.SIX ? List.of(6, 6, 4) : List.of(4, 4, 4, 4), strips(16));
        assertEquals(VectorTiles.SIX ? List.of(6, 6, 6, 6) : List.of(4, 4, 4, 4, 4, 4), strips(24));
        assertEquals(VectorTiles.SIX ? List.of(6, 4, 4) : List.of(4, 4, 4, 2), strips(14));
        assertEquals(VectorTiles.SIX ? List.of(6, 6, 1) : List.of(4, 4, 4, 1), strips(13));
        assertEquals(VectorTiles.SIX ? List.of(6, 1) : List.of(4, 2, 1), strips(7));
    }

    private static List<Integer> strips(int m) {
        List<Integer> widths = new ArrayList<>();
        for (int s = 0; s < m; s += widths.get(widths.size() - 1)) {
            widths.add(VectorTiles.strip(s, m));
        }
        return widths;
    }
}
