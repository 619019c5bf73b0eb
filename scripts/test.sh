#!/usr/bin/env bash
# Runs the whole test suite (unit, gradient checks, PyTorch parity, small slices of the real corpora).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp verify "$@"
