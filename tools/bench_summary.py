#!/usr/bin/python3
"""Pools the repetitions of scripts/bench-peers.sh's JSON lines and prints a markdown table of medians with
elman's ratio to each peer (same config, mode and thread count).   usage: tools/bench_summary.py results.jsonl"""
import json
import statistics
import sys
from collections import OrderedDict


def main(path):
    pooled = OrderedDict()
    for line in open(path):
        r = json.loads(line)
        key = (r["config"], r["mode"], r["threads"], r["impl"], r["backend"])
        pooled.setdefault(key, []).extend(r["values"])
    med = {k: statistics.median(v) for k, v in pooled.items()}
    print("| config | mode | threads | implementation | median | n | elman ÷ this |")
    print("|---|---|---|---|---|---|---|")
    for (cfg, mode, thr, impl, backend), m in med.items():
        unit = "ms" if mode == "latency" else "tok/s"
        best_elman = [v for (c, mo, t, i, b), v in med.items() if (c, mo, t, i) == (cfg, mode, thr, "elman")]
        ratio = ""
        if impl != "elman" and best_elman:
            e = min(best_elman) if mode == "latency" else max(best_elman)
            ratio = "%.2f×" % ((m / e) if mode == "latency" else (e / m))
        print("| %s | %s | %d | %s %s | %s %s | %d | %s |" % (cfg, mode, thr, impl, backend,
              ("%.3f" % m) if mode == "latency" else ("{:,.0f}".format(m)), unit, len(pooled[(cfg, mode, thr, impl, backend)]), ratio))


def by_round(path):
    """Per round: the best elman median against each peer's median of the same round (the machine drifts)."""
    rounds = OrderedDict()
    for line in open(path):
        r = json.loads(line)
        key = (r["config"], r["mode"], r["threads"], r.get("round", 0), r["impl"], r["backend"])
        rounds.setdefault(key, []).extend(r["values"])
    med = {k: statistics.median(v) for k, v in rounds.items()}
    print()
    print("| config | mode | round | elman ÷ PyTorch | elman ÷ numpy |")
    print("|---|---|---|---|---|")
    seen = OrderedDict((k[:4], None) for k in med)
    for cfg, mode, thr, rnd in seen:
        here = {(i, b): v for (c, mo, t, ro, i, b), v in med.items() if (c, mo, t, ro) == (cfg, mode, thr, rnd)}
        elman = [v for (i, b), v in here.items() if i == "elman"]
        if not elman:
            continue
        e = min(elman) if mode == "latency" else max(elman)
        cells = []
        for peer in ("torch", "numpy"):
            p = [v for (i, b), v in here.items() if i == peer]
            cells.append("%.2f×" % ((p[0] / e) if mode == "latency" else (e / p[0])) if p else "–")
        print("| %s | %s | %s | %s | %s |" % (cfg, mode, rnd, cells[0], cells[1]))


if __name__ == "__main__":
    main(sys.argv[1])
    by_round(sys.argv[1])
