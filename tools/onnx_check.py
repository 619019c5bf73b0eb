#!/usr/bin/python3
"""Checks ONNX files written by `elman export --format onnx` with the onnx package's own checker.

Usage: /usr/bin/python3 tools/onnx_check.py MODEL.onnx [MODEL.onnx ...]

Runs onnx.checker.check_model with full_check (which adds strict shape and type inference) on each file and
prints one line per model: its IR version, opset, inputs and outputs with their inferred shapes. Exits non-zero on
the first invalid model. Needs only Debian's python3-onnx.
"""

import sys

import onnx


def shape(value):
    dims = value.type.tensor_type.shape.dim
    return "[" + ", ".join(d.dim_param if d.dim_param else str(d.dim_value) for d in dims) + "]"


def main(paths):
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        opsets = ",".join(f"{o.domain or 'ai.onnx'}:{o.version}" for o in model.opset_import)
        ins = " ".join(f"{v.name}{shape(v)}" for v in inferred.graph.input)
        outs = " ".join(f"{v.name}{shape(v)}" for v in inferred.graph.output)
        print(f"ok {path}: ir {model.ir_version}, opset {opsets}, inputs {ins}, outputs {outs}")


if __name__ == "__main__":
    main(sys.argv[1:])
