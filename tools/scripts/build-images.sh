#!/usr/bin/env bash
# Builds the container images with podman (docs/images.md):
#   cluster-gateway:<version>    gateway/Cluster.Gateway
#   cluster-silo:<version>       silo/Cluster.Silo, ONNX Runtime's CPU provider only, models in /app/models
#   cluster-silo-cuda:<version>  the same plus ONNX Runtime's CUDA provider, on a CUDA 13 + cuDNN 9 base
# <version> is helm/cluster/Chart.yaml's appVersion, the tag the chart uses by default. Publishes
# the hosts self-contained for linux-x64 (the images need no .NET), stages a build context per
# image under .local/images/context and builds deploy/images/*.Containerfile in it.
#
# usage: tools/scripts/build-images.sh [--debian-base] [--skip-cuda] [--force]
#   --debian-base  build every image FROM a local Debian bookworm base made with mmdebstrap
#                  (cached as localhost/cluster-base:bookworm-<key>, keyed by its package list),
#                  for machines that reach no container registry (CI). The CUDA image then builds
#                  but holds no CUDA libraries: it cannot serve on a GPU.
#   --skip-cuda    build only the gateway and the CPU silo.
#   --force        rebuild even when the images were built from the same sources and base.
# Without --debian-base the bases are pulled: BASE_IMAGE (mcr.microsoft.com/dotnet/runtime-deps:10.0)
# and CUDA_BASE_IMAGE (nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04); both can be set either way.
# Images already built from the same sources and base (label cluster.source-digest) are kept.
# Installs podman, runc and mmdebstrap with apt-get when missing. Prints the images, last.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

debian_base=""; skip_cuda=""; force=""
for arg in "$@"; do
  case "$arg" in
    --debian-base) debian_base=1 ;;
    --skip-cuda) skip_cuda=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=tools/scripts/podman-env.sh
source "$ROOT/tools/scripts/podman-env.sh"

version=$(sed -nE 's/^appVersion:[[:space:]]*"?([^"[:space:]]+)"?.*/\1/p' helm/cluster/Chart.yaml)
[ -n "$version" ] || { echo "error: no appVersion in helm/cluster/Chart.yaml" >&2; exit 1; }
images=(gateway silo); [ -z "$skip_cuda" ] && images+=(silo-cuda)
ctx="$ROOT/.local/images/context"
log="$ROOT/.local/images/build.log"
mkdir -p "$ctx" && : > "$log"
step() { echo "[$(date +%T)] $*" >&2; }
# run LABEL CMD...: runs a step with its output in the build log, shown when it fails.
run() {
  local label=$1; shift
  if ! "$@" >> "$log" 2>&1; then
    echo "error: $label failed; the last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

# ---- the base images --------------------------------------------------------------------------
# Debian bookworm minbase with what .NET needs (glibc, libstdc++, OpenSSL 3, CA certificates, ICU
# like runtime-deps, tzdata), passwd for the `app` user; documentation left out.
debian_packages="ca-certificates,libicu72,libssl3,passwd"
debian_options="--variant=minbase --dpkgopt=path-exclude=/usr/share/doc/* --dpkgopt=path-include=/usr/share/doc/*/copyright --dpkgopt=path-exclude=/usr/share/man/* --dpkgopt=path-exclude=/usr/share/info/*"
build_debian_base() {
  local key ref tar
  key=$(printf '%s\n' bookworm "$debian_packages" "$debian_options" | sha256sum | cut -c1-12)
  ref="localhost/cluster-base:bookworm-$key"
  if podman image exists "$ref"; then
    step "Debian base $ref (cached)"
  else
    step "Debian base $ref: mmdebstrap bookworm (about a minute)"
    tar=$(mktemp -d)/rootfs.tar
    # shellcheck disable=SC2086
    run "mmdebstrap" mmdebstrap --quiet $debian_options --include="$debian_packages" bookworm "$tar"
    run "podman import" podman import --message "mmdebstrap bookworm $debian_packages" "$tar" "$ref"
    rm -rf "$(dirname "$tar")"
  fi
  echo "$ref"
}
if [ -n "$debian_base" ]; then
  debian=$(build_debian_base)
  base=${BASE_IMAGE:-$debian}
  cuda_base=${CUDA_BASE_IMAGE:-$debian}
else
  base=${BASE_IMAGE:-mcr.microsoft.com/dotnet/runtime-deps:10.0}
  cuda_base=${CUDA_BASE_IMAGE:-nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04}
fi

# ---- reuse: images built from these sources and these bases are kept -------------------------
sources=(silo gateway grains protos models tools/Cluster.HealthProbe deploy/images
         Directory.Build.props Directory.Packages.props global.json tools/scripts/build-images.sh)
base_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || echo "$1"; }
digest=$({ git ls-files -co --exclude-standard -- "${sources[@]}" | sort | xargs -d '\n' sha256sum
           echo "$base $(base_id "$base")"; echo "$cuda_base $(base_id "$cuda_base")"; } | sha256sum | cut -c1-16)
