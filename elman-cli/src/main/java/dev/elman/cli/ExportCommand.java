package dev.elman.cli;

import dev.elman.io.AtomicFiles;
import dev.elman.io.ModelFormatException;
import dev.elman.io.NetworkTensors;
import dev.elman.io.SafetensorsFile;
import dev.elman.io.SafetensorsReader;
import dev.elman.io.Tensor;
import dev.elman.nlp.lm.LmModel;
import dev.elman.nlp.lm.LmModelFile;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nn.ElmanNetwork;
import dev.elman.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code elman export}: writes a model file (a tagger, a character language model, or a bare network) as ONNX, or
 * as a validated safetensors copy. Silent on success; the output file is replaced atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model as ONNX (standard operators, opset " + OnnxExport.OPSET
                + ", for ONNX Runtime and other tools) or as a validated safetensors copy.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "onnx or safetensors")
    String format;
    @Option(names = "--model", required = true, description = "an elman model file (.safetensors)")
    Path model;
    @Option(names = "--out", required = true, description = "the file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx") && !format.equals("safetensors")) {
            throw new IllegalArgumentException("--format must be onnx or safetensors, got " + format);
        }
        SafetensorsFile file = SafetensorsReader.read(model);
        Supplier<byte[]> onnx = loaded(file);   // loading validates every name, shape and setting
        if (format.equals("onnx")) {
            OnnxExport.write(onnx.get(), out);
        } else {
            AtomicFiles.write(out, o -> Files.copy(model, o));
        }
        return 0;
    }

    /** The model in the file, loaded (a tagger, a language model or a bare network), and how to write it as ONNX. */
    private Supplier<byte[]> loaded(SafetensorsFile file) throws IOException {
        String kind = file.metadata().get("format");
        if (TaggerModelFile.FORMAT.equals(kind)) {
            TaggerModel tagger = TaggerModelFile.load(model, Engine.kernels());
            return () -> OnnxExport.tagger(tagger);
        }
        if (LmModelFile.FORMAT.equals(kind)) {
            LmModel lm = LmModelFile.load(model, Engine.kernels());
            return () -> OnnxExport.lm(lm);
        }
        ElmanNetwork<float[]> net = network(file);
        return () -> OnnxExport.network(net);
    }

    /** A bare network: its configuration in rnn.* metadata and nothing but its tensors. */
    private static ElmanNetwork<float[]> network(SafetensorsFile file) throws ModelFormatException {
        var config = NetworkTensors.fromMetadata(file.metadata(), file.source());
        ElmanNetwork<float[]> net = new ElmanNetwork<>(config, Engine.kernels());
        NetworkTensors.load(file, net);
        Set<String> known = NetworkTensors.toTensors(net).stream().map(Tensor::name).collect(Collectors.toSet());
        List<String> extra = new ArrayList<>(file.names());
        extra.removeAll(known);
        if (!extra.isEmpty()) {
            throw new ModelFormatException(file.source(), null, "holds tensors outside the network " + extra
                    + " and is not a tagger (format " + TaggerModelFile.FORMAT + "), so an export would drop them");
        }
        return net;
    }
}
