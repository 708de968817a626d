#!/usr/bin/env bash
# Installs the Debian packages jdlab's main job and tests use, if any is missing. jupyter-client
# brings the jupyter-kernelspec command the README uses.
# Jupyter's own clients drive the kernel in the tests; ipykernel is the baseline of the benchmark;
# the JDK's sources (src.zip) give inspect and Shift+Tab the JDK's javadoc; headless Chromium checks
# that exported notebooks draw their charts offline, and live in the Notebook server's page, driven over
# its DevTools websocket (python3-websocket); python3-onnx checks the files %export writes.
# A real Prometheus scrapes the metrics of %serve's servers and wrk loads them (tests/e2e/test_serve.py).
set -euo pipefail
packages=(
  python3-jupyter-client jupyter-client python3-nbclient jupyter-nbconvert jupyter-notebook
  python3-jupyter-kernel-test python3-ipykernel python3-pytest python3-psutil openjdk-17-source
  chromium python3-websocket python3-onnx
  prometheus wrk
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
