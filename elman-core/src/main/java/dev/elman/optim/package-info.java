/**
 * Optimisers (SGD, Adagrad, RMSprop, Adam, AdamW) following {@code torch.optim} of PyTorch 1.13, gradient clipping,
 * learning-rate schedules, and optimiser state export for checkpoints. Optimisers subtract; they never zero gradients.
 */
package dev.elman.optim;
