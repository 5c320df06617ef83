#!/usr/bin/env bash
# End-to-end test of clusterctl (docs/clusterctl.md) against a real local cluster: starts ./run.sh
# in the background on its default ports (Azurite, one silo, the gateway, tenant demo), waits until
# it is ready, then drives ./clusterctl as an operator and as a tenant: tenants, policies with
# limits (read-modify-write), keys, inference, usage, the inference audit trail and its hash chain,
# tenant isolation, revocation and usage errors. Stops run.sh (SIGTERM, then wait) on exit.
# Needs the .NET 10 SDK, Node.js/npm (Azurite), curl and jq. Prints PASS/FAIL lines and, last,
# "N passed, M failed"; exits non-zero when a check failed or the cluster did not start.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
state="$root/.local"
ready_url="http://127.0.0.1:8000/v2/health/ready"
start_timeout=${CLI_TEST_START_TIMEOUT:-900}   # seconds for run.sh to build and start everything
run_log="$state/logs/cli-test-cluster.log"
work=$(mktemp -d)
run_pid=""

# shellcheck source=../lib/report.sh
. "$root/tests/lib/report.sh"
# fail NAME: also shows the last command's output.
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  for f in "$work/out" "$work/err"; do [ -s "$f" ] && head -n 20 "$f" | sed 's/^/    /'; done
  return 0
}
# finish: stops the cluster, then prints the summary as the last line; fails when a check failed.
finish() { stop_cluster; echo "${passed} passed, ${failed} failed"; [ "$failed" -eq 0 ]; }
abort() {
  echo "FAIL $1"
  failed=$((failed + 1))
  if [ -s "$run_log" ]; then echo "    last lines of $run_log:"; tail -n 30 "$run_log" | sed 's/^/    /'; fi
  finish
  exit 1
}

stop_cluster() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    echo "stopping run.sh (pid $run_pid)"
    kill -TERM -- "-$run_pid" 2>/dev/null || kill -TERM "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  run_pid=""
}
trap 'stop_cluster; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- preconditions ------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 8000 8001; do
  if port_in_use "$port"; then
    echo "error: port $port on 127.0.0.1 is already in use (is a cluster already running, e.g. ./run.sh?)." >&2
    echo "       This test starts its own cluster on the default ports; stop whatever holds port $port first." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done
for tool in curl jq dotnet npm; do
  command -v "$tool" > /dev/null || { echo "error: $tool is required" >&2; echo "0 passed, 1 failed"; exit 1; }
done

# Build clusterctl once, before run.sh's bootstrap uses it, so two builds never race.
if ! "$root/clusterctl" help > "$work/out" 2> "$work/err"; then
  fail "clusterctl builds"; finish; exit 1
fi

# ---- start the cluster --------------------------------------------------------------------------
mkdir -p "$state/logs"
echo "starting ./run.sh (log $run_log)"
# start_cluster: run.sh in a process group of its own (so the durability check below can signal
# run.sh's whole group), appending to its log, then wait until the gateway is ready.
start_cluster() {
  setsid "$root/run.sh" >> "$run_log" 2>&1 &
  run_pid=$!
  local deadline=$((SECONDS + start_timeout))
  until curl -fs -o /dev/null "$ready_url"; do
    kill -0 "$run_pid" 2>/dev/null || abort "run.sh exited before the cluster was ready"
    [ "$SECONDS" -lt "$deadline" ] || abort "cluster not ready at $ready_url after ${start_timeout}s"
    sleep 1
  done
}
: > "$run_log"
start_cluster
deadline=$((SECONDS + start_timeout))
# The demo key, and run.sh's "ready:" line, come after the bootstrap (tenant demo, approvals).
until [ -s "$state/demo-tenant.key" ] && grep -q '^ready:' "$run_log"; do
  kill -0 "$run_pid" 2>/dev/null || abort "run.sh exited during the bootstrap"
  [ "$SECONDS" -lt "$deadline" ] || abort "no .local/demo-tenant.key (bootstrap) after ${start_timeout}s"
  sleep 0.5
