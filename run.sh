#!/usr/bin/env bash
# Starts the local cluster in the foreground: Azurite (Azure Storage emulator, for tenant, key,
# policy and model governance state), one silo and the gateway, serving the model repository in
# ./models. Ready when http://127.0.0.1:8000/v2/health/ready answers 200. On first run it creates
# tenant "demo" (entitled to the shipped models for TREAT) and writes its key to
# .local/demo-tenant.key; the operator key is .local/operator.key. Ctrl-C or SIGTERM stops
# everything this script started. All state and logs live under .local/.
#
# Stopping loses no acknowledged write, however the signal arrives (Ctrl-C, SIGTERM to this script,
# or SIGTERM to its whole process group as systemd and supervisors send it): the three processes
# run in process groups of their own, so only this script receives the signal, and it stops them in
# order — the gateway (it flushes usage and audit to the silo), then the silo (it writes grain
# state), then Azurite with SIGINT (it saves its data; on SIGTERM it would not).
#
# ./run.sh --silos N --gateways M runs N silo and M gateway processes on Azure Table membership
# (Azurite) with mutual TLS between them (a development CA under .local/certs), so failover can be
# watched on one machine (docs/resilience.md). Silo i (from 1) listens on Orleans ports 11110+i and
# 29999+i and serves metrics on 9101+i; gateway j on 8000+10(j-1) (REST), +1 (gRPC), +2 (metrics).
# Pids are in .local/run/{silo,gateway}-K.pid and azurite.pid, logs in .local/logs/. A process
# that exits (kill -9 it, or SIGTERM it, to watch fail-over; Azurite too) is started again after a
# second, as Kubernetes would, while the rest go on serving. A gateway given SIGTERM answers not
# ready and serves on for GATEWAY_DRAIN_DELAY (default 00:00:03) before it drains.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
state="$root/.local"
mkdir -p "$state/logs" "$state/azurite"

silos=1
gateways=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
    --gateways) gateways="${2:?--gateways needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (use --silos N --gateways M)" >&2; exit 2 ;;
  esac
done
for n in "$silos" "$gateways"; do
  [[ "$n" =~ ^[1-9]$ ]] || { echo "--silos and --gateways take 1 to 9, not '$n'" >&2; exit 2; }
done
multi=""
[ "$silos" -eq 1 ] && [ "$gateways" -eq 1 ] || multi=1
# With several gateways, one told to stop (SIGTERM) answers not ready and serves on this long
# before it drains, so clients that balance by readiness leave it first (Gateway:DrainDelay; in
# Kubernetes the pod's preStop sleep does this, docs/resilience.md).
drain_delay="${GATEWAY_DRAIN_DELAY:-00:00:03}"

repository="${MODEL_REPOSITORY:-$root/models}"
configuration="${CONFIGURATION:-Release}"
table_port="${AZURITE_TABLE_PORT:-10002}"
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${table_port}/devstoreaccount1;"

echo "installing Azurite if needed..."
azurite_bin=$("$root/tools/scripts/install-azurite.sh")

"$root/tools/scripts/extract-models.sh"
echo "building ($configuration)..."
dotnet build "$root/silo/Cluster.Silo/Cluster.Silo.csproj" -c "$configuration" -o "$state/bin/silo" -v quiet -nologo -clp:ErrorsOnly
dotnet build "$root/gateway/Cluster.Gateway/Cluster.Gateway.csproj" -c "$configuration" -o "$state/bin/gateway" -v quiet -nologo -clp:ErrorsOnly

if [ ! -s "$state/operator.key" ]; then
  (umask 077
   id=$(head -c 8 /dev/urandom | base32 | tr -d '=' | tr 'A-Z' 'a-z' | cut -c1-12)
   secret=$(head -c 32 /dev/urandom | base32 -w0 | tr -d '=' | tr 'A-Z' 'a-z')
   echo "hso_${id}_${secret}" > "$state/operator.key")
  echo "generated the operator key in .local/operator.key"
fi

