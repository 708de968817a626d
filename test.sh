#!/usr/bin/env bash
# The whole test suite: JUnit unit tests, then end-to-end tests in which Debian's real Jupyter
# clients start the kernel through its installed kernelspec.
set -euo pipefail
cd "$(dirname "$0")"
scripts/debian-packages.sh
mvn -B -ntp package
# Debian's Python has the Jupyter modules; the first python3 on PATH may not.
OMP_NUM_THREADS=1 /usr/bin/python3 -m pytest -p no:cacheprovider -q tests/e2e "$@"
