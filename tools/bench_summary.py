#!/usr/bin/python3
"""Pools the repetitions of scripts/bench-peers.sh's JSON lines and prints a markdown table of medians with
elman's ratio to each peer (same config, mode and thread count), one ratio per JDK elman ran on (the lines' "jdk",
17 when absent).   usage: tools/bench_summary.py results.jsonl"""
import json
import statistics
import sys
from collections import OrderedDict


def implementation(r):
    """elman's lines name their JDK (e.g. "elman@jdk25"); a peer's are its own."""
    return "%s@jdk%d" % (r["impl"], r.get("jdk", 17)) if r["impl"] == "elman" else r["impl"]


def best(values, mode):
    return min(values) if mode == "latency" else max(values)


def ratio(peer, e, mode):
    return "%.2f×" % ((peer / e) if mode == "latency" else (e / peer))


def main(path):
    pooled = OrderedDict()
    for line in open(path):
        r = json.loads(line)
        key = (r["config"], r["mode"], r["threads"], implementation(r), r["backend"])
        pooled.setdefault(key, []).extend(r["values"])
    med = {k: statistics.median(v) for k, v in pooled.items()}
    elmans = sorted({i for (c, mo, t, i, b) in med if i.startswith("elman@")})
    print("| config | mode | threads | implementation | median | n | %s |" % " | ".join(e + " ÷ this" for e in elmans))
    print("|---|---|---|---|---|---|%s" % ("---|" * len(elmans)))
    for (cfg, mode, thr, impl, backend), m in med.items():
        unit = "ms" if mode == "latency" else "tok/s"
        cells = []
        for e in elmans:
            ev = [v for (c, mo, t, i, b), v in med.items() if (c, mo, t, i) == (cfg, mode, thr, e)]
            cells.append(ratio(m, best(ev, mode), mode) if ev and not impl.startswith("elman@") else "")
        print("| %s | %s | %d | %s %s | %s %s | %d | %s |" % (cfg, mode, thr, impl, backend,
              ("%.3f" % m) if mode == "latency" else ("{:,.0f}".format(m)), unit,
              len(pooled[(cfg, mode, thr, impl, backend)]), " | ".join(cells)))


def by_round(path):
    """Per round: the best elman median of each JDK against each peer's median of the same round (the machine
    drifts)."""
    rounds = OrderedDict()
    for line in open(path):
        r = json.loads(line)
        key = (r["config"], r["mode"], r["threads"], r.get("round", 0), implementation(r), r["backend"])
        rounds.setdefault(key, []).extend(r["values"])
    med = {k: statistics.median(v) for k, v in rounds.items()}
    elmans = sorted({k[4] for k in med if k[4].startswith("elman@")})
    print()
    print("| config | mode | round | %s |" % " | ".join("%s ÷ %s" % (e, p) for e in elmans for p in ("PyTorch", "numpy")))
    print("|---|---|---|%s" % ("---|" * (2 * len(elmans))))
    seen = OrderedDict((k[:4], None) for k in med)
    for cfg, mode, thr, rnd in seen:
        here = {(i, b): v for (c, mo, t, ro, i, b), v in med.items() if (c, mo, t, ro) == (cfg, mode, thr, rnd)}
        cells = []
        for e in elmans:
            ev = [v for (i, b), v in here.items() if i == e]
            for peer in ("torch", "numpy"):
                p = [v for (i, b), v in here.items() if i == peer]
                cells.append(ratio(p[0], best(ev, mode), mode) if p and ev else "–")
        print("| %s | %s | %s | %s |" % (cfg, mode, rnd, " | ".join(cells)))


if __name__ == "__main__":
    main(sys.argv[1])
    by_round(sys.argv[1])
