/**
 * The character-level language model: a text as character ids ({@link dev.elman.nlp.lm.CharVocabulary},
 * {@link dev.elman.nlp.lm.CharText}), the model and its file ({@link dev.elman.nlp.lm.LmModel},
 * {@link dev.elman.nlp.lm.LmModelFile}), stateful truncated-BPTT training ({@link dev.elman.nlp.lm.LmTask},
 * {@link dev.elman.nlp.lm.LmTrainer}), and streaming inference with explicit immutable states
 * ({@link dev.elman.nlp.lm.LmSession}, {@link dev.elman.nlp.lm.LmState}, {@link dev.elman.nlp.lm.Sampler}).
 */
package dev.elman.nlp.lm;
