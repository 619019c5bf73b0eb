/**
 * Turning raw text into sentences of tokens: {@link dev.elman.nlp.text.Tokenizer}s (a rule-based English one in the
 * style of UD English EWT, and a whitespace one for pre-segmented text such as Chinese),
 * {@link dev.elman.nlp.text.SentenceSplitter}s, and {@link dev.elman.nlp.text.RawTextReader}, which streams a text
 * line by line as tokenized sentences.
 */
package dev.elman.nlp.text;
