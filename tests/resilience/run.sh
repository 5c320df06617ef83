#!/usr/bin/env bash
# Fail-over under load on real processes (issue 13): ./run.sh --silos 2 --gateways 2 (Azure Table
# membership on Azurite, mutual TLS; an exited process is started again, as Kubernetes would), two
# perf analyzers (closed loop, 5 s client deadline), one per gateway, on a tenant made for this run:
#   1. kill -9 of the silo whose shard runs the model, mid-load;
#   2. rolling restart: SIGTERM each silo in turn (graceful drain), each back before the next;
#   rolling-gateways: the same for each gateway, the load spread over both by each perf analyzer as
#      a client behind a load balancer would (round_robin over the gateways that are ready);
#   3. storage outage: Azurite stopped (SIGSTOP) for OUTAGE seconds mid-load, then resumed;
#   4. kill -9 of gateway 2 under load for a tenant limited to 12 calls at once: the calls through
#      gateway 1 all succeed, and 12 s later gateway 1 may hold all 12 (the dead gateway's slots
#      came back); the usage and audit records the dead gateway had not flushed are counted.
# Checks per phase: succeeded / all calls >= the phase's bound (kill 0.9999, rolling and
# rolling-gateways 1, outage 0.999; calls that waited out their deadline are named); at the end: the tenant's metered usage equals every
# successful call exactly and its audit chain verifies and holds every call. Last line
# "N passed, M failed". Needs ports 8000-8012, 9102-9103, 10002, 11111-11112, 30000-30001 free.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
CONCURRENCY="${CONCURRENCY:-8}"
OUTAGE="${OUTAGE:-30}"
PHASES="${PHASES:-kill rolling rolling-gateways outage gateway}"
MODEL=breast-cancer-risk
work=$(mktemp -d)
# shellcheck source=../lib/report.sh
. "$ROOT/tests/lib/report.sh"
check() { if [ "$2" = 1 ]; then pass "$1"; else fail "$1"; fi; }
run_pid=""; azurite_stopped=""
cleanup() {
  [ -n "$azurite_stopped" ] && kill -CONT "$azurite_stopped" 2>/dev/null
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
body='{"inputs":[{"name":"features","datatype":"FP32","shape":[1,30],"data":[17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189]}],"parameters":{"purpose_of_use":"TREAT"}}'
probes=0
new_tenant() { # new_tenant NAME KEY_FILE [POLICY_OPTION...]: a tenant for this run, served by both gateways
  local name=$1 key=$2 port code _; shift 2
  op tenant create "$name" --name "resilience test" > /dev/null
  op model approve "$MODEL" 1 --tenant "$name" > /dev/null
  op policy set "$name" --model "$MODEL:latest" --purpose TREAT --default-purpose TREAT "$@" > /dev/null
  (umask 077; op key issue "$name" --name resilience | tail -n 1 > "$key")
  # Governance changes reach each gateway within its refresh: wait until both serve the tenant.
  for port in 8000 8010; do
    for _ in $(seq 1 60); do
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $(cat "$key")" -X POST "http://127.0.0.1:$port/v2/models/$MODEL/infer" -d "$body")
      probes=$((probes + 1))
      [ "$code" = 200 ] && break
      sleep 0.5
    done
    [ "$code" = 200 ] || { fail "gateway on $port serves tenant $name"; echo "$passed passed, $failed failed"; exit 1; }
  done
}
stamp=$(date +%s)
tenant="fail$stamp"
new_tenant "$tenant" "$work/key"
probes_ok=2 tenant_probes=$probes
# The gateway phase's tenant may hold 12 calls at once, across gateways.
gw_tenant="gwkill$stamp"
new_tenant "$gw_tenant" "$work/gw-key" --concurrency 12

g1=http://127.0.0.1:8001 g2=http://127.0.0.1:8011
both="$g1,$g2" # a client behind a load balancer: calls spread over the gateways that are ready
load() { # load ENDPOINT[,ENDPOINT] SECONDS OUT [KEY_FILE [CONCURRENCY]]
  dotnet "$perf" --model "$MODEL" --endpoint "$1" --key-file "${4:-$work/key}" --purpose-of-use TREAT \
    --data data/wisconsin-breast-cancer/breast_cancer.csv --concurrency "${5:-$CONCURRENCY}" --no-baseline \
    --warmup-seconds 0 --measure-seconds "$2" --request-timeout-seconds 5 --json "$3" > "$3.log" 2>&1
}
start_load() { # start_load PHASE SECONDS [ENDPOINTS_1 ENDPOINTS_2]: two perf analyzers in the background (default: one per gateway)
  load "${3:-$g1}" "$2" "$work/$1-g1.json" & l1=$!
  load "${4:-$g2}" "$2" "$work/$1-g2.json" & l2=$!
}
all_ok=0; all_total=0
tally() { # tally PHASE MIN_SUCCESS: checks the phase's calls
  wait "$l1"; wait "$l2"
  local ok=0 total=0 o t f
  for f in "$work/$1"-g1.json "$work/$1"-g2.json; do
    read -r o t < <(jq -r '.results[0].cluster.allCalls | "\(.succeeded) \(.succeeded + ([.failed[]] | add // 0))"' "$f")
    ok=$((ok + o)); total=$((total + t))
  done
  all_ok=$((all_ok + ok)); all_total=$((all_total + total))
  local failures ratio
  failures=$(jq -rs '[.[].results[0].cluster.allCalls.failed | to_entries[]] | group_by(.key) | map("\(.[0].key) \(map(.value) | add)") | join(", ")' "$work/$1"-g1.json "$work/$1"-g2.json)
  ratio=$(awk -v o="$ok" -v t="$total" 'BEGIN { printf "%.6f", (t > 0 ? o / t : 0) }')
  echo "$1: calls $total, succeeded $ok ($ratio), failed: ${failures:-none}"
  check "$1: at least $2 of the calls succeed ($ratio)" "$(awk -v r="$ratio" -v m="$2" 'BEGIN { print (r >= m) ? 1 : 0 }')"
  # Calls that waited out their deadline count against the bound above; kill -9 leaves one known
  # race (docs/resilience.md: a call sent while the dead silo's shard is still in the directory and
  # no longer watched), seen once in 81,695 calls, so it is reported rather than required to be 0.
  if [[ "$failures" == *DEADLINE_EXCEEDED* ]]; then echo "$1: calls waited out their 5 s deadline: ${failures}"; fi
}
shard_silo() { # prints the silo (1 or 2) whose shard has run the model since it started
  local i count
  for i in 1 2; do
    count=$(curl -fs "http://127.0.0.1:$((9101 + i))/metrics" | sed -nE "s/^cluster_shard_executions_total\{model=\"$MODEL\"[^}]*\} ([0-9.e+]+)$/\1/p" | head -1)
    if [ -n "$count" ] && [ "${count%%.*}" != "0" ]; then echo "$i"; return; fi
  done
}
silo_back() { # silo_back I OLD_PID: waits until silo I runs again under a new pid and serves metrics
  local _
  for _ in $(seq 1 120); do
    if [ "$(cat ".local/run/silo-$1.pid" 2>/dev/null)" != "$2" ] && curl -fs -o /dev/null "http://127.0.0.1:$((9101 + $1))/metrics"; then sleep 3; return 0; fi
    sleep 0.5
  done
  return 1
}

if [[ " $PHASES " == *" kill "* ]]; then
echo "phase kill: kill -9 of the shard's silo at 8 s of 25 s"
start_load kill 25
sleep 8
victim=$(shard_silo)
if [ -z "$victim" ]; then fail "kill: a silo runs the shard"; else
  pid=$(cat ".local/run/silo-$victim.pid"); kill -9 "$pid"; echo "killed silo $victim (pid $pid)"
fi
tally kill 0.9999
[ -n "$victim" ] && { silo_back "$victim" "$pid" || fail "kill: the killed silo is started again and serves"; }
fi

if [[ " $PHASES " == *" rolling "* ]]; then
echo "phase rolling: SIGTERM silo 1, back, then silo 2, back"
start_load rolling 45
sleep 5
for i in 1 2; do
  pid=$(cat ".local/run/silo-$i.pid"); kill -TERM "$pid"; echo "stopping silo $i (pid $pid) with SIGTERM"
  silo_back "$i" "$pid" || fail "rolling: silo $i is started again and serves"
done
tally rolling 1
fi

gateway_back() { # gateway_back J OLD_PID: waits until gateway J runs again under a new pid and is ready
  local _
  for _ in $(seq 1 120); do
    if [ "$(cat ".local/run/gateway-$1.pid" 2>/dev/null)" != "$2" ] && curl -fs -o /dev/null "http://127.0.0.1:$((8000 + 10 * ($1 - 1)))/v2/health/ready"; then sleep 2; return 0; fi
    sleep 0.5
  done
  return 1
}
if [[ " $PHASES " == *" rolling-gateways "* ]]; then
echo "phase rolling-gateways: SIGTERM gateway 1, back, then gateway 2, back; both perf analyzers balance over the ready gateways"
start_load rolling-gateways 40 "$both" "$both"
sleep 5
for j in 1 2; do
  pid=$(cat ".local/run/gateway-$j.pid"); kill -TERM "$pid"; echo "stopping gateway $j (pid $pid) with SIGTERM"
  gateway_back "$j" "$pid" || fail "rolling-gateways: gateway $j is started again and ready"
done
tally rolling-gateways 1
fi

if [[ " $PHASES " == *" outage "* ]]; then
echo "phase outage: Azurite stopped for $OUTAGE s mid-load"
start_load outage $((OUTAGE + 20))
sleep 8
azurite=$(cat .local/run/azurite.pid)
kill -STOP "$azurite" && azurite_stopped=$azurite; echo "Azurite stopped (pid $azurite)"
sleep "$OUTAGE"
kill -CONT "$azurite"; azurite_stopped=""; echo "Azurite resumed"
tally outage 0.999
fi

# Counts of one perf analyzer's JSON: "SUCCEEDED TOTAL FAILURES".
counts() { jq -r '.results[0].cluster.allCalls | "\(.succeeded) \(.succeeded + ([.failed[]] | add // 0)) \(.failed | to_entries | map("\(.key) \(.value)") | join(","))"' "$1"; }
if [[ " $PHASES " == *" gateway "* ]]; then
echo "phase gateway: kill -9 of gateway 2 with 6 calls in flight for a tenant limited to 12 at once"
load "$g1" 30 "$work/gw-g1.json" "$work/gw-key" 6 & gl1=$!
load "$g2" 12 "$work/gw-g2.json" "$work/gw-key" 6 & gl2=$!
sleep 8
gpid=$(cat .local/run/gateway-2.pid); kill -9 "$gpid"; echo "killed gateway 2 (pid $gpid)"
# Its slots are the tenant's again once the ledger expires them (10 s): then gateway 1 may hold all 12.
sleep 12
load "$g1" 6 "$work/gw-g1-extra.json" "$work/gw-key" 6
wait "$gl1"; wait "$gl2"
read -r ok1 total1 fail1 < <(counts "$work/gw-g1.json")
read -r okx totalx failx < <(counts "$work/gw-g1-extra.json")
read -r ok2 total2 fail2 < <(counts "$work/gw-g2.json")
echo "gateway: gateway 1 calls $((total1 + totalx)) (failed: ${fail1:-none} ${failx:-}), gateway 2 calls $total2 (failed: ${fail2:-none})"
check "gateway: the calls through the surviving gateway all succeed" "$([ $((ok1 + okx)) -eq $((total1 + totalx)) ] && [ "$total1" -gt 0 ] && echo 1 || echo 0)"
check "gateway: 12 s after the kill the survivor holds all 12 of the tenant's slots (the dead gateway's returned)" "$([ "$okx" -eq "$totalx" ] && [ "$totalx" -gt 0 ] && echo 1 || echo 0)"
# What kill -9 of a gateway loses: usage and audit records it had not flushed (docs/resilience.md).
gw_ok=$((ok1 + okx + ok2 + 2)); gw_total=$((total1 + totalx + total2 + probes - tenant_probes))
sleep 3
gw_usage=$(op usage "$gw_tenant" --json 2>/dev/null | jq -r '.requests')
gw_checked=$(op audit verify "$gw_tenant" --json 2>/dev/null | jq -r 'if .intact then (.recordsChecked // 0) else "broken" end')
echo "gateway: succeeded $gw_ok, metered $gw_usage: $((gw_ok - gw_usage)) successful calls lost from usage with the dead gateway's buffer (it served $((ok2 / 8)) a second); audited $gw_checked of $gw_total calls (the calls refused at its closed port never reached a gateway)"
check "gateway: the audit chain still verifies after the kill" "$([ "$gw_checked" != broken ] && echo 1 || echo 0)"
fi

# The probes before the load are calls too (audited; the two that succeeded are metered).
ok=$all_ok; total=$all_total
metered=$((ok + probes_ok)); audited=$((total + tenant_probes))

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

for port in 8002 8012; do
  echo "gateway metrics on $port: $(curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^cluster_gateway_shard_retries(_refused)?_total' | tr '\n' ' ')"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
