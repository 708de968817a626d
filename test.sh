#!/usr/bin/env bash
# The whole test suite: JUnit unit tests, then end-to-end tests in which Debian's real Jupyter
# clients start the kernel through its installed kernelspec; all on JDK 17, then again on JDK 25.
set -euo pipefail
cd "$(dirname "$0")"
scripts/debian-packages.sh
# The second LTS: Temurin's JDK 25, which CI's machines hold beside Debian's 17. Its absence fails
# the run rather than passing it untested on 25.
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ ! -x "$JDK25/bin/java" ]]; then
  echo "test.sh: no JDK 25 at $JDK25; the suite runs on JDK 17 and 25" >&2
  exit 1
fi
mvn -B -ntp package
# Debian's Python has the Jupyter modules; the first python3 on PATH may not.
OMP_NUM_THREADS=1 /usr/bin/python3 -m pytest -p no:cacheprovider -q tests/e2e "$@"

# JDK 25: the unit tests, then the kernel installed with 25 (tests/e2e/conftest.py reads
# JDLAB_TEST_JAVA) through the end-to-end files where the Java shows: start-up and its AOT cache,
# execution, errors and refused exits, interrupts, lifecycle, display, %train, the lab notebooks,
# and %%launch and %train --workers on embedded Spark. Left to the run on 17, to keep CI well under
# its limit: the browser tests (Chromium draws what the kernel sent, whichever Java sent it), the
# wire's security, the magics, serving, a Spark cluster, the introspection requests and the
# installer's tests (test_install.py installs with the other JDK from either run).
JAVA_HOME=$JDK25 mvn -B -ntp test
JDLAB_TEST_JAVA=$JDK25/bin/java OMP_NUM_THREADS=1 /usr/bin/python3 -m pytest -p no:cacheprovider -q \
  tests/e2e/test_smoke.py tests/e2e/test_startup.py tests/e2e/test_first_contact.py tests/e2e/test_execute.py \
  tests/e2e/test_errors.py tests/e2e/test_interrupt.py tests/e2e/test_lifecycle.py tests/e2e/test_output.py \
  tests/e2e/test_display_tables.py tests/e2e/test_display_plotly.py tests/e2e/test_display_images.py \
  tests/e2e/test_display_ndarray.py tests/e2e/test_display_progress.py tests/e2e/test_train.py \
  tests/e2e/test_notebooks.py tests/e2e/test_launch.py tests/e2e/test_train_workers.py "$@"
