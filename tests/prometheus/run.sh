#!/usr/bin/env bash
# Tests of the chart's alerting rules (helm/cluster/alerts/cluster-rules.yaml) and Grafana dashboard
# (helm/cluster/dashboards/cluster.json):
#   static  yamllint; `promtool check rules`; `promtool test rules` (rules.test.yaml); every alert
#           has severity, summary, description and a runbook anchor in docs/operations.md, and a
#           test where it fires and one where it stays silent; mutants (each alert made never to
#           fire, or stripped of its `for`) must fail the tests; the dashboard's structure, every
#           expression parsed by promtool, every metric name exported by the code (a renamed
#           metric fails; proven on a copy with one renamed).
#   e2e     a real Prometheus (Debian's package) scraping the local cluster of ./run.sh (gateway
#           127.0.0.1:8002, silo 127.0.0.1:9102) with the rules loaded: after a few inferences it
#           holds nv_inference_request_success for breast-cancer-risk and the silo's series, lists
#           the rule groups healthy with nothing firing, and answers every dashboard query.
#           Starts ./run.sh when port 8000 is free (and stops it with SIGTERM), else uses the
#           cluster running there. PROMETHEUS_E2E=0 skips it.
# Installs prometheus (for promtool) and yamllint with apt-get when missing; the package's own
# service is not left running. Last line: "N passed, M failed".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/prometheus"
RULES="$ROOT/helm/cluster/alerts/cluster-rules.yaml"
STATE="$ROOT/.local"
E2E=${PROMETHEUS_E2E:-1}
START_TIMEOUT=${PROMETHEUS_E2E_START_TIMEOUT:-180}   # seconds for ./run.sh to answer ready
WORK=$(mktemp -d)
prom_pid=""
run_pid=""

# shellcheck source=../lib/report.sh
. "$ROOT/tests/lib/report.sh"
expect_fail() {  # expect_fail NAME LOG PATTERN CMD...: passes when CMD fails and its output matches PATTERN.
  local name=$1 log=$2 pattern=$3; shift 3
  if "$@" >"$log" 2>&1; then fail "$name (succeeded)" "$log"
  elif grep -qE -- "$pattern" "$log"; then pass "$name"
  else fail "$name (failed, but not with '$pattern')" "$log"; fi
}

stop_prometheus() {
  if [ -n "$prom_pid" ]; then kill -TERM "$prom_pid" 2>/dev/null; wait "$prom_pid" 2>/dev/null; fi
  prom_pid=""
}
stop_cluster() {  # SIGTERM to run.sh alone: it stops the gateway, the silo and Azurite in order.
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    echo "stopping ./run.sh (pid $run_pid)"
    kill -TERM "$run_pid" 2>/dev/null
    wait "$run_pid" 2>/dev/null
  fi
  run_pid=""
}
trap 'stop_prometheus; stop_cluster; rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

