#!/usr/bin/python3
"""Loads an elman model file into plain PyTorch modules and runs it: the interop proof that elman's files are
PyTorch's nn.Embedding / nn.RNN / nn.Linear weights under PyTorch's own names.

Needs only numpy and torch (Debian's python3-torch and python3-numpy); the safetensors file is parsed by hand
(8-byte little-endian header length, a JSON header, then the raw little-endian tensor bytes).

Usage (from anywhere):

    /usr/bin/python3 tools/torch_load.py --model M.safetensors --input IN.json [--out OUT.json]

--model/--input/--out may be repeated to run several models in one process (torch takes seconds to import).
Without --out the result is printed to standard output.

Input JSON, one key by the model's kind, each a list of sentences (a ragged batch; lengths may differ):
    {"ids":    [[[9 feature ids], ...], ...]}   a tagger (format elman-tagger/1): per token the ids of the
                                                 feature kinds form, prefix1-3, suffix1-4, shape, in that order
    {"tokens": [[id, ...], ...]}                 a network with token input (embedding or one-hot)
    {"x":      [[[floats], ...], ...]}           a network with dense input
Output JSON: {"logits": [[[C floats], ...], ...]} per sentence and token (the top layer's output when the model
has no output layer, under "hidden").
"""

import argparse
import json
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

FEATURE_KINDS = ["form", "prefix1", "prefix2", "prefix3", "suffix1", "suffix2", "suffix3", "suffix4", "shape"]
DTYPES = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "I64": "<i8"}


def read_safetensors(path):
    """Returns (tensors as numpy arrays by name, metadata dict)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        dtype = np.dtype(DTYPES[info["dtype"]])
        start, end = info["data_offsets"]
        count = (end - start) // dtype.itemsize
        array = np.frombuffer(data, dtype=dtype, count=count, offset=base + start)
        tensors[name] = array.reshape(info["shape"]).copy()
    return tensors, metadata


class ElmanModel(nn.Module):
    """Feature embeddings (tagger) or an embedding / one-hot (tokens) -> nn.RNN -> nn.Linear."""

    def __init__(self, metadata, tensors):
        super().__init__()
        m = {k[len("rnn."):]: v for k, v in metadata.items() if k.startswith("rnn.")}
        self.tagger = metadata.get("format") == "elman-tagger/1"
        self.vocab_size = int(m["vocab_size"])
        hidden = int(m["hidden_size"])
        layers = int(m["num_layers"])
        bidirectional = m["bidirectional"] == "true"
        embedding_size = int(m["embedding_size"])
        if self.tagger:  # one table per feature kind; x(t) is their rows concatenated in FEATURE_KINDS order
            self.features = nn.ModuleDict({k: nn.Embedding(*tensors["features." + k + ".weight"].shape)
                                           for k in FEATURE_KINDS})
        self.embedding = nn.Embedding(self.vocab_size, embedding_size) if embedding_size > 0 else None
        if self.vocab_size > 0:
            input_size = embedding_size if embedding_size > 0 else self.vocab_size
        else:
            input_size = int(m["input_size"])
        self.rnn = nn.RNN(input_size, hidden, num_layers=layers, nonlinearity=m["nonlinearity"], bias=True,
                          bidirectional=bidirectional)
        classes = int(m["output_size"])
        self.output = nn.Linear(hidden * (2 if bidirectional else 1), classes) if classes > 0 else None

    def inputs(self, sentence):
        """One sentence's x(t) as a [T, input_size] float tensor."""
        if self.tagger:
            ids = torch.tensor(sentence, dtype=torch.long).reshape(-1, len(FEATURE_KINDS))
            return torch.cat([self.features[k](ids[:, i]) for i, k in enumerate(FEATURE_KINDS)], dim=1)
        if self.vocab_size > 0:
            ids = torch.tensor(sentence, dtype=torch.long)
            return self.embedding(ids) if self.embedding is not None else F.one_hot(ids, self.vocab_size).float()
        return torch.tensor(sentence, dtype=torch.float32)

    def forward(self, sentences):
        packed = pack_sequence([self.inputs(s) for s in sentences], enforce_sorted=False)
        y, lengths = pad_packed_sequence(self.rnn(packed)[0])  # [T, B, D*H]
        out = self.output(y) if self.output is not None else y
        return [out[:n, b] for b, n in enumerate(lengths.tolist())]


def load(path):
    tensors, metadata = read_safetensors(path)
    model = ElmanModel(metadata, tensors)
    model.load_state_dict({name: torch.from_numpy(a) for name, a in tensors.items()}, strict=True)
    return model.eval()


def run(model_path, input_path):
    model = load(model_path)
    with open(input_path, encoding="utf-8") as f:
        batch = json.load(f)
    key = "ids" if model.tagger else ("tokens" if model.vocab_size > 0 else "x")
    if key not in batch:
        raise ValueError(f"{input_path}: this model needs input under '{key}', found {sorted(batch)}")
    with torch.no_grad():
        outputs = model(batch[key])
    return {"logits" if model.output is not None else "hidden": [o.tolist() for o in outputs]}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", action="append", required=True, help="an elman .safetensors model file")
    p.add_argument("--input", action="append", required=True, help="the batch as JSON (see the module doc)")
    p.add_argument("--out", action="append", help="where to write the JSON result (default: stdout)")
    a = p.parse_args()
    if len(a.model) != len(a.input) or (a.out is not None and len(a.out) != len(a.model)):
        p.error("give one --input (and one --out, if any) per --model")
    for i, (model_path, input_path) in enumerate(zip(a.model, a.input)):
        result = run(model_path, input_path)
        if a.out is None:
            json.dump(result, sys.stdout)
            sys.stdout.write("\n")
        else:
            with open(a.out[i], "w", encoding="utf-8") as f:
                json.dump(result, f)


if __name__ == "__main__":
    main()
