#!/usr/bin/env bash
# Packs what the project needs to run on the GPU machine (which has no .NET, no Node and no
# internet, and takes at most 64 MiB per call): the .NET runtime, framework-dependent Release
# builds of the silo (which co-hosts the gateway role with Silo__HostGateway=true), gateway,
# clusterctl, perf analyzer and bare gRPC + ONNX Runtime server (--cuda-device N), ONNX Runtime's GPU native libraries,
# Node and Azurite. xz-compressed and split into parts of 55 MB under OUT (default .gpu in the
# project root; add "/.gpu/" to .git/info/exclude). Run from the project root. ~10 min on 2 cores.
set -euo pipefail
out=${1:-.gpu}; w=$(mktemp -d)
tools/scripts/install-azurite.sh > /dev/null
for p in silo:silo/Cluster.Silo/Cluster.Silo.csproj gateway:gateway/Cluster.Gateway/Cluster.Gateway.csproj \
         ctl:client/Cluster.Ctl/Cluster.Ctl.csproj perf:tools/Cluster.PerfAnalyzer/Cluster.PerfAnalyzer.csproj \
         bare:tools/Cluster.BareServer/Cluster.BareServer.csproj; do
  dotnet build "${p#*:}" -c Release -o "$w/app/${p%%:*}" -v q -nologo -clp:ErrorsOnly
done
mkdir -p "$w/ort"
cp "$w"/app/silo/runtimes/linux-x64/native/libonnxruntime{,_providers_shared,_providers_cuda}.so "$w/ort/"
for a in "$w"/app/*; do
  find "$a/runtimes" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} + 2>/dev/null || true
  rm -f "$a"/runtimes/linux-x64/native/libonnxruntime*.so
done
d=$(dirname "$(readlink -f "$(command -v dotnet)")")
mkdir -p "$w/dotnet" "$w/node/bin" "$w/azurite"
cp -a "$d/dotnet" "$d/host" "$d/shared" "$w/dotnet/"
cp "$(readlink -f "$(command -v node)")" "$w/node/bin/node"
# Azurite alone (the project's .local/tools may hold other npm packages, e.g. helm's layer)
npm install --silent --no-audit --no-fund --prefix "$w/azurite" \
  "azurite@$(node -p "require('./.local/tools/node_modules/azurite/package.json').version")" > /dev/null
echo "compressing $(du -sh "$w" | cut -f1)..."
tar -C "$w" -cf - app ort dotnet node azurite | xz -3 -T0 > "$w/bundle.tar.xz"
rm -rf "$out"; mkdir -p "$out"
split -b 55M -d -a 1 "$w/bundle.tar.xz" "$out/part"
for f in "$out"/part*; do n=${f##*part}; mkdir -p "$out/c$n"; mv "$f" "$out/c$n/"; done
sha256sum "$w/bundle.tar.xz" | cut -c1-16 > "$out/sha256"
rm -rf "$w"
ls "$out"; echo "carry each $out/cN in its own device call (see README.md)"