current() { # current NAME: the image exists and carries this digest
  [ "$(podman image inspect --format '{{index .Labels "cluster.source-digest"}}' "localhost/cluster-$1:$version" 2>/dev/null)" = "$digest" ]
}
todo=()
for image in "${images[@]}"; do
  if [ -z "$force" ] && current "$image"; then step "cluster-$image:$version is up to date (sources $digest)"; else todo+=("$image"); fi
done

# ---- publish and stage the contexts -----------------------------------------------------------
publish() { # publish PROJECT OUT: self-contained linux-x64 Release
  rm -rf "$2"
  run "dotnet publish $1" dotnet publish "$1" -c Release -r linux-x64 --self-contained -o "$2" -nologo -v quiet -clp:ErrorsOnly
}
runtime_version() { python3 -c 'import json,sys; print(next(f["version"] for f in json.load(open(sys.argv[1]))["runtimeOptions"]["includedFrameworks"] if f["name"] == "Microsoft.NETCore.App"))' "$1"; }
# The health probe runs on the host's own runtime: its four files go next to the host, whose
# self-contained runtime must be the same version the probe was published against.
add_probe() { # add_probe APP_FOLDER HOST_NAME
  local app=$1
  if [ "$(runtime_version "$ctx/probe/Cluster.HealthProbe.runtimeconfig.json")" != "$(runtime_version "$app/$2.runtimeconfig.json")" ]; then
    echo "error: Cluster.HealthProbe and $app were published against different .NET runtimes" >&2; exit 1
  fi
  cp "$ctx/probe"/Cluster.HealthProbe{,.dll,.deps.json,.runtimeconfig.json} "$app/"
}
needs() { local i; for i in "${todo[@]}"; do [[ "$i" == "$1"* ]] && return 0; done; return 1; }

if [ "${#todo[@]}" -gt 0 ]; then
  step "publishing (self-contained, linux-x64) for: ${todo[*]}"
  publish tools/Cluster.HealthProbe/Cluster.HealthProbe.csproj "$ctx/probe"
  if needs gateway; then
    publish gateway/Cluster.Gateway/Cluster.Gateway.csproj "$ctx/gateway/app"
    add_probe "$ctx/gateway/app" Cluster.Gateway
  fi
  if needs silo; then
    publish silo/Cluster.Silo/Cluster.Silo.csproj "$ctx/silo/app"
    add_probe "$ctx/silo/app" Cluster.Silo
    app="$ctx/silo/app"
    # ONNX Runtime's Gpu package brings Windows binaries too, and the TensorRT provider (the silo
    # never asks for it; it needs TensorRT's libraries). The CUDA provider moves to cuda/, which
    # only the CUDA image copies: ONNX Runtime loads it only when a session asks for CUDA.
    rm -f "$app"/onnxruntime.dll "$app"/onnxruntime_providers_*.dll "$app"/libonnxruntime_providers_tensorrt.so
    rm -rf "$ctx/silo/cuda" && mkdir -p "$ctx/silo/cuda"
    mv "$app/libonnxruntime_providers_cuda.so" "$ctx/silo/cuda/"
    if [ ! -f "$app/libonnxruntime.so" ] || [ ! -f "$app/libonnxruntime_providers_shared.so" ]; then
      echo "error: ONNX Runtime's native libraries are missing from the silo publish" >&2; exit 1
    fi
    step "staging the model repository (tools/scripts/extract-models.sh)"
    run "extract-models.sh" tools/scripts/extract-models.sh
    rm -rf "$ctx/silo/models" && cp -R models "$ctx/silo/models"
    find "$ctx/silo/models" -name '.*' -type f -delete
  fi
  chmod -R a+rX,go-w "$ctx"
fi

# ---- build ------------------------------------------------------------------------------------
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
for image in "${todo[@]}"; do
  case "$image" in
    gateway) context="$ctx/gateway"; from=$base ;;
    silo) context="$ctx/silo"; from=$base ;;
    silo-cuda) context="$ctx/silo"; from=$cuda_base ;;
  esac
  step "building cluster-$image:$version FROM $from"
  previous=$(podman image inspect --format '{{.Id}}' "localhost/cluster-$image:$version" 2> /dev/null || true)
  run "podman build cluster-$image" podman build --format docker \
    -f "deploy/images/$image.Containerfile" --build-arg "BASE=$from" \
    --label "org.opencontainers.image.title=cluster-$image" \
    --label "org.opencontainers.image.version=$version" \
    --label "org.opencontainers.image.revision=$revision" \
    --label "org.opencontainers.image.base.name=$from" \
    --label "cluster.source-digest=$digest" \
    -t "localhost/cluster-$image:$version" "$context"
  # The image this one replaces, now untagged (kept when a container still uses it).
  if [ -n "$previous" ] && [ "$(podman image inspect --format '{{len .RepoTags}}' "$previous" 2> /dev/null)" = 0 ]; then
    podman rmi "$previous" > /dev/null 2>&1 || true
  fi
done

for image in "${images[@]}"; do
  podman image inspect --format "localhost/cluster-$image:$version {{.Size}}" "localhost/cluster-$image:$version" \
    | awk '{ printf "%s  %d MB\n", $1, $2 / 1000000 }'
done
