package dev.elman.nlp.lm;

/**
 * The result of feeding one character: the distribution over the character after it, and the state to continue
 * from.
 *
 * @param prediction ŷ for the next character
 * @param state      the state after the fed character
 */
public record LmStep(Prediction prediction, LmState state) {
}
