#!/usr/bin/env bash
# The main job on a fresh machine: build elman, train the UD English EWT part-of-speech tagger with the default
# settings, evaluate it on the test file, and tag an example sentence.
# Data: --data DIR, else $ELMAN_DATA, else ../shared/data (see ../shared/data/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_ARGS=()
if [[ "${1:-}" == "--data" ]]; then DATA_ARGS=(--data "$2"); fi
mvn -B -q -ntp -DskipTests package
JAVA=(bin/elman)   # java -Xmx1g --add-modules jdk.incubator.vector -jar elman-cli/target/elman.jar
mkdir -p models
"${JAVA[@]}" tag train "${DATA_ARGS[@]}" --out models/en-ewt-upos.safetensors --metrics models/en-ewt-upos.metrics.csv
"${JAVA[@]}" tag eval "${DATA_ARGS[@]}" --model models/en-ewt-upos.safetensors | head -8
echo "She can open the can." | "${JAVA[@]}" tag run --model models/en-ewt-upos.safetensors
