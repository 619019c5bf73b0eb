#!/usr/bin/python3
"""Writes the PyTorch parity fixtures for elman's TorchParityTest.

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 tools/make_rnn_fixtures.py

Output: elman-core/src/test/resources/fixtures/rnn/<name>.txt, one file per configuration.

Each fixture is an nn.Embedding (or one-hot / dense input) -> nn.RNN (batch_first, packed with
pack_padded_sequence(enforce_sorted=False)) -> nn.Linear -> CrossEntropyLoss(ignore_index=-100) over the packed
real positions only. Parameters, inputs and h0 are float32 values. The expected outputs (logits, h_n, loss,
gradients) are computed in float64 from exactly those float32 values and then rounded to float32, so they are the
correctly rounded answer; the script also runs the float32 model and checks that it agrees.

File format (plain text, no JSON):
    # comment
    @key value                          configuration
    name d1,d2,... v1 v2 ...            a tensor, row-major; floats with 9 significant digits (exact float32)
Padded positions of batch-first tensors ([B, T, ...]) hold 0 (tokens, logits, input gradient) or -100 (labels).
"""

import os

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, PackedSequence

SEED = 1234
IGNORE = -100
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                       "elman-core", "src", "test", "resources", "fixtures", "rnn")


class Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        if cfg["embedding"] > 0:
            self.embedding = nn.Embedding(cfg["vocab"], cfg["embedding"])
        in_size = cfg["embedding"] or cfg["vocab"] or cfg["input"]
        self.rnn = nn.RNN(in_size, cfg["hidden"], num_layers=cfg["layers"], nonlinearity=cfg["activation"],
                          bidirectional=cfg["bidirectional"], batch_first=True)
        directions = 2 if cfg["bidirectional"] else 1
        self.output = nn.Linear(directions * cfg["hidden"], cfg["classes"])

    def first_layer_input(self, tokens, x):
        if self.cfg["embedding"] > 0:
            return self.embedding(tokens)
        if self.cfg["vocab"] > 0:
            return nn.functional.one_hot(tokens, self.cfg["vocab"]).to(self.output.weight.dtype)
        return x

    def forward(self, tokens, x, lengths, labels, h0):
        inp = self.first_layer_input(tokens, x)
        packed = pack_padded_sequence(inp, lengths, batch_first=True, enforce_sorted=False)
        out, h_n = self.rnn(packed, h0)
        logits_packed = self.output(out.data)
        labels_packed = pack_padded_sequence(labels, lengths, batch_first=True, enforce_sorted=False).data
        loss = nn.functional.cross_entropy(logits_packed, labels_packed, ignore_index=IGNORE,
                                           reduction=self.cfg["reduction"])
        logits, _ = pad_packed_sequence(PackedSequence(logits_packed, out.batch_sizes, out.sorted_indices,
                                                       out.unsorted_indices), batch_first=True,
                                        total_length=labels.shape[1])
        return logits, h_n, loss


def make_case(name, lengths, vocab=10, embedding=4, input=0, hidden=5, layers=1, bidirectional=False,
              activation="tanh", classes=3, reduction="sum", h0=False, recurrent=True, ignored=()):
    """One configuration; `ignored` lists (sequence, step) positions whose label is IGNORE."""
    cfg = dict(vocab=vocab, embedding=embedding, input=input, hidden=hidden, layers=layers,
               bidirectional=bidirectional, activation=activation, classes=classes, reduction=reduction,
               recurrent=recurrent)
    torch.manual_seed(SEED)
    model = Model(cfg)
    if not recurrent:
        with torch.no_grad():
            for pname, p in model.rnn.named_parameters():
                if pname.startswith("weight_hh"):
                    p.zero_()
                    p.requires_grad_(False)
    b, t_max = len(lengths), max(lengths)
    cells = layers * (2 if bidirectional else 1)
    tokens = torch.zeros(b, t_max, dtype=torch.long)
    labels = torch.full((b, t_max), IGNORE, dtype=torch.long)
    x = torch.zeros(b, t_max, max(input, 1))
    for s, n in enumerate(lengths):
        tokens[s, :n] = torch.randint(0, max(vocab, 1), (n,))
        labels[s, :n] = torch.randint(0, classes, (n,))
        x[s, :n] = torch.randn(n, max(input, 1))
    for s, t in ignored:
        labels[s, t] = IGNORE
    x = x[:, :, :input]
    h0_value = 0.5 * torch.randn(cells, b, hidden) if h0 else torch.zeros(cells, b, hidden)
    return dict(name=name, cfg=cfg, lengths=lengths, model=model, tokens=tokens, labels=labels, x=x,
                h0=h0_value, given_h0=h0)


