package dev.elman.nlp.text;

import java.util.Set;
import java.util.regex.Pattern;

/** Which words ending in a period are abbreviations (the period belongs to the word and ends no sentence). */
final class Abbreviations {

    /**
     * Common English abbreviations without their final period. A capitalised entry matches only as written (so
     * "No." is one but "no." is not); a lower-case entry also matches capitalised ("Etc.").
     */
    private static final Set<String> WORDS = Set.of(
            "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Rev", "Gen", "Gov", "Sen", "Rep", "Reps",
            "Lt", "Col", "Capt", "Sgt", "Cpl", "Pres", "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Ave",
            "Blvd", "Rd", "Attn", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "Vol", "Fig", "Ch",
            "vs", "etc", "approx", "al", "cf", "esp", "incl", "viz", "ext", "tel");

    /** Letter groups of one or two letters, each followed by a period, at least two groups: U.S. e.g. Ph.D. */
    private static final Pattern DOTTED = Pattern.compile("(?:\\p{L}{1,2}\\.){2,}");

    /** A single capital letter and a period: an initial (J. Smith); not "I." (the pronoun ends many sentences). */
    private static final Pattern INITIAL = Pattern.compile("[\\p{Lu}&&[^I]]\\.");

    private Abbreviations() {
    }

    /** Whether a word that ends with a single period is an abbreviation, e.g. {@code Mr.}, {@code U.S.}. */
    static boolean isAbbreviation(String wordWithPeriod) {
        int n = wordWithPeriod.length();
        if (n < 2 || wordWithPeriod.charAt(n - 1) != '.') {
            return false;
        }
        String w = wordWithPeriod.substring(0, n - 1);
        if (WORDS.contains(w)) {
            return true;
        }
        if (Character.isUpperCase(w.charAt(0))) {
            String lowered = Character.toLowerCase(w.charAt(0)) + w.substring(1);
            if (WORDS.contains(lowered) && Character.isLowerCase(lowered.charAt(0))) {
                return true;
            }
        }
        return DOTTED.matcher(wordWithPeriod).matches() || INITIAL.matcher(wordWithPeriod).matches();
    }
}
