/**
 * ONNX export of elman models ({@link dev.elman.onnx.OnnxExport}): the protobuf is written by hand with
 * protobuf-java's {@code CodedOutputStream} from onnx.proto's field numbers, and the graph uses only standard
 * operators (the RNN operator for each Elman layer), so ONNX Runtime and other ONNX tools run it as it is.
 */
package dev.elman.onnx;
