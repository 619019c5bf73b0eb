package dev.elman.onnx;

import static dev.elman.onnx.OnnxWire.ATTR_I;
import static dev.elman.onnx.OnnxWire.ATTR_INTS;
import static dev.elman.onnx.OnnxWire.ATTR_NAME;
import static dev.elman.onnx.OnnxWire.ATTR_S;
import static dev.elman.onnx.OnnxWire.ATTR_STRINGS;
import static dev.elman.onnx.OnnxWire.ATTR_TYPE;
import static dev.elman.onnx.OnnxWire.ATTR_TYPE_INT;
import static dev.elman.onnx.OnnxWire.ATTR_TYPE_INTS;
import static dev.elman.onnx.OnnxWire.ATTR_TYPE_STRING;
import static dev.elman.onnx.OnnxWire.ATTR_TYPE_STRINGS;

import java.nio.charset.StandardCharsets;

/** A node attribute (an encoded AttributeProto) of one of the kinds the exporter uses. */
final class Attribute {
    private final byte[] encoded;

    private Attribute(byte[] encoded) {
        this.encoded = encoded;
    }

    static Attribute integer(String name, long value) {
        return new Attribute(OnnxWire.message(out -> {
            out.writeString(ATTR_NAME, name);
            out.writeInt64(ATTR_I, value);
            out.writeInt32(ATTR_TYPE, ATTR_TYPE_INT);
        }));
    }

    static Attribute integers(String name, long... values) {
        return new Attribute(OnnxWire.message(out -> {
            out.writeString(ATTR_NAME, name);
            for (long v : values) {
                out.writeInt64(ATTR_INTS, v);
            }
            out.writeInt32(ATTR_TYPE, ATTR_TYPE_INTS);
        }));
    }

    static Attribute string(String name, String value) {
        return new Attribute(OnnxWire.message(out -> {
            out.writeString(ATTR_NAME, name);
            out.writeByteArray(ATTR_S, value.getBytes(StandardCharsets.UTF_8));
            out.writeInt32(ATTR_TYPE, ATTR_TYPE_STRING);
        }));
    }

    static Attribute strings(String name, String... values) {
        return new Attribute(OnnxWire.message(out -> {
            out.writeString(ATTR_NAME, name);
            for (String v : values) {
                out.writeByteArray(ATTR_STRINGS, v.getBytes(StandardCharsets.UTF_8));
            }
            out.writeInt32(ATTR_TYPE, ATTR_TYPE_STRINGS);
        }));
    }

    byte[] encoded() {
        return encoded;
    }
}
