package dev.elman.onnx;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxGraphTest {
    @Test
    void rejectsMistakesWithTheirNames() {
        OnnxGraph g = new OnnxGraph();
        g.input("x", OnnxWire.FLOAT, OnnxGraph.Dim.of(2));
        var dup = assertThrows(IllegalArgumentException.class, () -> g.floats("x", new float[2], 2));
        assertTrue(dup.getMessage().contains("'x'"), dup.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> g.floats("w", new float[3], 2, 2));
        assertTrue(size.getMessage().contains("'w': 3 values for a shape of 4"), size.getMessage());
        var undefined = assertThrows(IllegalArgumentException.class,
                () -> g.node("n", "Relu", List.of("y"), List.of("z")));
        assertTrue(undefined.getMessage().contains("node 'n' reads 'y'"), undefined.getMessage());
        var output = assertThrows(IllegalArgumentException.class, () -> g.output("z", OnnxWire.FLOAT));
        assertTrue(output.getMessage().contains("'z'"), output.getMessage());
        g.node("n", "Relu", List.of("x"), List.of("y"));
        var node = assertThrows(IllegalArgumentException.class, () -> g.node("n", "Relu", List.of("y"), List.of("z")));
        assertTrue(node.getMessage().contains("duplicate node name 'n'"), node.getMessage());
    }

    @Test
    void encodesTheWireFormatOfOnnxProto() {
        OnnxGraph g = new OnnxGraph();
        g.input("x", OnnxWire.FLOAT, OnnxGraph.Dim.named("n"));
        g.node("r", "Relu", List.of("x"), List.of("y"));
        g.output("y", OnnxWire.FLOAT, OnnxGraph.Dim.named("n"));
        byte[] model = g.toModel("g", "", 8, 17, "p", "1", Map.of());
        // ModelProto starts with ir_version (field 1, varint: tag 0x08) = 8, then producer_name (field 2: tag 0x12)
        assertArrayEquals(new byte[]{0x08, 8, 0x12, 1, 'p'}, java.util.Arrays.copyOf(model, 5));
    }
}
