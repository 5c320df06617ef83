# Shared by tests/resilience/run.sh and docs/benchmarks/issue13/azurite-kill.sh: a two-silo,
# two-gateway ./run.sh cluster, tenants made for the run, perf analyzers as load, and the checks on
# their calls. Source it after tests/lib/report.sh from the repository root; it sets `work` (a
# temporary folder) and cleans up on exit.
MODEL=breast-cancer-risk
work=$(mktemp -d)
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

start_cluster() { # ./run.sh --silos 2 --gateways 2 in the background, returns once the demo tenant exists
  local port _
  for port in 8000 8010 10002; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use; stop what holds it" >&2; exit 1; fi
  done
  echo "building the perf analyzer..."
  dotnet build tools/Cluster.PerfAnalyzer -c Release -v quiet -nologo -clp:ErrorsOnly > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  echo "starting ./run.sh --silos 2 --gateways 2 (log .local/logs/resilience-run.log)..."
  mkdir -p .local/logs
  setsid ./run.sh --silos 2 --gateways 2 > .local/logs/resilience-run.log 2>&1 &
  run_pid=$!
  for _ in $(seq 1 480); do
    grep -q "tenant 'demo' key" .local/logs/resilience-run.log && return 0
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 .local/logs/resilience-run.log; fail "the two-silo cluster starts"; summary; exit 1
}
perf="tools/Cluster.PerfAnalyzer/bin/Release/net10.0/Cluster.PerfAnalyzer.dll"

op() { ./clusterctl --key-file .local/operator.key "$@"; }
body='{"inputs":[{"name":"features","datatype":"FP32","shape":[1,30],"data":[17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189]}],"parameters":{"purpose_of_use":"TREAT"}}'
probes=0
new_tenant() { # new_tenant NAME KEY_FILE [POLICY_OPTION...]: a tenant for this run, served by both gateways; sets probes (calls made to see that: all audited, the last two metered)
  local name=$1 key=$2 port code _; shift 2
  probes=0
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
    [ "$code" = 200 ] || { fail "gateway on $port serves tenant $name"; summary; exit 1; }
  done
}

