/**
 * Model files: the safetensors tensor format ({@link dev.elman.io.SafetensorsReader},
 * {@link dev.elman.io.SafetensorsWriter}) and crash-safe file replacement ({@link dev.elman.io.AtomicFiles}).
 *
 * <p>Readers treat every input as hostile: all header fields are validated before any tensor data is allocated,
 * and every problem is a {@link dev.elman.io.ModelFormatException} naming the source, the tensor and the fault.
 * Nothing here keeps global state, so models load from byte arrays on any thread (e.g. Spark executors).
 */
package dev.elman.io;
