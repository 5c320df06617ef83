#!/usr/bin/env bash
# Idempotently prepares the local cluster for a first call: tenant "demo", entitled to every model
# in the repository (latest version) for TREAT; each shipped version Approved and approved for demo;
# a demo key in .local/demo-tenant.key (kept while it still works). Uses the operator key.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
repository="${1:-$root/models}"
state="$root/.local"
ctl() { "$root/clusterctl" --key-file "$state/operator.key" "$@"; }

ctl tenant get demo > /dev/null 2>&1 || ctl tenant create demo --name "Demo Health System" > /dev/null

models=()
for dir in "$repository"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/config.json" ] || continue
  models+=(--model "$name:latest")
  for version_dir in "$dir"*/; do
    version=$(basename "$version_dir")
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    ctl model lifecycle "$name" "$version" Approved > /dev/null 2>&1 || continue
    ctl model approve "$name" "$version" --tenant demo > /dev/null
  done
done
ctl policy set demo "${models[@]}" --purpose TREAT --default-purpose TREAT > /dev/null

if [ ! -s "$state/demo-tenant.key" ] || ! "$root/clusterctl" --key-file "$state/demo-tenant.key" tenant get demo > /dev/null 2>&1; then
  (umask 077; ctl key issue demo --name local-demo | tail -n 1 > "$state/demo-tenant.key")
  echo "issued a key for tenant demo in .local/demo-tenant.key"
fi
