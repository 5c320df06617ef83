#!/usr/bin/env bash
# The kill phase of tests/resilience/run.sh beside a CPU hog (nice -n 10 busy loop), with the gateway's
# retry decisions logged, until a run has calls that waited out their deadline (docs/resilience.md,
# "Known race (kill)"). Each run's output is .local/killrace-N.out and its logs .local/killrace-N/.
# Usage: bash docs/benchmarks/issue13/kill-race-under-cpu-hog.sh [RUNS]
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
for i in $(seq 1 "${1:-5}"); do
  timeout 900 nice -n 10 sh -c 'while :; do :; done' & h1=$!
  env 'Logging__LogLevel__Cluster.Gateway.DataPlane.ShardCaller=Debug' 'Logging__LogLevel__Cluster.Gateway.Retries=Debug' PHASES="kill" bash tests/resilience/run.sh > .local/killrace-$i.out 2>&1
  kill $h1
  mkdir -p .local/killrace-$i; cp .local/logs/gateway-*.log .local/logs/silo-*.log .local/killrace-$i/ 2>/dev/null
  grep -q DEADLINE_EXCEEDED .local/killrace-$i.out && { echo "reproduced in run $i"; break; }
done
