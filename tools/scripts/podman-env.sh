# shellcheck shell=bash
# Sourced (not run) by tools/scripts/build-images.sh and tests/containers/run.sh: makes podman
# usable on this project's Debian machines and in CI (root on a clean clone, no container
# registry reachable, Debian packages reachable).
#   - installs podman, runc, mmdebstrap, netavark, aardvark-dns and iptables with apt-get when one is
#     missing;
#   - writes .local/containers/containers.conf (runc rather than crun, cgroupfs rather than systemd,
#     open-file and process limits the .NET hosts need, netavark networks with DNS) and exports
#     CONTAINERS_CONF pointing at it, so nothing under /etc is changed.
# Defines ROOT (the repository root) when unset.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

podman_env_install() {
  # netavark with aardvark-dns (containers find each other by name) and iptables (published
  # ports) are only recommended or suggested by Debian's podman: named, so they come either way.
  local missing=() package
  for package in podman runc mmdebstrap netavark aardvark-dns iptables; do
    dpkg-query -W -f '${Status}' "$package" 2> /dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing ${missing[*]} with apt-get" >&2
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } > /dev/null
}

podman_env_configure() {
  local dir="$ROOT/.local/containers"
  mkdir -p "$dir"
  cat > "$dir/containers.conf" <<'EOF'
# Written by tools/scripts/podman-env.sh; read through CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
log_driver = "k8s-file"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[network]
network_backend = "netavark"
EOF
  export CONTAINERS_CONF="$dir/containers.conf"
}

podman_env_install || return 1
podman_env_configure
