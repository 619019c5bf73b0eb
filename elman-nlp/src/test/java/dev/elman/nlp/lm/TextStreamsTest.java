package dev.elman.nlp.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.elman.nn.Packing;
import org.junit.jupiter.api.Test;

class TextStreamsTest {

    @Test
    void everyPositionIsPredictedOnceInReadingOrderPerStream() {
        int[] ids = new int[103];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        int from = 2;
        TextStreams layout = new TextStreams(ids, from, ids.length - 1, 4, 7);   // 100 positions: 25 per stream
        assertEquals(100, layout.targets());
        assertEquals(4, layout.chunks());
        int[] seen = new int[ids.length];
        int[] next = {2, 27, 52, 77};
        int[] tokens = new int[4 * 7];
        int[] labels = new int[4 * 7];
        for (int c = 0; c < layout.chunks(); c++) {
            Packing p = layout.fill(c, tokens, labels);
            for (int s = 0; s < 4; s++) {
                for (int t = 0; t < p.length(s); t++) {
                    int row = p.row(s, t);
                    assertEquals(next[s]++, tokens[row], "stream " + s + " reads on where it stopped");
                    assertEquals(tokens[row] + 1, labels[row]);
                    seen[labels[row]]++;
                }
            }
        }
        for (int i = 0; i < ids.length; i++) {
            assertEquals(i > from && i < ids.length ? 1 : 0, seen[i], "position " + i);
        }
    }

    @Test
    void unevenStreamsDifferByOneStep() {
        int[] ids = new int[12];
        TextStreams layout = new TextStreams(ids, 0, 11, 3, 4);   // 11 positions: 4, 4, 3
        assertEquals(11, layout.targets());
        Packing last = layout.fill(0, new int[12], new int[12]);
        assertEquals(11, last.totalRows());
        assertEquals(1, layout.chunks());
        TextStreams small = new TextStreams(ids, 0, 11, 3, 3);
        Packing tail = small.fill(1, new int[9], new int[9]);
        assertEquals(1, tail.length(0));
        assertEquals(0, tail.length(2));
    }

    @Test
    void tooManyStreamsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TextStreams(new int[5], 0, 4, 5, 2));
        assertThrows(IllegalArgumentException.class, () -> new TextStreams(new int[5], 0, 5, 2, 2));
    }
}
