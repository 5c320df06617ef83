#!/usr/bin/env bash
# Starts the local cluster in the foreground: one silo and the gateway, serving the model
# repository in ./models. Ready when http://127.0.0.1:8000/v2/health/ready answers 200.
# Ctrl-C or SIGTERM stops everything this script started. Logs and state go under .local/.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
state="$root/.local"
mkdir -p "$state/logs"

repository="${MODEL_REPOSITORY:-$root/models}"
configuration="${CONFIGURATION:-Release}"

echo "building ($configuration)..."
dotnet build "$root/silo/Cluster.Silo/Cluster.Silo.csproj" -c "$configuration" -o "$state/bin/silo" -v quiet -nologo -clp:ErrorsOnly
dotnet build "$root/gateway/Cluster.Gateway/Cluster.Gateway.csproj" -c "$configuration" -o "$state/bin/gateway" -v quiet -nologo -clp:ErrorsOnly

pids=()
stop() {
  trap - INT TERM EXIT
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped"
}
trap stop INT TERM EXIT

echo "starting silo (repository $repository; log .local/logs/silo.log)"
ModelRepository__Root="$repository" DOTNET_ENVIRONMENT=Production \
  dotnet "$state/bin/silo/Cluster.Silo.dll" --contentRoot "$state/bin/silo" > "$state/logs/silo.log" 2>&1 &
pids+=($!)

echo "starting gateway (log .local/logs/gateway.log)"
ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$state/bin/gateway/Cluster.Gateway.dll" --contentRoot "$state/bin/gateway" > "$state/logs/gateway.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
  if curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready; then
    echo "ready: REST http://127.0.0.1:8000  gRPC 127.0.0.1:8001  metrics http://127.0.0.1:8002/metrics  silo metrics http://127.0.0.1:9102/metrics"
    break
  fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "a process exited during start-up; see .local/logs/" >&2; exit 1; fi
  done
  sleep 0.5
done
curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready || { echo "not ready after 120 s; see .local/logs/" >&2; exit 1; }

wait -n "${pids[@]}" || true
echo "a process exited; see .local/logs/" >&2
exit 1
