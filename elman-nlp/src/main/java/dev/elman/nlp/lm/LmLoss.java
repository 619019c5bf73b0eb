package dev.elman.nlp.lm;

/**
 * A language model's loss on a text: the summed negative log-likelihood of the predicted characters.
 *
 * @param totalNats  Σ −ln ŷ(t)[next character] over the predicted positions
 * @param characters number of predicted positions
 */
public record LmLoss(double totalNats, long characters) {

    /** Mean loss per character in nats. */
    public double natsPerChar() {
        return characters == 0 ? Double.NaN : totalNats / characters;
    }

    /** Mean loss per character in bits. */
    public double bitsPerChar() {
        return natsPerChar() / Math.log(2);
    }

    /** exp(nats per character). */
    public double perplexity() {
        return Math.exp(natsPerChar());
    }
}
