#!/usr/bin/env bash
# Runs the whole test suite (unit, gradient checks, PyTorch parity, small slices of the real corpora), then the
# engine's tests again on each JDK in ELMAN_EXTRA_JDKS that is installed (default: Temurin 25, on this machine kind),
# whose compiler gets other register tiles (elman-core/README.md); ELMAN_EXTRA_JDKS= skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp verify "$@"
for home in ${ELMAN_EXTRA_JDKS-/usr/lib/jvm/temurin-25-jdk-amd64}; do
  if [ -x "$home/bin/java" ]; then
    echo "== elman-core's tests on $("$home/bin/java" -version 2>&1 | head -1)"
    JAVA_HOME="$home" mvn -B -ntp -pl elman-core test
  else
    echo "== no JDK at $home: elman-core's tests ran on the default JDK only"
  fi
done
