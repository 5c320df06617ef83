#!/usr/bin/env bash
# What kill -9 of Azurite loses (issue 13), measured on ./run.sh --silos 2 --gateways 2 (which
# starts Azurite again a second after it exits, as a StatefulSet would). ROUNDS rounds (default 3),
# each on a tenant of its own: 16 s of load (two perf analyzers, one per gateway, closed loop);
# 8 s in, a key is issued for the tenant and a tenant is created (acknowledged governance writes);
# DELAYS[i] seconds later (default 1, 3 and 6) Azurite is killed with -9. Then the cluster is
# stopped gracefully and started again, so every grain reads what storage kept, and each round's
# tenant is counted: metered usage against successful calls, its audit chain, the late key and the
# late tenant. Results in docs/benchmarks/issue13/azurite-kill.md. Needs the resilience suite's
# ports (tests/resilience/run.sh). Prints one line per round and "N passed, M failed" (the checks
# are that serving survives the kill and the cluster restarts; the losses are reported, not bounded).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
CONCURRENCY="${CONCURRENCY:-8}"
ROUNDS="${ROUNDS:-3}"
read -r -a DELAYS <<< "${DELAYS:-1 3 6}"
# shellcheck source=../../../tests/lib/report.sh
. "$ROOT/tests/lib/report.sh"
# shellcheck source=../../../tests/resilience/lib.sh
. "$ROOT/tests/resilience/lib.sh"
start_cluster

stamp=$(date +%s)
declare -a ok total probes_of late_key late_tenant
# Every round's tenant is made before the first kill: governance writes after a kill may fail.
for r in $(seq 1 "$ROUNDS"); do new_tenant "akill$stamp-$r" "$work/key-$r"; probes_of[$r]=$probes; done
for r in $(seq 1 "$ROUNDS"); do
  t="akill$stamp-$r"
  delay=${DELAYS[$(( (r - 1) % ${#DELAYS[@]} ))]}
  echo "round $r: tenant $t, 16 s of load; at 8 s a key and a tenant, $delay s later kill -9 of Azurite"
  load "$g1" 16 "$work/r$r-g1.json" "$work/key-$r" & l1=$!
  load "$g2" 16 "$work/r$r-g2.json" "$work/key-$r" & l2=$!
  sleep 8
  if op key issue "$t" --name late --timeout 5 > "$work/late-key-$r.out" 2>&1; then late_key[$r]=ok; tail -n 1 "$work/late-key-$r.out" > "$work/late-key-$r"
  else late_key[$r]="refused: $(head -c 60 "$work/late-key-$r.out")"; fi
  if op tenant create "late$stamp-$r" --name "created just before the kill" --timeout 5 > "$work/late-tenant-$r.out" 2>&1; then late_tenant[$r]=ok
  else late_tenant[$r]="refused: $(head -c 60 "$work/late-tenant-$r.out")"; fi
  echo "round $r: key issued: ${late_key[$r]}; tenant created: ${late_tenant[$r]}"
  sleep "$delay"
  azurite=$(cat .local/run/azurite.pid); kill -9 "$azurite"; echo "round $r: killed Azurite (pid $azurite) at $(date -u +%T)"
  wait "$l1"; wait "$l2"
  ok[$r]=0; total[$r]=0
  for f in "$work/r$r"-g1.json "$work/r$r"-g2.json; do
    read -r o n _ < <(counts "$f"); ok[$r]=$((ok[r] + o)); total[$r]=$((total[r] + n))
  done
  echo "round $r: calls ${total[$r]}, succeeded ${ok[$r]}, failed: $(failures "$work/r$r"-g1.json "$work/r$r"-g2.json | sed 's/^$/none/')"
  check "round $r: serving goes on through the kill (at least 0.999 succeed)" "$(awk -v o="${ok[$r]}" -v t="${total[$r]}" 'BEGIN { print (t > 0 && o / t >= 0.999) ? 1 : 0 }')"
  sleep 15 # the gateways flush what they buffered while Azurite was down
done

echo "stopping the cluster gracefully and starting it again: every grain reads what storage kept"
grep -c "Azurite (pid" .local/logs/resilience-run.log | xargs echo "Azurite restarts by run.sh:"
grep -hc "InconsistentStateException\|ETag" .local/logs/silo-*.log | paste -sd' ' | xargs echo "silo log lines naming ETag conflicts (silo 1, silo 2):"
kill -TERM "$run_pid"; wait "$run_pid"; run_pid=""
start_cluster
pass "the cluster starts again on what Azurite kept"

echo "| round | kill after the key | calls | succeeded | metered after restart | lost from usage | audit chain after restart | late key | late tenant |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for r in $(seq 1 "$ROUNDS"); do
  t="akill$stamp-$r"
  usage=$(op usage "$t" --json 2>/dev/null | jq -r '.requests')
  chain=$(op audit verify "$t" 2>&1 | head -n 1 | cut -c1-160)
  key=${late_key[$r]}
  if [ "$key" = ok ]; then
    late_id=$(cut -d_ -f2 "$work/late-key-$r")
    if op key list "$t" --json 2>/dev/null | grep -q "$late_id"; then key="kept"; else key="lost"; fi
    key="$key (HTTP $(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $(cat "$work/late-key-$r")" -X POST "http://127.0.0.1:8000/v2/models/$MODEL/infer" -d "$body"))"
  fi
  tenant_state=${late_tenant[$r]}
  if [ "$tenant_state" = ok ]; then
    if op tenant get "late$stamp-$r" > /dev/null 2>&1; then tenant_state="kept"; else tenant_state="lost"; fi
  fi
  echo "| $r | ${DELAYS[$(( (r - 1) % ${#DELAYS[@]} ))]} s | $((total[r] + probes_of[r])) | $((ok[r] + 2)) | $usage | $((ok[r] + 2 - usage)) | $chain (calls $((total[r] + probes_of[r]))) | $key | $tenant_state |"
done
summary
[ "$failed" -eq 0 ]
