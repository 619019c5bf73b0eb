/**
 * Reading and writing Universal Dependencies CoNLL-U files, and the one-line "slash" format for tagger output.
 *
 * <p>{@link dev.elman.nlp.conllu.ConlluReader} streams {@link dev.elman.nlp.conllu.Sentence}s (immutable, validated)
 * from a file or reader; {@link dev.elman.nlp.conllu.ConlluWriter} writes them back so that a well-formed file
 * survives a read/write round trip byte for byte (with LF line endings).
 */
package dev.elman.nlp.conllu;
