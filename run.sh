#!/usr/bin/env bash
# The main job: build jdlab, register the kernel with Jupyter (for this user) and run the demo
# notebook headless, leaving the executed notebook and its HTML export in out/.
#   ./run.sh             build, install, execute notebooks/java-in-notebooks.ipynb
#   ./run.sh notebook    build, install, then open Jupyter Notebook on notebooks/
set -euo pipefail
cd "$(dirname "$0")"
scripts/debian-packages.sh
mvn -B -q package -DskipTests
java -jar install/target/jdlab.jar install --user
if [ "${1:-}" = "notebook" ]; then
  root_flag=()
  [ "$(id -u)" -ne 0 ] || root_flag=(--allow-root)  # Jupyter refuses root unless told
  exec jupyter notebook --ip=127.0.0.1 --notebook-dir=notebooks "${root_flag[@]}"
fi
mkdir -p out
demo=notebooks/java-in-notebooks.ipynb
jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=jdlab \
  --output-dir=out --output=java-in-notebooks "$demo"
jupyter nbconvert --to html --output-dir=out out/java-in-notebooks.ipynb
echo "Executed notebook: out/java-in-notebooks.ipynb; HTML export: out/java-in-notebooks.html"
