#!/usr/bin/env bash
# Installs Azurite (the official Azure Storage emulator, from npm) into .local/tools when missing.
# Prints the folder holding its executables (azurite-table, azurite-blob).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools="$root/.local/tools"
version=3.37.0
bin="$tools/node_modules/.bin"
if [ ! -x "$bin/azurite-table" ] || ! grep -q "\"version\": \"$version\"" "$tools/node_modules/azurite/package.json" 2>/dev/null; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "azurite@$version" >&2
fi
echo "$bin"