def run(case, dtype):
    model = case["model"].to(dtype)
    model.zero_grad()
    x = case["x"].to(dtype).clone().requires_grad_(case["cfg"]["input"] > 0)
    h0 = case["h0"].to(dtype).clone().requires_grad_(True)
    logits, h_n, loss = model(case["tokens"], x, torch.tensor(case["lengths"]), case["labels"], h0)
    loss.backward()
    result = {"logits": logits, "h_n": h_n, "loss": loss.reshape(1), "grad.h0": h0.grad}
    if case["cfg"]["input"] > 0:
        result["grad.input"] = x.grad
    for pname, p in model.named_parameters():
        if p.requires_grad:
            result["grad." + pname] = p.grad
    return {k: v.detach().clone() for k, v in result.items()}


def check_agreement(name, exact, single):
    for key, e in exact.items():
        s = single[key].double()
        bound = 1e-5 * torch.maximum(e.abs(), s.abs()) + 1e-6
        worst = ((e - s).abs() - bound).max().item()
        if worst > 0:
            raise SystemExit(f"{name}: float32 torch disagrees with float64 torch on {key} by {worst} over bound")


def fmt_float(v):
    return "%.9g" % v


def tensor_line(name, t, integer=False):
    shape = ",".join(str(d) for d in t.shape) if t.dim() > 0 else "1"
    flat = t.reshape(-1).tolist()
    values = " ".join(str(int(v)) for v in flat) if integer else " ".join(fmt_float(v) for v in flat)
    return f"{name} {shape} {values}"


def write(case, exact):
    cfg = case["cfg"]
    lines = [
        f"# PyTorch parity fixture '{case['name']}' for dev.elman.nn.TorchParityTest (torch {torch.__version__},"
        f" seed {SEED}).",
        "# Regenerate: /usr/bin/python3 tools/make_rnn_fixtures.py   (do not edit by hand)",
        "# '@key value' = configuration; 'name d1,d2,... values' = row-major tensor; all floats are float32.",
        "# Expected outputs are float64 results from the float32 parameters, rounded to float32.",
    ]
    for key in ("vocab", "embedding", "input", "hidden", "layers", "bidirectional", "activation", "classes",
                "reduction", "recurrent"):
        v = cfg[key]
        lines.append(f"@{key} {str(v).lower() if isinstance(v, bool) else v}")
    lines.append(f"@h0 {'given' if case['given_h0'] else 'zero'}")
    lines.append(tensor_line("lengths", torch.tensor(case["lengths"]), integer=True))
    if cfg["vocab"] > 0:
        lines.append(tensor_line("tokens", case["tokens"], integer=True))
    else:
        lines.append(tensor_line("x", case["x"]))
    lines.append(tensor_line("labels", case["labels"], integer=True))
    if case["given_h0"]:
        lines.append(tensor_line("h0", case["h0"]))
    for pname, p in case["model"].named_parameters():
        if p.requires_grad:
            lines.append(tensor_line("param." + pname, p.detach().float()))
    for key in ("logits", "h_n", "loss"):
        lines.append(tensor_line(key, exact[key].float()))
    for key in sorted(k for k in exact if k.startswith("grad.")):
        lines.append(tensor_line(key, exact[key].float()))
    path = os.path.join(OUT_DIR, case["name"] + ".txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def cases():
    ragged = [5, 2, 4, 1]
    return [
        make_case("a_embedding_tanh", [6, 6]),
        make_case("b_two_layers", [5, 3, 4], layers=2),
        make_case("c_bidirectional", [5, 3, 4], bidirectional=True),
        make_case("c2_two_layers_bidirectional", ragged, layers=2, bidirectional=True),
        make_case("d_ragged", ragged),
        make_case("e_relu", ragged, activation="relu"),
        make_case("f_one_hot", ragged, embedding=0),
        make_case("g_dense_h0", ragged, vocab=0, embedding=0, input=4, h0=True),
        make_case("g2_dense_h0_two_layers_bidirectional", ragged, vocab=0, embedding=0, input=4, layers=2,
                  bidirectional=True, h0=True, reduction="mean"),
        make_case("h_mean_ignore_index", ragged, reduction="mean", ignored=[(0, 1), (0, 4), (2, 0), (3, 0)]),
        make_case("i_recurrence_off", ragged, recurrent=False),
    ]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for case in cases():
        single = run(case, torch.float32)
        exact = run(case, torch.float64)
        case["model"].float()
        check_agreement(case["name"], exact, single)
        path = write(case, exact)
        print(f"{os.path.relpath(path)}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
