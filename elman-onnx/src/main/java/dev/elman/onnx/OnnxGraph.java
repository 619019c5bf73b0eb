package dev.elman.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.elman.onnx.OnnxWire.*;

/**
 * Builds one ONNX graph (nodes in topological order, initializers, typed inputs and outputs) and encodes it as a
 * ModelProto. Each part is encoded as it is added; value names must be unique.
 */
final class OnnxGraph {
    /** A tensor dimension: a fixed size, or a named (dynamic) one such as "time" or "batch". */
    record Dim(long value, String param) {
        static Dim of(long value) {
            return new Dim(value, null);
        }

        static Dim named(String param) {
            return new Dim(0, param);
        }
    }

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();

    /** A graph input of element type {@code elemType} (an {@link OnnxWire} DataType) and the given shape. */
    void input(String name, int elemType, Dim... shape) {
        define(name);
        inputs.add(valueInfo(name, elemType, shape));
    }

    /** Declares an already produced value as a graph output. */
    void output(String name, int elemType, Dim... shape) {
        if (!values.contains(name)) {
            throw new IllegalArgumentException("output '" + name + "' is not produced by the graph");
        }
        outputs.add(valueInfo(name, elemType, shape));
    }

    /** A float32 constant tensor of shape {@code dims}, stored little-endian in raw_data. */
    void floats(String name, float[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(data.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        initializer(name, FLOAT, raw.array(), dims);
    }

    /** An int64 constant tensor of shape {@code dims} (no dims: a scalar). */
    void longs(String name, long[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(data.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        initializer(name, INT64, raw.array(), dims);
    }

    /** A node named {@code name} computing {@code outputs} from {@code inputs} ("" for an omitted optional input). */
    void node(String name, String opType, List<String> in, List<String> out, Attribute... attributes) {
        // everything is checked before anything is recorded, so a rejected node leaves the graph as it was
        if (nodeNames.contains(name)) {
            throw new IllegalArgumentException("duplicate node name '" + name + "'");
        }
        for (String v : in) {
            if (!v.isEmpty() && !values.contains(v)) {
                throw new IllegalArgumentException("node '" + name + "' reads '" + v + "', which is not defined yet");
            }
        }
        if (out.stream().distinct().count() != out.size() || out.stream().anyMatch(v -> v.isEmpty() || has(v))) {
            throw new IllegalArgumentException("node '" + name + "': outputs " + out
                    + " must be non-empty, distinct and not yet defined");
        }
        nodeNames.add(name);
        values.addAll(out);
        nodes.add(message(o -> {
            for (String v : in) {
                o.writeString(NODE_INPUT, v);
            }
            for (String v : out) {
                o.writeString(NODE_OUTPUT, v);
            }
            o.writeString(NODE_NAME, name);
            o.writeString(NODE_OP_TYPE, opType);
            for (Attribute a : attributes) {
                o.writeByteArray(NODE_ATTRIBUTE, a.encoded());
            }
        }));
    }

    /** Whether a value of this name exists (an input, an initializer or a node output). */
    boolean has(String name) {
        return values.contains(name);
    }

    /** The whole model: this graph, the default-domain opset, producer and metadata properties. */
    byte[] toModel(String graphName, String doc, long irVersion, long opset, String producer, String producerVersion,
                   Map<String, String> metadata) {
        byte[] graph = message(o -> {
            for (byte[] n : nodes) {
                o.writeByteArray(GRAPH_NODE, n);
            }
            o.writeString(GRAPH_NAME, graphName);
            for (byte[] t : initializers) {
                o.writeByteArray(GRAPH_INITIALIZER, t);
            }
            o.writeString(GRAPH_DOC_STRING, doc);
            for (byte[] v : inputs) {
                o.writeByteArray(GRAPH_INPUT, v);
            }
            for (byte[] v : outputs) {
                o.writeByteArray(GRAPH_OUTPUT, v);
            }
        });
        byte[] opsetId = message(o -> {
            o.writeString(OPSET_DOMAIN, "");
            o.writeInt64(OPSET_VERSION, opset);
        });
        return message(o -> {
            o.writeInt64(MODEL_IR_VERSION, irVersion);
            o.writeString(MODEL_PRODUCER_NAME, producer);
            o.writeString(MODEL_PRODUCER_VERSION, producerVersion);
            o.writeString(MODEL_DOC_STRING, doc);
            o.writeByteArray(MODEL_GRAPH, graph);
            o.writeByteArray(MODEL_OPSET_IMPORT, opsetId);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                o.writeByteArray(MODEL_METADATA_PROPS, message(p -> {
                    p.writeString(ENTRY_KEY, e.getKey());
                    p.writeString(ENTRY_VALUE, e.getValue());
                }));
            }
        });
    }

    private void define(String name) {
        if (name.isEmpty() || !values.add(name)) {
            throw new IllegalArgumentException("value name '" + name + "' is empty or already defined");
        }
    }

    private void initializer(String name, int dataType, byte[] raw, long[] dims) {
        define(name);
        initializers.add(message(o -> {
            for (long d : dims) {
                o.writeInt64(TENSOR_DIMS, d);
            }
            o.writeInt32(TENSOR_DATA_TYPE, dataType);
            o.writeString(TENSOR_NAME, name);
            o.writeByteArray(TENSOR_RAW_DATA, raw);
        }));
    }

    private static void checkSize(String name, int size, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != size) {
            throw new IllegalArgumentException("initializer '" + name + "': " + size + " values for a shape of " + n);
        }
    }

    private static byte[] valueInfo(String name, int elemType, Dim[] shape) {
        byte[] shapeProto = message(o -> {
            for (Dim d : shape) {
                o.writeByteArray(SHAPE_DIM, message(dim -> {
                    if (d.param() != null) {
                        dim.writeString(DIM_PARAM, d.param());
                    } else {
                        dim.writeInt64(DIM_VALUE, d.value());
                    }
                }));
            }
        });
        byte[] tensorType = message(o -> {
            o.writeInt32(TENSOR_TYPE_ELEM_TYPE, elemType);
            o.writeByteArray(TENSOR_TYPE_SHAPE, shapeProto);
        });
        byte[] type = message(o -> o.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
        return message(o -> {
            o.writeString(VALUE_NAME, name);
            o.writeByteArray(VALUE_TYPE, type);
        });
    }
}
