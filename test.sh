#!/usr/bin/env bash
# The whole test suite: every .NET test project in Cluster.sln (unit tests, and integration tests
# that start Azurite, a real silo and real gateways on loopback), the clusterctl end-to-end test,
# the Helm chart tests, the alerting rules and dashboard tests (tests/prometheus, with a real
# Prometheus end to end), then the container image tests (tests/containers/run.sh).
# Installs what it needs (Azurite from npm; helm, kubectl and yamllint for the chart tests;
# prometheus for the rules tests; podman, runc and mmdebstrap for the image tests).
# Prints "N passed, M failed" last.
set -uo pipefail
cd "$(dirname "$0")"
mkdir -p .local/test-results

passed=0; failed=0; status=0
# The integration tests start their own Azurite (the Azure Storage emulator) from .local/tools.
tools/scripts/install-azurite.sh > /dev/null

log=.local/test-results/dotnet-test.log
# A test still running after 5 minutes is hung (the whole suite takes a few): stop it and name it.
# A run that was stopped without any test failing (a hang: 2026-12-02 and 2026-12-04 each saw one
# in the integration tests, not reproduced in reruns) is retried once, and the retry's counts are
# the ones reported; the stopped run's log is kept beside it.
run_tests() { dotnet test Cluster.sln -c Release -nologo -clp:ErrorsOnly --blame-hang --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee "$log"; return "${PIPESTATUS[0]}"; }
if ! run_tests; then
  if ! grep -qE 'Failed!|Failed:[[:space:]]*[1-9]' "$log"; then
    mv "$log" "$log.stopped"
    echo "dotnet test stopped without a failing test (hang); retrying once (first log: $log.stopped)" >&2
    run_tests || status=1
  else
    status=1
  fi
fi
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -nE 's/.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+).*/\1 \2/p' "$log")
if ! grep -qE 'Passed:[[:space:]]*[0-9]+' "$log"; then echo "dotnet test ran no test" >&2; status=1; fi

# suite NAME SCRIPT: runs a script suite whose last line is "N passed, M failed", adding its counts.
suite() {
  local log=".local/test-results/$1-test.log" p f
  bash "$2" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  read -r p f < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -1) || true
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

# clusterctl end to end against ./run.sh's real local cluster (needs ports 8000-8002 free, and jq).
command -v jq > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq jq > /dev/null; }
suite cli tests/cli/run.sh
suite helm tests/helm/run.sh
# Alerting rules and dashboard (promtool), then a real Prometheus scraping ./run.sh's cluster.
suite prometheus tests/prometheus/run.sh
# Fail-over under load: kill -9 of a silo, a rolling restart, a 30 s storage outage, on
# ./run.sh --silos 2 --gateways 2 (needs ports 8000-8012 free).
suite resilience tests/resilience/run.sh
# The container images, run hardened with podman, and the chart's workloads under podman kube play
# (installs podman, runc and mmdebstrap with apt-get; needs root).
suite containers tests/containers/run.sh

# The failures again, last, where the tail of a CI log shows them (dotnet names a failed test
# "  Failed Namespace.Class.Test [time]"; the script suites print "FAIL ...").
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "failures:"
  sed -nE 's/^[[:space:]]+Failed ([^[]+) \[[0-9].*/  dotnet: \1/p' "$log" | sort -u
  for f in .local/test-results/{cli,helm,prometheus,resilience,containers}-test.log; do
    [ -f "$f" ] && sed -nE "s/^FAIL (.*)/  $(basename "$f" -test.log): \1/p" "$f"
  done
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
