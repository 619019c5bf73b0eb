package dev.elman.onnx;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The field numbers of the ONNX messages that the exporter writes (from onnx.proto, IR version 8), and encoding of
 * one message body with protobuf-java's {@link CodedOutputStream}. Nested messages are encoded to bytes first and
 * then written as length-delimited fields.
 */
final class OnnxWire {
    // ModelProto
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_PRODUCER_VERSION = 3;
    static final int MODEL_DOC_STRING = 6;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    static final int MODEL_METADATA_PROPS = 14;
    // OperatorSetIdProto
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;
    // StringStringEntryProto
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;
    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_DOC_STRING = 10;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    // AttributeProto, and its AttributeType values
    static final int ATTR_NAME = 1;
    static final int ATTR_I = 3;
    static final int ATTR_S = 4;
    static final int ATTR_INTS = 8;
    static final int ATTR_STRINGS = 9;
    static final int ATTR_TYPE = 20;
    static final int ATTR_TYPE_INT = 2;
    static final int ATTR_TYPE_STRING = 3;
    static final int ATTR_TYPE_INTS = 7;
    static final int ATTR_TYPE_STRINGS = 8;
    // TensorProto, and its DataType values
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    static final int VALUE_NAME = 1;
    static final int VALUE_TYPE = 2;
    static final int TYPE_TENSOR_TYPE = 1;
    static final int TENSOR_TYPE_ELEM_TYPE = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    private OnnxWire() {
    }

    /** Writes the fields of one message. */
    @FunctionalInterface
    interface Body {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    /** The encoded fields of one message (to be nested with {@code writeByteArray}, or be the whole file). */
    static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            body.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory failed", e);   // a ByteArrayOutputStream never throws
        }
        return bytes.toByteArray();
    }
}