azurite_pid=""
silo_pids=()
gateway_pids=()
mkdir -p "$state/run"
rm -f "$state"/run/*.pid
stop_one() { # stop_one SIGNAL PID: signal the process and wait until it has exited
  [ -n "$2" ] || return 0
  kill -"$1" "$2" 2>/dev/null || true
  wait "$2" 2>/dev/null || true
}
stop_all() { # stop_all SIGNAL PID...: signal them together, then wait for each
  local signal=$1 pid; shift
  for pid in "$@"; do kill -"$signal" "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}
stop() {
  trap - INT TERM EXIT
  echo "stopping (gateways, then silos, then Azurite)..."
  stop_all TERM "${gateway_pids[@]}"
  stop_all TERM "${silo_pids[@]}"
  # Azurite saves its data on SIGINT (not on SIGTERM).
  stop_one INT "$azurite_pid"
  rm -f "$state"/run/*.pid
  echo "stopped"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

start_azurite() { # its pid in azurite_pid and .local/run/azurite.pid; returns once it accepts connections
  echo "starting Azurite (tables on 127.0.0.1:$table_port, data in .local/azurite)"
  setsid "$azurite_bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$table_port" --location "$state/azurite" \
    --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry >> "$state/logs/azurite.log" 2>&1 &
  azurite_pid=$!
  echo "$azurite_pid" > "$state/run/azurite.pid"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && break; sleep 0.2; done
}
: > "$state/logs/azurite.log"
start_azurite

# Tier hot methods up at once rather than after 100 ms of start-up quiet: the first seconds after
# ready serve within 2x of steady latency (docs/performance.md, "The first minute"); env-only knob.
export DOTNET_TC_CallCountingDelayMs=0

if [ -z "$multi" ]; then
  echo "starting silo (repository $repository; log .local/logs/silo.log)"
  ModelRepository__Root="$repository" Storage__ConnectionString="$storage" DOTNET_ENVIRONMENT=Production \
    setsid dotnet "$state/bin/silo/Cluster.Silo.dll" --contentRoot "$state/bin/silo" > "$state/logs/silo.log" 2>&1 &
  silo_pids+=("$!")
  echo "$!" > "$state/run/silo-1.pid"

  echo "starting gateway (log .local/logs/gateway.log)"
  # Plain text on loopback for local development only (the gateway refuses it on any other address;
  # the chart configures TLS).
  Gateway__Plaintext=true Auth__OperatorKeyFile="$state/operator.key" ASPNETCORE_ENVIRONMENT=Production \
    setsid dotnet "$state/bin/gateway/Cluster.Gateway.dll" --contentRoot "$state/bin/gateway" > "$state/logs/gateway.log" 2>&1 &
  gateway_pids+=("$!")
  echo "$!" > "$state/run/gateway-1.pid"
else
  start_silo() { # start_silo I: silo I of N, its pid in silo_pids[I-1] and .local/run/silo-I.pid
    local i=$1
    echo "starting silo $i of $silos (Orleans ports $((11110 + i)), $((29999 + i)); metrics $((9101 + i)); log .local/logs/silo-$i.log)"
    ModelRepository__Root="$repository" Storage__ConnectionString="$storage" DOTNET_ENVIRONMENT=Production \
      Cluster__SiloPort=$((11110 + i)) Cluster__GatewayPort=$((29999 + i)) Silo__AdvertisedAddress=127.0.0.1 Silo__MetricsPort=$((9101 + i)) \
      setsid dotnet "$state/bin/silo/Cluster.Silo.dll" --contentRoot "$state/bin/silo" >> "$state/logs/silo-$i.log" 2>&1 &
    silo_pids[$((i - 1))]=$!
    echo "$!" > "$state/run/silo-$i.pid"
  }
  start_gateway() { # start_gateway J: gateway J of M, its pid in gateway_pids[J-1] and .local/run/gateway-J.pid
    local j=$1 base=$((8000 + 10 * ($1 - 1)))
    echo "starting gateway $j of $gateways (REST $base, gRPC $((base + 1)), metrics $((base + 2)); log .local/logs/gateway-$j.log)"
    Gateway__Plaintext=true Auth__OperatorKeyFile="$state/operator.key" ASPNETCORE_ENVIRONMENT=Production \
      Gateway__HttpPort=$base Gateway__GrpcPort=$((base + 1)) Gateway__MetricsPort=$((base + 2)) Gateway__DrainDelay="$drain_delay" \
      setsid dotnet "$state/bin/gateway/Cluster.Gateway.dll" --contentRoot "$state/bin/gateway" >> "$state/logs/gateway-$j.log" 2>&1 &
    gateway_pids[$((j - 1))]=$!
    echo "$!" > "$state/run/gateway-$j.pid"
  }
  for i in $(seq 1 "$silos"); do : > "$state/logs/silo-$i.log"; done
  for j in $(seq 1 "$gateways"); do : > "$state/logs/gateway-$j.log"; done
  certs=$("$root/tools/scripts/dev-cluster-certs.sh" "$state/certs")
  export Cluster__Provider=AzureTable Cluster__ConnectionString="$storage" \
    Cluster__Tls__CertificateFile="$certs/member.crt" Cluster__Tls__KeyFile="$certs/member.key" Cluster__Tls__CaFile="$certs/ca.crt"
  for i in $(seq 1 "$silos"); do start_silo "$i"; done
  for j in $(seq 1 "$gateways"); do start_gateway "$j"; done
fi

ready=""
ready_all() {
  local j
  for j in $(seq 1 "$gateways"); do curl -fs -o /dev/null "http://127.0.0.1:$((8000 + 10 * (j - 1)))/v2/health/ready" || return 1; done
}
for _ in $(seq 1 240); do
  if ready_all; then ready=1; break; fi
  for pid in "${silo_pids[@]}" "${gateway_pids[@]}" "$azurite_pid"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "a process exited during start-up; see .local/logs/" >&2; exit 1; fi
  done
  sleep 0.5
done
[ -n "$ready" ] || { echo "not ready after 120 s; see .local/logs/" >&2; exit 1; }

"$root/tools/scripts/bootstrap-demo.sh" "$repository"
if [ -z "$multi" ]; then
  echo "ready: REST http://127.0.0.1:8000  gRPC 127.0.0.1:8001  metrics http://127.0.0.1:8002/metrics  silo metrics http://127.0.0.1:9102/metrics"
else
  for j in $(seq 1 "$gateways"); do
    base=$((8000 + 10 * (j - 1)))
    echo "ready: gateway $j REST http://127.0.0.1:$base  gRPC 127.0.0.1:$((base + 1))  metrics http://127.0.0.1:$((base + 2))/metrics"
  done
  echo "       silo metrics: $(for i in $(seq 1 "$silos"); do printf 'http://127.0.0.1:%s/metrics ' $((9101 + i)); done)"
fi
echo "       tenant 'demo' key: .local/demo-tenant.key   operator key: .local/operator.key"

if [ -z "$multi" ]; then
  wait -n "${silo_pids[@]}" "${gateway_pids[@]}" "$azurite_pid" || true
  echo "a process exited; see .local/logs/" >&2
  exit 1
fi
# Several silos and gateways: like a Kubernetes Deployment, one that exits (kill -9 it, or SIGTERM
# it for a graceful stop) is started again after a second while the others go on serving; so is
# Azurite (as its StatefulSet would be: kill -9 of the storage, docs/resilience.md). The script
# ends on a signal.
while :; do
  wait -n "${silo_pids[@]}" "${gateway_pids[@]}" "$azurite_pid" 2>/dev/null || true
  if ! kill -0 "$azurite_pid" 2>/dev/null; then
    echo "Azurite (pid $azurite_pid) exited; starting it again (log .local/logs/azurite.log)" >&2
    sleep 1; start_azurite
  fi
  for k in "${!silo_pids[@]}"; do
    if ! kill -0 "${silo_pids[$k]}" 2>/dev/null; then
      echo "silo $((k + 1)) (pid ${silo_pids[$k]}) exited; starting it again (log .local/logs/silo-$((k + 1)).log)" >&2
      sleep 1; start_silo $((k + 1))
    fi
  done
  for k in "${!gateway_pids[@]}"; do
    if ! kill -0 "${gateway_pids[$k]}" 2>/dev/null; then
      echo "gateway $((k + 1)) (pid ${gateway_pids[$k]}) exited; starting it again (log .local/logs/gateway-$((k + 1)).log)" >&2
      sleep 1; start_gateway $((k + 1))
    fi
  done
  sleep 0.5
done
