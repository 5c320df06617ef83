#!/usr/bin/env bash
# kill -9 of the silo holding a shard, under load through two gateways (issue 13's first goal),
# on real processes: ./run.sh --silos 2 --gateways 2 (Azure Table membership on Azurite, mutual
# TLS), two perf analyzers (closed loop, 5 s client deadline), one per gateway, on a tenant made
# for this run. At KILL_AT seconds the silo whose shard has run breast-cancer-risk is killed with
# SIGKILL. Checks: successful calls / all calls >= MIN_SUCCESS (0.9999), no call waited out its
# deadline, the tenant's metered usage equals the successful calls exactly, and its audit chain
# verifies and holds every call. Prints the figures; last line "N passed, M failed".
# Needs ports 8000-8012, 9102-9103, 10002, 11111-11112, 30000-30001 free. About 2 minutes.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DURATION="${DURATION:-40}"
KILL_AT="${KILL_AT:-15}"
CONCURRENCY="${CONCURRENCY:-8}"
MIN_SUCCESS="${MIN_SUCCESS:-0.9999}"
MODEL=breast-cancer-risk
work=$(mktemp -d)
passed=0; failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
run_pid=""
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null; wait "$run_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

for port in 8000 8010 10002; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use; stop what holds it" >&2; exit 1; fi
done

echo "building the perf analyzer..."
dotnet build tools/Cluster.PerfAnalyzer -c Release -v quiet -nologo -clp:ErrorsOnly > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
perf="tools/Cluster.PerfAnalyzer/bin/Release/net10.0/Cluster.PerfAnalyzer.dll"

echo "starting ./run.sh --silos 2 --gateways 2 (log .local/logs/resilience-run.log)..."
mkdir -p .local/logs
setsid ./run.sh --silos 2 --gateways 2 > .local/logs/resilience-run.log 2>&1 &
run_pid=$!
for _ in $(seq 1 480); do
  grep -q "tenant 'demo' key" .local/logs/resilience-run.log && break
  kill -0 "$run_pid" 2>/dev/null || { tail -20 .local/logs/resilience-run.log; fail "the two-silo cluster starts"; echo "$passed passed, $failed failed"; exit 1; }
  sleep 0.5
done

op() { ./clusterctl --key-file .local/operator.key "$@"; }
tenant="kill$(date +%s)"
op tenant create "$tenant" --name "kill -9 test" > /dev/null
op model approve "$MODEL" 1 --tenant "$tenant" > /dev/null
op policy set "$tenant" --model "$MODEL:latest" --purpose TREAT --default-purpose TREAT > /dev/null
(umask 077; op key issue "$tenant" --name kill-test | tail -n 1 > "$work/key")

# Governance changes reach each gateway within its refresh: wait until both serve the new tenant.
body='{"inputs":[{"name":"features","datatype":"FP32","shape":[1,30],"data":[17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189]}],"parameters":{"purpose_of_use":"TREAT"}}'
probes=0
for port in 8000 8010; do
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $(cat "$work/key")" -X POST "http://127.0.0.1:$port/v2/models/$MODEL/infer" -d "$body")
    probes=$((probes + 1))
    [ "$code" = 200 ] && break
    sleep 0.5
  done
  [ "$code" = 200 ] || { fail "gateway on $port serves the new tenant"; echo "$passed passed, $failed failed"; exit 1; }
done
probes_ok=2

load() { # load GATEWAY_GRPC_PORT OUT
  dotnet "$perf" --model "$MODEL" --endpoint "http://127.0.0.1:$1" --key-file "$work/key" --purpose-of-use TREAT \
    --data data/wisconsin-breast-cancer/breast_cancer.csv --concurrency "$CONCURRENCY" --no-baseline \
    --warmup-seconds 0 --measure-seconds "$DURATION" --request-timeout-seconds 5 --json "$2" > "$2.log" 2>&1
}
echo "load: $CONCURRENCY callers on each gateway for $DURATION s; kill -9 at $KILL_AT s"
load 8001 "$work/g1.json" & l1=$!
load 8011 "$work/g2.json" & l2=$!
sleep "$KILL_AT"

victim=""
for i in 1 2; do
  count=$(curl -fs "http://127.0.0.1:$((9101 + i))/metrics" | sed -nE "s/^cluster_shard_executions_total\{model=\"$MODEL\"[^}]*\} ([0-9.e+]+)$/\1/p" | head -1)
  if [ -n "$count" ] && [ "${count%%.*}" != "0" ]; then victim=$i; fi
done
if [ -z "$victim" ]; then fail "a silo runs the shard"; else
  pid=$(cat ".local/run/silo-$victim.pid")
  kill -9 "$pid"
  echo "killed silo $victim (pid $pid) at $(date +%T.%N | cut -c1-12)"
fi
wait "$l1"; wait "$l2"

read -r ok1 total1 < <(jq -r '.results[0].cluster.allCalls | "\(.succeeded) \(.succeeded + ([.failed[]] | add // 0))"' "$work/g1.json")
read -r ok2 total2 < <(jq -r '.results[0].cluster.allCalls | "\(.succeeded) \(.succeeded + ([.failed[]] | add // 0))"' "$work/g2.json")
# The probes before the load are calls too (audited; the two that succeeded are metered).
ok=$((ok1 + ok2)); total=$((total1 + total2))
metered=$((ok + probes_ok)); audited=$((total + probes))
failures=$(jq -rs '[.[].results[0].cluster.allCalls.failed | to_entries[]] | group_by(.key) | map("\(.[0].key) \(map(.value) | add)") | join(", ")' "$work/g1.json" "$work/g2.json")
ratio=$(awk -v o="$ok" -v t="$total" 'BEGIN { printf "%.6f", (t > 0 ? o / t : 0) }')
echo "calls: $total, succeeded: $ok ($ratio), failed: ${failures:-none}"
if awk -v r="$ratio" -v m="$MIN_SUCCESS" 'BEGIN { exit !(r >= m) }'; then pass "at least $MIN_SUCCESS of the calls succeed across the kill ($ratio)"; else fail "at least $MIN_SUCCESS of the calls succeed across the kill ($ratio)"; fi
if [[ "$failures" != *DEADLINE_EXCEEDED* ]]; then pass "no call waits out its 5 s deadline"; else fail "no call waits out its 5 s deadline"; fi

usage=""
for _ in $(seq 1 60); do
  usage=$(op usage "$tenant" --json 2>/dev/null | jq -r '.requests')
  [ "$usage" = "$metered" ] && break
  sleep 1
done
if [ "$usage" = "$metered" ]; then pass "metered usage equals the successful calls ($usage)"; else fail "metered usage equals the successful calls (usage $usage, succeeded $metered)"; fi

checked=""
for _ in $(seq 1 60); do
  op audit verify "$tenant" --json > "$work/verify.json" 2>/dev/null
  checked=$(jq -r 'if .intact then (.recordsChecked // 0) else "broken" end' "$work/verify.json")
  [ "$checked" = "$audited" ] && break
  sleep 1
done
if [ "$checked" = "$audited" ]; then pass "the audit chain verifies and holds every call ($checked)"; else fail "the audit chain verifies and holds every call (checked $checked, calls $audited)"; fi

grep -hE "Retrying|Not retrying" .local/logs/gateway-*.log | tail -3
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
