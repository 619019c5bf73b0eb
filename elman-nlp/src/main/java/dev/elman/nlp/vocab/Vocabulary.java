package dev.elman.nlp.vocab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable mapping between strings and dense ids. Id 0 is reserved for unknown strings when the vocabulary
 * has an unknown entry ({@link #UNKNOWN}).
 */
public final class Vocabulary {
    /** The entry that stands for every string not in the vocabulary. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> entries;
    private final Map<String, Integer> ids;
    private final boolean hasUnknown;

    private Vocabulary(List<String> entries, boolean hasUnknown) {
        this.entries = List.copyOf(entries);
        this.hasUnknown = hasUnknown;
        this.ids = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            if (ids.put(entries.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: duplicate entry '" + entries.get(i) + "' at " + i);
            }
        }
    }

    /** A vocabulary of exactly these entries, in this order (e.g. a tag set); no unknown entry. */
    public static Vocabulary closed(List<String> entries) {
        return new Vocabulary(entries, false);
    }

    /** A vocabulary whose entry 0 is {@link #UNKNOWN}, followed by {@code entries} (as saved by {@link #entries()}). */
    public static Vocabulary withUnknown(List<String> entries) {
        if (entries.isEmpty() || !entries.get(0).equals(UNKNOWN)) {
            List<String> all = new ArrayList<>();
            all.add(UNKNOWN);
            all.addAll(entries);
            return new Vocabulary(all, true);
        }
        return new Vocabulary(entries, true);
    }

    /**
     * The strings counted at least {@code minCount} times, most frequent first (ties in string order), after the
     * unknown entry.
     */
    public static Vocabulary fromCounts(Map<String, Integer> counts, int minCount) {
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !e.getKey().equals(UNKNOWN)) {
                kept.add(e.getKey());
            }
        }
        kept.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        return withUnknown(kept);
    }

    /** Number of entries, including the unknown entry. */
    public int size() {
        return entries.size();
    }

    /** The id of {@code s}: its own, or 0 (unknown) if absent and the vocabulary has an unknown entry. */
    public int id(String s) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        if (hasUnknown) {
            return 0;
        }
        throw new IllegalArgumentException("'" + s + "' is not one of the " + entries.size() + " entries " + preview());
    }

    /** Whether {@code s} has an id of its own. */
    public boolean contains(String s) {
        return ids.containsKey(s);
    }

    /** The entry with id {@code id}. */
    public String entry(int id) {
        if (id < 0 || id >= entries.size()) {
            throw new IllegalArgumentException("id " + id + " is outside [0, " + entries.size() + ")");
        }
        return entries.get(id);
    }

    /** All entries in id order (unmodifiable). */
    public List<String> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Whether id 0 stands for unknown strings. */
    public boolean hasUnknown() {
        return hasUnknown;
    }

    private String preview() {
        return entries.size() <= 20 ? entries.toString() : entries.subList(0, 20) + "...";
    }
}
