package dev.elman.nn;

import dev.elman.math.Kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The weights of a frozen network laid out once for every forward pass of every thread: Uᵀ and Wᵀ of each cell,
 * Vᵀ, and, for token input, the first layer's projected table E·Uᵀ + b through an embedding E, or Uᵀ + b one-hot
 * (one row b + U x per token id), so that inference reads b + U x(t) instead of computing it. Each row is the very
 * sum the forward pass would form for that token, rounded in the same order, so the bits do not change.
 */
final class FrozenWeights<A> {
    /** Largest projected table made, in elements (64 MB of float): above it inference multiplies by U per batch. */
    static final long MAX_PROJECTED = 1L << 24;

    final List<ElmanCell.Layouts<A>> cells;
    final PackedWeights<A> out;
    /** Per first-layer direction, E·Uᵀ + b or Uᵀ + b (vocab × H), or an empty list when not made. */
    final List<A> projected;

    FrozenWeights(Kernels<A> k, RnnConfig config, List<ElmanCell<A>> cellList, Param<A> embedding,
                  Param<A> outWeight) {
        List<ElmanCell.Layouts<A>> layouts = new ArrayList<>();
        for (ElmanCell<A> c : cellList) {
            ElmanCell.Layouts<A> l = new ElmanCell.Layouts<>(true);
            l.u.fix(k, c.u.value(), c.hidden, c.inputSize);
            if (c.w != null) {
                l.w.fix(k, c.w.value(), c.hidden, c.hidden);
            }
            layouts.add(l);
        }
        cells = Collections.unmodifiableList(layouts);
        out = outWeight == null ? null
                : new PackedWeights<A>().fix(k, outWeight.value(), config.outputSize(), config.layerOutputSize());
        List<A> tables = new ArrayList<>();
        int vocab = config.vocabSize();
        int hs = config.hiddenSize();
        if (config.tokenInput() && (long) vocab * hs <= MAX_PROJECTED) {
            int e = config.embeddingSize();
            for (int d = 0; d < config.directions(); d++) {
                A table = k.alloc(vocab * hs);
                if (embedding != null) {
                    A packedU = layouts.get(d).u.of(k, cellList.get(d).u.value(), hs, e);
                    k.gemmPackedRight(vocab, hs, e, embedding.value(), 0, e, packedU, false, table, 0, hs);
                    k.addRowVector(cellList.get(d).b.value(), 0, table, 0, vocab, hs);
                } else {
                    cellList.get(d).oneHotRows(k, table, ElmanCell.columnIds(vocab));
                }
                tables.add(table);
            }
        }
        projected = Collections.unmodifiableList(tables);
    }

    /** E·Uᵀ + b of the first layer's direction d, or null. */
    A projected(int d) {
        return projected.isEmpty() ? null : projected.get(d);
    }
}
