package dev.elman.io;

import java.util.Optional;

/**
 * Element types of the safetensors format; the constant names are the format's {@code dtype} strings.
 *
 * <p>The declaration order is the reference implementation's (non-decreasing alignment): writers lay tensors out in
 * decreasing order of it, then by name, so that every tensor is aligned to its element size.
 */
public enum DType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), F64(8), I64(8), U64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The type whose safetensors name is exactly {@code name} (case-sensitive), if any. */
    public static Optional<DType> fromName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
