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

# clusterctl end to end against ./run.sh's real local cluster (needs ports 8000-8002 free, and jq).
command -v jq > /dev/null || { apt-get update -qq > /dev/null && apt-get install -y -qq jq > /dev/null; }
cli_log=.local/test-results/cli-test.log
bash tests/cli/run.sh 2>&1 | tee "$cli_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r cp cf < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$cli_log" | tail -1) || true
passed=$((passed + ${cp:-0})); failed=$((failed + ${cf:-0}))

helm_log=.local/test-results/helm-test.log
bash tests/helm/run.sh 2>&1 | tee "$helm_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r hp hf < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$helm_log" | tail -1) || true
passed=$((passed + ${hp:-0})); failed=$((failed + ${hf:-0}))

# Alerting rules and dashboard (promtool), then a real Prometheus scraping ./run.sh's cluster.
prom_log=.local/test-results/prometheus-test.log
bash tests/prometheus/run.sh 2>&1 | tee "$prom_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r pp pf < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$prom_log" | tail -1) || true
passed=$((passed + ${pp:-0})); failed=$((failed + ${pf:-0}))

# The container images, run hardened with podman, and the chart's workloads under podman kube play
# (installs podman, runc and mmdebstrap with apt-get; needs root).
containers_log=.local/test-results/containers-test.log
bash tests/containers/run.sh 2>&1 | tee "$containers_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r kp kf < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$containers_log" | tail -1) || true
passed=$((passed + ${kp:-0})); failed=$((failed + ${kf:-0}))

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
