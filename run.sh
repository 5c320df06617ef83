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
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
state="$root/.local"
mkdir -p "$state/logs" "$state/azurite"

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

pids=()
azurite_pid=""
silo_pid=""
gateway_pid=""
stop_one() { # stop_one SIGNAL PID: signal the process and wait until it has exited
  [ -n "$2" ] || return 0
  kill -"$1" "$2" 2>/dev/null || true
  wait "$2" 2>/dev/null || true
}
stop() {
  trap - INT TERM EXIT
  echo "stopping (gateway, then silo, then Azurite)..."
  stop_one TERM "$gateway_pid"
  stop_one TERM "$silo_pid"
  # Azurite saves its data on SIGINT (not on SIGTERM).
  stop_one INT "$azurite_pid"
  echo "stopped"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

echo "starting Azurite (tables on 127.0.0.1:$table_port, data in .local/azurite)"
setsid "$azurite_bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$table_port" --location "$state/azurite" \
  --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry > "$state/logs/azurite.log" 2>&1 &
azurite_pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && break; sleep 0.2; done

# Tier hot methods up at once rather than after 100 ms of start-up quiet: the first seconds after
# ready serve within 2x of steady latency (docs/performance.md, "The first minute"); env-only knob.
export DOTNET_TC_CallCountingDelayMs=0

echo "starting silo (repository $repository; log .local/logs/silo.log)"
ModelRepository__Root="$repository" Storage__ConnectionString="$storage" DOTNET_ENVIRONMENT=Production \
  setsid dotnet "$state/bin/silo/Cluster.Silo.dll" --contentRoot "$state/bin/silo" > "$state/logs/silo.log" 2>&1 &
silo_pid=$!
pids+=("$silo_pid")

echo "starting gateway (log .local/logs/gateway.log)"
# Plain text on loopback for local development only (the gateway refuses it on any other address;
# the chart configures TLS).
Gateway__Plaintext=true Auth__OperatorKeyFile="$state/operator.key" ASPNETCORE_ENVIRONMENT=Production \
  setsid dotnet "$state/bin/gateway/Cluster.Gateway.dll" --contentRoot "$state/bin/gateway" > "$state/logs/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")

ready=""
for _ in $(seq 1 240); do
  if curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready; then ready=1; break; fi
  for pid in "${pids[@]}" "$azurite_pid"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "a process exited during start-up; see .local/logs/" >&2; exit 1; fi
  done
  sleep 0.5
done
[ -n "$ready" ] || { echo "not ready after 120 s; see .local/logs/" >&2; exit 1; }

"$root/tools/scripts/bootstrap-demo.sh" "$repository"
echo "ready: REST http://127.0.0.1:8000  gRPC 127.0.0.1:8001  metrics http://127.0.0.1:8002/metrics  silo metrics http://127.0.0.1:9102/metrics"
echo "       tenant 'demo' key: .local/demo-tenant.key   operator key: .local/operator.key"

wait -n "${pids[@]}" "$azurite_pid" || true
echo "a process exited; see .local/logs/" >&2
exit 1