done
echo "cluster ready"

# ---- helpers ------------------------------------------------------------------------------------
# ctl KEYFILE ARGS...: runs clusterctl with that key; stdout in $work/out, stderr in $work/err, exit code in $rc.
rc=0
ctl() {
  local key=$1; shift
  "$root/clusterctl" --key-file "$key" "$@" > "$work/out" 2> "$work/err"
  rc=$?
}
op() { ctl "$state/operator.key" "$@"; }
as_tenant() { ctl "$work/tenant.key" "$@"; }
as_demo() { ctl "$state/demo-tenant.key" "$@"; }
out_has() { grep -qE -- "$1" "$work/out"; }
err_has() { grep -qE -- "$1" "$work/err"; }
jq_out() { jq -er "$1" "$work/out" 2> /dev/null; }
# expect NAME CODE: passes when the last command exited CODE.
expect() { if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1 (exit code $rc, expected $2)"; fi; }
# expect_error NAME CODE PATTERN: exit CODE, nothing on stdout, one line on stderr matching PATTERN.
expect_error() {
  if [ "$rc" -eq "$2" ] && [ ! -s "$work/out" ] && [ "$(wc -l < "$work/err")" -eq 1 ] && err_has "$3"; then pass "$1"
  else fail "$1 (exit code $rc, expected $2 and one stderr line matching '$3')"; fi
}

features="17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189"
infer_args=(infer breast-cancer-risk --input "features:FP32:1,30:$features")
tenant="cli-$(date +%s)-$((RANDOM % 10000))"
echo "tenant $tenant"

# ---- tenant and policy --------------------------------------------------------------------------
op tenant create "$tenant" --name "CLI end-to-end"
expect "tenant create" 0

op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --default-purpose TREAT \
  --rate 100 --burst 200 --concurrency 8 --daily-units 10000 --monthly-units 100000
if [ "$rc" -eq 0 ] && out_has '^limits +rate 100/s, burst 200$' && out_has '^ +concurrency 8$'; then pass "policy set with limits"
else fail "policy set with limits"; fi

op policy get "$tenant" --json
revision=$(jq_out '.revision' || echo 0)
if [ "$rc" -eq 0 ] && jq_out '.limits | .ratePerSecond == 100 and .burst == 200 and .concurrency == 8 and .dailyUnits == "10000" and .monthlyUnits == "100000"' > /dev/null
then pass "policy get --json shows the limits"; else fail "policy get --json shows the limits"; fi

op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --purpose HOPERAT
op policy get "$tenant" --json
if [ "$rc" -eq 0 ] && jq_out ".revision == \"$((revision + 1))\" and .limits.concurrency == 8 and .limits.ratePerSecond == 100 and .limits.monthlyUnits == \"100000\" and .defaultPurpose == \"TREAT\" and .permittedPurposes == [\"TREAT\",\"HOPERAT\"]" > /dev/null
then pass "policy set without limit options keeps the limits and the default purpose"; else fail "policy set without limit options keeps the limits and the default purpose"; fi

op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --concurrency 16
op policy get "$tenant" --json
if jq_out '.limits | .concurrency == 16 and .ratePerSecond == 100 and .dailyUnits == "10000"' > /dev/null
then pass "policy set changes only the limit given"; else fail "policy set changes only the limit given"; fi

op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --if-revision "$revision"
expect_error "policy set at a stale revision is FAILED_PRECONDITION" 1 '^error: FAILED_PRECONDITION: .*\[reason POLICY_REVISION_CHANGED\]'

op model approve breast-cancer-risk 1 --tenant "$tenant"
expect "model approve for the tenant" 0

# ---- key and inference --------------------------------------------------------------------------
op key issue "$tenant" --name cli-e2e
tail -n 1 "$work/out" > "$work/tenant.key"
key_id=$(awk '$1 == "key" && $2 == "id" { print $3 }' "$work/out")
if [ "$rc" -eq 0 ] && grep -q '^hsk_' "$work/tenant.key" && [ -n "$key_id" ]; then pass "key issue prints the secret on the last line"
else fail "key issue prints the secret on the last line"; fi

as_tenant "${infer_args[@]}"
if [ "$rc" -eq 0 ] && out_has '^malignant +BOOL'; then pass "infer with the tenant key"; else fail "infer with the tenant key (exit code $rc)"; fi

as_tenant "${infer_args[@]}" --purpose HRESCH
expect_error "infer for a purpose the policy does not permit is PERMISSION_DENIED" 1 '^error: PERMISSION_DENIED: .*\[reason PURPOSE_NOT_PERMITTED\]'

op "${infer_args[@]}"
expect_error "infer with the operator key is PERMISSION_DENIED" 1 '^error: PERMISSION_DENIED: .*\[reason OPERATOR_CREDENTIAL\]'

# ---- usage --------------------------------------------------------------------------------------
# Usage is flushed every second: poll up to 5 s.
counted=""
for _ in $(seq 1 10); do
  op usage "$tenant" --json
  if [ "$rc" -eq 0 ] && jq_out '(.requests | type == "number" and . >= 1) and (.units | type == "number" and . >= 1)' > /dev/null; then counted=1; break; fi
  sleep 0.5
done
if [ -n "$counted" ] && jq_out ".tenant == \"$tenant\" and (.from | type == \"string\") and (.to | type == \"string\") and (.rows | type == \"array\")" > /dev/null
then pass "usage --json counts the inference (numbers, within 5 s)"; else fail "usage --json counts the inference (numbers, within 5 s)"; fi
if jq_out '.requests == 1 and .units == 1' > /dev/null; then pass "usage counts only the allowed call"; else fail "usage counts only the allowed call"; fi

as_tenant usage "$tenant" --by model --csv
if [ "$rc" -eq 0 ] && [ "$(head -n 1 "$work/out")" = "group,requests,units,compute_ms,queue_ms" ] && out_has '^breast-cancer-risk:1,1,1,[0-9.]+,[0-9.]+$'
then pass "usage --by model --csv with the tenant's own key"; else fail "usage --by model --csv with the tenant's own key"; fi

op usage "$tenant" --by purpose
if [ "$rc" -eq 0 ] && out_has '^PURPOSE +REQUESTS +UNITS +COMPUTE MS +QUEUE MS$' && out_has '^TREAT +1 +1 ' && out_has '^total +1 +1 '
then pass "usage --by purpose table with a total line"; else fail "usage --by purpose table with a total line"; fi

# ---- inference audit ----------------------------------------------------------------------------
audited=""
for _ in $(seq 1 10); do
  op audit "$tenant"
  if [ "$rc" -eq 0 ] && out_has ' allowed +OK ' && out_has ' denied +PERMISSION_DENIED +PURPOSE_NOT_PERMITTED '; then audited=1; break; fi
  sleep 0.5
done
if [ -n "$audited" ] && out_has '^SEQ +TIME +DECISION +STATUS +REASON +MODEL +PURPOSE +UNITS +LATENCY MS +KEY ID$' && out_has "breast-cancer-risk:1 +TREAT +1 .* $key_id\$"
then pass "audit lists the allowed and the denied call"; else fail "audit lists the allowed and the denied call"; fi

op audit "$tenant" --limit 1 --json
if [ "$rc" -eq 0 ] && jq_out '(.records | length) == 1 and .records[0].decision == "denied" and (.records[0].hash | length) > 0' > /dev/null
then pass "audit --limit 1 --json is the most recent record"; else fail "audit --limit 1 --json is the most recent record"; fi

op audit verify "$tenant"
if [ "$rc" -eq 0 ] && [ "$(cat "$work/out")" = "intact: 2 records" ]; then pass "audit verify: intact, exit 0"; else fail "audit verify: intact, exit 0 (exit code $rc)"; fi

as_tenant audit verify "$tenant" --json
if [ "$rc" -eq 0 ] && jq_out '.intact == true and .firstBrokenSequence == "0"' > /dev/null; then pass "audit verify --json with the tenant's own key"
else fail "audit verify --json with the tenant's own key"; fi

op audit governance --tenant "$tenant"
if [ "$rc" -eq 0 ] && out_has ' policy\.set +policy/' && out_has ' key\.issue '; then pass "audit governance still lists governance changes"
else fail "audit governance still lists governance changes"; fi

# ---- tenant isolation ---------------------------------------------------------------------------
as_tenant tenant get demo
expect_error "a tenant key cannot read another tenant" 1 '^error: PERMISSION_DENIED: '
as_tenant usage demo
expect_error "a tenant key cannot read another tenant's usage" 1 '^error: PERMISSION_DENIED: '
as_tenant audit demo
expect_error "a tenant key cannot read another tenant's audit trail" 1 '^error: PERMISSION_DENIED: '
as_demo audit verify "$tenant"
expect_error "the demo key cannot verify this tenant's chain" 1 '^error: PERMISSION_DENIED: '
as_tenant policy set "$tenant" --model breast-cancer-risk --purpose TREAT --no-limits
expect_error "a tenant key cannot set its own policy" 1 '^error: PERMISSION_DENIED: '

# ---- usage errors -------------------------------------------------------------------------------
op usage "$tenant" --by week
expect_error "usage --by week is a usage error" 2 "^error: usage: --by 'week' is not one of model, purpose, day \(usage: "
op usage "$tenant" --csv --json
expect_error "usage --csv --json is a usage error" 2 '^error: usage: give --csv or --json, not both'
op audit "$tenant" --limit 0
expect_error "audit --limit 0 is a usage error" 2 '^error: audit: --limit must be between 1 and 10000'
op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --burst 5
expect_error "policy set --burst without --rate is a usage error" 2 '^error: policy set: --burst needs --rate'
op audit verify
expect_error "audit verify without a tenant is a usage error" 2 '^error: audit verify: missing TENANT'
op usage
expect_error "usage without a tenant is a usage error" 2 '^error: usage: missing TENANT'

# ---- removing limits ----------------------------------------------------------------------------
op policy set "$tenant" --model breast-cancer-risk --purpose TREAT --no-limits
if [ "$rc" -eq 0 ] && out_has '^limits +none$'; then pass "policy set --no-limits removes the limits"; else fail "policy set --no-limits removes the limits"; fi

# ---- revocation ---------------------------------------------------------------------------------
op key revoke "$tenant" "$key_id"
expect "key revoke" 0
revoked_at=$SECONDS
refused=""
while [ $((SECONDS - revoked_at)) -le 5 ]; do
  as_tenant "${infer_args[@]}"
  if [ "$rc" -ne 0 ]; then refused=1; break; fi
  sleep 0.2
done
if [ -n "$refused" ] && [ "$rc" -eq 1 ] && err_has '^error: UNAUTHENTICATED: '; then pass "a revoked key's inference fails within 5 s"
else fail "a revoked key's inference fails within 5 s (exit code $rc)"; fi

# ---- durability: SIGTERM to run.sh's process group loses no acknowledged write ------------------
# As systemd and supervisors stop a service: the signal reaches every process of the group at once.
# A key issued just before must still work after a restart (Azurite used to die on that SIGTERM
# before it had saved the write).
op key issue "$tenant" --name durable
if [ "$rc" -eq 0 ]; then tail -n 1 "$work/out" > "$work/durable.key"; pass "key issue just before the stop"; else fail "key issue just before the stop"; fi
kill -TERM -- "-$run_pid" 2>/dev/null
wait "$run_pid" 2>/dev/null
run_pid=""
if port_in_use 8000 || port_in_use 8001 || port_in_use 10002; then fail "a group SIGTERM stops every process"; else pass "a group SIGTERM stops every process"; fi
start_cluster
ctl "$work/durable.key" "${infer_args[@]}"
expect "the key issued just before the group SIGTERM works after the restart" 0

finish
