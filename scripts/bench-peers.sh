#!/usr/bin/env bash
# Interleaved peer benchmark: PyTorch 1.13 and numpy (../shared/bench, OpenBLAS) against elman, same configurations
# (T and C), same thread count, several rounds, all repetitions appended to one JSON-lines file; then the summary.
#   scripts/bench-peers.sh [rounds] [results.jsonl]
# Needs: apt-get install python3-torch python3-numpy; ../shared/bench/setup_openblas.sh run once; the jar built.
# ELMAN_JAVA_HOMES="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" runs elman on each JDK in
# every round (default: the java that bin/elman finds).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
OUT="${2:-runs/bench-$(date +%Y%m%d-%H%M).jsonl}"
BENCH="${ELMAN_BENCH:-../shared/bench}"
mkdir -p "$(dirname "$OUT")"
for r in $(seq 1 "$ROUNDS"); do
  (cd "$BENCH" && ./blas_env.sh openblas-openmp /usr/bin/python3 bench_rnn.py --config T C --threads 2 \
      --impl torch numpy --reps 5 --round "$r" --out "$(cd - >/dev/null && realpath "$OUT")")
  for home in ${ELMAN_JAVA_HOMES:-"${JAVA_HOME:-}"}; do
    JAVA_HOME="$home" bin/elman bench --config T,C --threads 2 --mode kernel --reps 5 --round "$r" --json "$OUT"
    JAVA_HOME="$home" bin/elman bench --config T,C --threads 2 --mode shard --reps 5 --round "$r" --json "$OUT"
  done
done
/usr/bin/python3 tools/bench_summary.py "$OUT"
