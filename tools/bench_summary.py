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


if __name__ == "__main__":
    main(sys.argv[1])