# ---- tools ---------------------------------------------------------------------------------
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {  # apt_install PACKAGE: without starting the package's service (policy-rc.d), then stops it if it runs
  local policy=/usr/sbin/policy-rc.d made=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && made=1
  fi
  { $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$1"; } >&2
  local rc=$?
  [ -n "$made" ] && $SUDO rm -f "$policy"
  if [ "$1" = prometheus ]; then
    if [ -d /run/systemd/system ]; then $SUDO systemctl disable --now prometheus >/dev/null 2>&1
    elif [ -x /etc/init.d/prometheus ]; then $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1
    fi
  fi
  return "$rc"
}
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  echo "installing prometheus (promtool) with apt-get"
  apt_install prometheus || { echo "cannot install prometheus"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v yamllint >/dev/null 2>&1; then
  echo "installing yamllint with apt-get"
  apt_install yamllint || { echo "cannot install yamllint"; echo "0 passed, 1 failed"; exit 1; }
fi
# yamllint's own interpreter is certain to have PyYAML, which check_monitoring.py needs.
PYTHON=$(head -n 1 "$(command -v yamllint)" | sed -n 's/^#! *//p' | awk '{print $1}')
"$PYTHON" -c 'import yaml' 2>/dev/null || PYTHON=python3
CHECK=("$PYTHON" "$HERE/check_monitoring.py")
echo "$(promtool --version 2>&1 | head -n 1), $(yamllint --version)"

# ---- rules ---------------------------------------------------------------------------------
YAMLLINT='{extends: default, rules: {line-length: {max: 200}, document-start: disable}}'
expect_ok "yamllint cluster-rules.yaml, rules.test.yaml" "$WORK/yamllint.log" \
  yamllint --strict -d "$YAMLLINT" "$RULES" "$HERE/rules.test.yaml"
expect_ok "promtool check rules cluster-rules.yaml" "$WORK/check.log" promtool check rules "$RULES"
expect_ok "promtool test rules rules.test.yaml" "$WORK/test.log" promtool test rules "$HERE/rules.test.yaml"
expect_ok "alerts: severity, annotations, runbook anchors, known metrics, a firing and a silent test each" \
  "$WORK/rules.log" "${CHECK[@]}" rules "$ROOT"

# Mutants: the tests must notice an alert that never fires, and one that fires without its `for`.
# A mutant counts as caught only when promtool fails on that very alert (not on a load error).
# shellcheck disable=SC2317  # called through xargs
caught() {  # caught DIR: DIR is <alert>-<kind>
  local alert; alert=$(basename "$1"); alert=${alert%-*}
  ! promtool test rules "$1/test.yaml" >"$1/out.log" 2>&1 && grep -q "alertname: $alert," "$1/out.log"
}
if "${CHECK[@]}" mutants "$ROOT" "$WORK/mutants" >"$WORK/mutants.list" 2>"$WORK/mutants.log"; then
  export -f caught
  survived=$(xargs -P 8 -I{} bash -c 'caught {} || basename {}' <"$WORK/mutants.list" | sort | tr '\n' ' ')
  n=$(wc -l <"$WORK/mutants.list")
  if [ "$n" -gt 0 ] && [ -z "$survived" ]; then
    pass "rules tests fail on each of $n mutants (an alert that never fires, an alert without its for)"
  else
    fail "rules tests miss mutants: ${survived:-none written}"
  fi
else
  fail "writing rule mutants" "$WORK/mutants.log"
fi

# ---- dashboard -----------------------------------------------------------------------------
expect_ok "dashboard: Grafana structure, \${datasource} panels, known metrics, panels in docs/operations.md" \
  "$WORK/dashboard.log" "${CHECK[@]}" dashboard "$ROOT" "$WORK/dashboard-rules.yaml"
expect_ok "dashboard: promtool parses every expression" "$WORK/dashboard-parse.log" \
  promtool check rules "$WORK/dashboard-rules.yaml"
# A copy of the repository's relevant parts with one metric renamed in the dashboard and in the rules.
mkdir -p "$WORK/renamed/helm/cluster/dashboards" "$WORK/renamed/helm/cluster/alerts" "$WORK/renamed/tests"
for dir in gateway grains silo docs; do ln -s "$ROOT/$dir" "$WORK/renamed/$dir"; done
ln -s "$HERE" "$WORK/renamed/tests/prometheus"
sed 's/nv_inference_queue_duration_us/nv_inference_queue_time_us/' "$ROOT/helm/cluster/dashboards/cluster.json" \
  >"$WORK/renamed/helm/cluster/dashboards/cluster.json"
sed 's/cluster_gateway_flush_failures_total/cluster_gateway_flush_errors_total/' "$RULES" \
  >"$WORK/renamed/helm/cluster/alerts/cluster-rules.yaml"
expect_fail "dashboard check fails on a metric the code does not export" "$WORK/renamed-dashboard.log" \
  "metric nv_inference_queue_time_us is not exported" "${CHECK[@]}" dashboard "$WORK/renamed" "$WORK/renamed-rules.yaml"
expect_fail "rules check fails on a metric the code does not export" "$WORK/renamed-rules.log" \
  "metric cluster_gateway_flush_errors_total is not exported" "${CHECK[@]}" rules "$WORK/renamed"

[ "$E2E" = 0 ] && { echo "SKIP end to end (PROMETHEUS_E2E=0)"; finish; }

# ---- end to end: a real Prometheus scraping ./run.sh's cluster -----------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
run_log="$STATE/logs/prometheus-test-cluster.log"
if port_in_use 8000; then
  echo "port 8000 is in use: testing the cluster running there"
else
  mkdir -p "$STATE/logs"
  echo "starting ./run.sh (log $run_log)"
  setsid "$ROOT/run.sh" >"$run_log" 2>&1 &
  run_pid=$!
  deadline=$((SECONDS + START_TIMEOUT))
  # Ready, then the demo tenant's bootstrap ("ready:" follows it).
  until curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready && grep -q '^ready:' "$run_log"; do
    if ! kill -0 "$run_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      fail "./run.sh ready within ${START_TIMEOUT}s" "$run_log"; tail -n 20 "$run_log" | sed 's/^/    /'; finish
    fi
    sleep 1
  done
  pass "./run.sh ready"
fi
[ -s "$STATE/demo-tenant.key" ] || { fail "tenant demo key in .local/demo-tenant.key"; finish; }

prom_port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PROM="http://127.0.0.1:$prom_port"
cat >"$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $RULES
scrape_configs:
  - job_name: gateway
    static_configs:
      - targets: ["127.0.0.1:8002"]
  - job_name: silo
    static_configs:
      - targets: ["127.0.0.1:9102"]
EOF
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$WORK/prometheus.log" 2>&1 &
prom_pid=$!
for _ in $(seq 1 60); do curl -fs -o /dev/null "$PROM/-/ready" && break; sleep 0.5; done
expect_ok "prometheus $prom_port ready" "$WORK/prometheus.log" curl -fs -o /dev/null "$PROM/-/ready"

# A few calls as tenant demo: five good ones, a wrong shape (INVALID_ARGUMENT), an unknown model.
key=$(cat "$STATE/demo-tenant.key")
features="17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189"
infer() {  # infer MODEL SHAPE: prints the HTTP status
  curl -s -o "$WORK/infer.out" -w '%{http_code}' -H "authorization: Bearer $key" -X POST \
    "http://127.0.0.1:8000/v2/models/$1/infer" -d "{\"id\": \"prometheus-e2e\", \"parameters\": {\"purpose_of_use\": \"TREAT\"},
      \"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": $2, \"data\": [$features]}]}"
}
codes=""
for _ in 1 2 3 4 5; do codes+="$(infer breast-cancer-risk '[1, 30]') "; done
codes+="$(infer breast-cancer-risk '[1, 29]') $(infer no-such-model '[1, 30]')"
if [ "$codes" = "200 200 200 200 200 400 404" ]; then pass "inferences answer 200 x5, 400, 404"
else fail "inferences answer 200 x5, 400, 404 (got $codes)" "$WORK/infer.out"; fi

# Every target scraped since the calls (counters with samples now): a target that is down names
# why, e.g. an exposition this Prometheus refuses.
targets_up() {
  curl -fs "$PROM/api/v1/targets" | "$PYTHON" -c '
import json, sys
targets = json.load(sys.stdin)["data"]["activeTargets"]
for t in targets:
    print(t["labels"]["job"], t["scrapeUrl"], t["health"], t["lastError"])
sys.exit(0 if len(targets) == 2 and all(t["health"] == "up" for t in targets) else 1)'
}
sleep 3
for _ in $(seq 1 20); do targets_up >"$WORK/targets.log" 2>&1 && break; sleep 0.5; done
expect_ok "prometheus scrapes the gateway and the silo (both targets up)" "$WORK/targets.log" targets_up

prom_query() {  # prom_query PROMQL: prints the first sample's value, or nothing
  curl -fs --get "$PROM/api/v1/query" --data-urlencode "query=$1" \
    | "$PYTHON" -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
wait_for() {  # wait_for NAME PROMQL: passes when PROMQL returns a sample within 30 s
  local value=""
  for _ in $(seq 1 60); do value=$(prom_query "$2"); [ -n "$value" ] && break; sleep 0.5; done
  if [ -n "$value" ]; then pass "$1 ($value)"; else fail "$1 (no sample for $2)"; fi
}
wait_for "gateway: nv_inference_request_success for breast-cancer-risk > 0" \
  'sum(nv_inference_request_success{job="gateway", model="breast-cancer-risk"}) > 0'
wait_for "gateway: INVALID_ARGUMENT failure counted" \
  'sum(nv_inference_request_failure{job="gateway", model="breast-cancer-risk", reason="INVALID_ARGUMENT"}) > 0'
wait_for "silo: scraped, and its shard executed breast-cancer-risk" \
  'sum(cluster_shard_executions_total{job="silo", model="breast-cancer-risk"}) > 0 and on() up{job="silo"} == 1'

# The rules loaded and evaluated: every group of the file, every rule healthy, nothing pending or firing.
rules_ok() {
  curl -fs "$PROM/api/v1/rules" >"$WORK/rules.json" && "$PYTHON" - "$RULES" "$WORK/rules.json" <<'EOF'
import json, sys, yaml
want = [g["name"] for g in yaml.safe_load(open(sys.argv[1]))["groups"]]
groups = json.load(open(sys.argv[2]))["data"]["groups"]
got = [g["name"] for g in groups]
bad = [f'{r["name"]}: {r["health"]} {r.get("lastError", "")}' for g in groups for r in g["rules"] if r["health"] != "ok"]
active = [f'{r["name"]}: {r["state"]}' for g in groups for r in g["rules"] if r.get("state", "inactive") != "inactive"]
rules = sum(len(g["rules"]) for g in groups)
print(f"groups {got}, {rules} rules, unhealthy {bad}, active {active}")
sys.exit(0 if sorted(got) == sorted(want) and rules > 0 and not bad and not active else 1)
EOF
}
for _ in $(seq 1 30); do rules_ok >"$WORK/rules-e2e.log" 2>&1 && break; sleep 1; done
expect_ok "prometheus: every rule group loaded and healthy, no alert pending or firing" "$WORK/rules-e2e.log" rules_ok
expect_ok "dashboard: every query answers, and the panels the local cluster feeds have series" \
  "$WORK/queries.log" "${CHECK[@]}" queries "$ROOT" "$PROM"

stop_prometheus
if [ -n "$run_pid" ]; then
  stop_cluster
  if grep -q '^stopped$' "$run_log"; then pass "./run.sh stopped in order on SIGTERM"
  else fail "./run.sh stopped in order on SIGTERM" "$run_log"; fi
fi
finish
