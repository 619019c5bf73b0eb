package dev.elman.math;

/** Argument checks shared by kernel implementations. */
final class KernelChecks {
    private KernelChecks() {
    }

    static void checkLabel(int label, int classes, int position) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("labels[" + position + "] = " + label + " is outside [0, " + classes
                    + ") and is not the ignore label");
        }
    }
}