g1=http://127.0.0.1:8001 g2=http://127.0.0.1:8011
both="$g1,$g2" # a client behind a load balancer: calls spread over the gateways that are ready
load() { # load ENDPOINT[,ENDPOINT] SECONDS OUT [KEY_FILE [CONCURRENCY]]: closed loop, 5 s deadline
  dotnet "$perf" --model "$MODEL" --endpoint "$1" --key-file "${4:-$work/key}" --purpose-of-use TREAT \
    --data data/wisconsin-breast-cancer/breast_cancer.csv --concurrency "${5:-$CONCURRENCY}" --no-baseline \
    --warmup-seconds 0 --measure-seconds "$2" --request-timeout-seconds 5 --json "$3" > "$3.log" 2>&1
}
load_rate() { # load_rate ENDPOINT SECONDS OUT KEY_FILE RATE: open loop, RATE calls a second, 5 s deadline
  dotnet "$perf" --model "$MODEL" --endpoint "$1" --key-file "$4" --purpose-of-use TREAT \
    --data data/wisconsin-breast-cancer/breast_cancer.csv --request-rate "$5" --no-baseline \
    --warmup-seconds 0 --measure-seconds "$2" --request-timeout-seconds 5 --json "$3" > "$3.log" 2>&1
}
start_load() { # start_load PHASE SECONDS [ENDPOINTS_1 ENDPOINTS_2]: two perf analyzers in the background (default: one per gateway)
  load "${3:-$g1}" "$2" "$work/$1-g1.json" & l1=$!
  load "${4:-$g2}" "$2" "$work/$1-g2.json" & l2=$!
}
# Counts of one perf analyzer's JSON: "SUCCEEDED TOTAL FAILURES".
counts() { jq -r '.results[0].cluster.allCalls | "\(.succeeded) \(.succeeded + ([.failed[]] | add // 0)) \(.failed | to_entries | map("\(.key) \(.value)") | join(","))"' "$1"; }
# Failures by status over several perf analyzers' JSON: "UNAVAILABLE 3, ..." (empty: none).
failures() { jq -rs '[.[].results[0].cluster.allCalls.failed | to_entries[]] | group_by(.key) | map("\(.[0].key) \(map(.value) | add)") | join(", ")' "$@"; }
# Why calls failed: each distinct status and detail with its count, one a line (the perf analyzers' failureDetails).
details() { jq -rs '[.[].results[0].cluster.allCalls.failureDetails // {} | to_entries[]] | group_by(.key) | .[] | "  \(map(.value) | add) x \(.[0].key)"' "$@"; }
all_ok=0; all_total=0
tally() { # tally PHASE MIN_SUCCESS: checks the phase's calls (adds them to all_ok and all_total)
  wait "$l1"; wait "$l2"
  local ok=0 total=0 o t f
  for f in "$work/$1"-g1.json "$work/$1"-g2.json; do
    read -r o t _ < <(counts "$f")
    ok=$((ok + o)); total=$((total + t))
  done
  all_ok=$((all_ok + ok)); all_total=$((all_total + total))
  local why ratio # (not "failed": that is report.sh's counter)
  why=$(failures "$work/$1"-g1.json "$work/$1"-g2.json)
  ratio=$(awk -v o="$ok" -v t="$total" 'BEGIN { printf "%.6f", (t > 0 ? o / t : 0) }')
  echo "$1: calls $total, succeeded $ok ($ratio), failed: ${why:-none}"
  [ -n "$why" ] && details "$work/$1"-g1.json "$work/$1"-g2.json
  local resent
  resent=$(jq -s '[.[].results[0].cluster.allCalls.unansweredRetries // 0] | add' "$work/$1"-g1.json "$work/$1"-g2.json)
  [ "$resent" != 0 ] && echo "$1: $resent calls sent again because no gateway answered them (a stream its closing connection refused)"
  check "$1: at least $2 of the calls succeed ($ratio)" "$(awk -v r="$ratio" -v m="$2" 'BEGIN { print (r >= m) ? 1 : 0 }')"
  # Calls that waited out their deadline count against the bound above; kill -9 leaves one known
  # race (docs/resilience.md: a call sent while the dead silo's shard is still in the directory and
  # no longer watched), seen once in 81,695 calls, so it is reported rather than required to be 0.
  if [[ "$why" == *DEADLINE_EXCEEDED* ]]; then
    echo "$1: calls waited out their 5 s deadline: ${why}; the gateways' warnings (the last 20 with their message line):"
    grep -h -A1 "^warn: Cluster\|^fail: Cluster" .local/logs/gateway-1.log .local/logs/gateway-2.log 2>/dev/null | grep -v "^--" | tail -40 | cut -c1-300
  fi
}
tenant_counter() { # tenant_counter METRIC TENANT [REASON]: the gateways' counter for TENANT, summed over both
  local port sum=0 v
  for port in 8002 8012; do
    v=$(curl -fs "http://127.0.0.1:$port/metrics" | awk -v m="$1{" -v t="tenant=\"$2\"" -v r="${3:+reason=\"$3\"}" \
      'index($1, m) == 1 && index($1, t) && (r == "" || index($1, r)) { s += $2 } END { printf "%d", s }')
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
accounting() { # accounting TENANT SUCCEEDED CALLS: usage equals the successful calls, the audit chain verifies and holds every call
  local usage="" checked="" _
  for _ in $(seq 1 60); do
    usage=$(op usage "$1" --json 2>/dev/null | jq -r '.requests')
    [ "$usage" = "$2" ] && break
    sleep 1
  done
  if [ "$usage" = "$2" ]; then pass "$1: metered usage equals the successful calls ($usage)"; else fail "$1: metered usage equals the successful calls (usage $usage, succeeded $2)"; fi
  for _ in $(seq 1 60); do
    checked=$(op audit verify "$1" --json 2>/dev/null | jq -r 'if .intact then (.recordsChecked // 0) else "broken" end')
    [ "$checked" = "$3" ] && break
    sleep 1
  done
  if [ "$checked" = "$3" ]; then pass "$1: the audit chain verifies and holds every call ($checked)"; else fail "$1: the audit chain verifies and holds every call (checked $checked, calls $3)"; fi
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
gateway_back() { # gateway_back J OLD_PID: waits until gateway J runs again under a new pid and is ready
  local _
  for _ in $(seq 1 120); do
    if [ "$(cat ".local/run/gateway-$1.pid" 2>/dev/null)" != "$2" ] && curl -fs -o /dev/null "http://127.0.0.1:$((8000 + 10 * ($1 - 1)))/v2/health/ready"; then sleep 2; return 0; fi
    sleep 0.5
  done
  return 1
}
