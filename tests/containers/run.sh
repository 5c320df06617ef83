#!/usr/bin/env bash
# Smoke test of the container images (docs/images.md) with podman, offline:
#   1. builds (or reuses) cluster-gateway, cluster-silo and cluster-silo-cuda with
#      tools/scripts/build-images.sh --debian-base, and checks what they declare;
#   2. on a podman network of its own runs Azurite (a test image: the Debian base, the host's Node.js
#      and Azurite from npm), a silo and a gateway as production runs them: Azure Table membership,
#      mutual TLS between members and TLS on the gateway (a throwaway CA made with openssl), non-root,
#      read-only root with only /tmp writable, all capabilities dropped; then checks /readyz, a
#      tenant bootstrapped with ./clusterctl from the host, a first inference over REST and over
#      gRPC, both /metrics endpoints and the images' HEALTHCHECKs; then a silo from the CUDA image
#      joins, the CPU silo leaves, and the CUDA image must serve (on CPU: no GPU here; its ONNX
#      Runtime must find the CUDA provider and fail only on the CUDA libraries); graceful stops;
#   3. renders helm/cluster with `helm template` and runs its silo and gateway Deployments with
#      `podman kube play` (tests/containers/kube_filter.py removes what podman 4.3 cannot play and
#      says what), then checks the init container filled the model repository, the played gateway is
#      ready and serves an inference, and the chart's probes succeed against the played pods.
# Installs what is missing (podman and its network stack, runc, mmdebstrap with apt-get; helm and
# Azurite from npm).
# Cleans up everything it started, also when interrupted. Needs root (podman's network and
# /proc checks), the .NET 10 SDK, Node.js/npm, curl, jq, openssl, python3 with PyYAML.
# CONTAINER_TEST_SKIP_CUDA=1 leaves the CUDA image out. Last line: "N passed, M failed".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 1
HERE="$ROOT/tests/containers"
started=$SECONDS
id="ct$$"
work=$(mktemp -d)
net="$id-net"
azurite="$id-azurite"; silo="$id-silo"; silo_cuda="$id-silo-cuda"; gateway="$id-gateway"
kube_file="$work/play.yaml"
secrets=("$id-storage" "$id-operator" "$id-gateway-tls" "$id-orleans-tls")

# shellcheck source=../lib/report.sh
. "$ROOT/tests/lib/report.sh"
# fail NAME [LOG]: shows the last 30 lines of LOG (a container's log ends with its error).
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  [ -n "${2:-}" ] && [ -s "$2" ] && tail -n 30 "$2" | sed 's/^/    /'
  return 0
}
check() { # check NAME CMD...: passes when CMD exits 0 (its output in $work/check.log, shown on failure)
  local name=$1; shift
  if "$@" > "$work/check.log" 2>&1; then pass "$name"; else fail "$name" "$work/check.log"; fi
}
finish() {
  echo "took $((SECONDS - started)) s"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
abort() { fail "$1" "${2:-}"; finish; exit 1; }

cleanup() {
  if command -v podman > /dev/null; then
    [ -s "$kube_file" ] && podman kube down "$kube_file" > /dev/null 2>&1
    podman rm -f -t 0 "$gateway" "$silo" "$silo_cuda" "$azurite" > /dev/null 2>&1
    podman network rm -f "$net" > /dev/null 2>&1
    podman secret rm "${secrets[@]}" > /dev/null 2>&1
    podman volume rm -f "${secrets[@]}" > /dev/null 2>&1   # kube play keeps Secret volumes as volumes of the same name
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(id -u)" -eq 0 ] || abort "runs as root, as CI does (rootful podman: networks, /proc uid checks); run: sudo bash tests/containers/run.sh"
# shellcheck source=tools/scripts/podman-env.sh
source "$ROOT/tools/scripts/podman-env.sh" || abort "podman, runc and mmdebstrap installed"

for tool in curl jq openssl dotnet npm node; do
  command -v "$tool" > /dev/null || abort "$tool is installed"
done
PYTHON=python3
"$PYTHON" -c 'import yaml' 2> /dev/null || PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import yaml' 2> /dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml; } > /dev/null 2>&1
fi
"$PYTHON" -c 'import yaml' 2> /dev/null || abort "python3 with PyYAML"

# ---- 1. images ----------------------------------------------------------------------------------
version=$(sed -nE 's/^appVersion:[[:space:]]*"?([^"[:space:]]+)"?.*/\1/p' helm/cluster/Chart.yaml)
build_args=(--debian-base); [ -n "${CONTAINER_TEST_SKIP_CUDA:-}" ] && build_args+=(--skip-cuda)
build_started=$SECONDS
if tools/scripts/build-images.sh "${build_args[@]}" > "$work/build.log" 2>&1; then
  pass "build-images.sh ${build_args[*]} ($((SECONDS - build_started)) s)"
  sed 's/^/    /' "$work/build.log" | grep -E 'MB$|up to date'
else
  abort "build-images.sh ${build_args[*]}" "$work/build.log"
fi
images=(gateway silo); [ -z "${CONTAINER_TEST_SKIP_CUDA:-}" ] && images+=(silo-cuda)
base=$(podman image inspect --format '{{index .Labels "org.opencontainers.image.base.name"}}' "localhost/cluster-gateway:$version")

inspect() { podman image inspect --format "$2" "localhost/cluster-$1:$version"; }
for image in "${images[@]}"; do
  check "cluster-$image runs as 1654:1654" test "$(inspect "$image" '{{.Config.User}}')" = "1654:1654"
  check "cluster-$image sets DOTNET_TC_CallCountingDelayMs=0 and TMPDIR=/tmp" \
    bash -c "inspect() { podman image inspect --format '{{json .Config.Env}}' localhost/cluster-$image:$version; }
             inspect | grep -q '\"DOTNET_TC_CallCountingDelayMs=0\"' && inspect | grep -q '\"TMPDIR=/tmp\"'"
  check "cluster-$image has a HEALTHCHECK" bash -c \
    "podman image inspect --format '{{json .Config.Healthcheck}}' localhost/cluster-$image:$version | grep -q Cluster.HealthProbe"
done
in_image() { podman run --rm --read-only --read-only-tmpfs=false --entrypoint /bin/sh "localhost/cluster-$1:$version" -c "$2"; }
check "cluster-silo carries ONNX Runtime but not its CUDA or TensorRT provider" \
  in_image silo 'test -f /app/libonnxruntime.so && ! ls /app/libonnxruntime_providers_cuda.so /app/libonnxruntime_providers_tensorrt.so /app/onnxruntime*.dll 2> /dev/null'
check "cluster-silo ships the model repository in /app/models" \
  in_image silo 'test -f /app/models/breast-cancer-risk/config.json && test -f /app/models/minilm-l6-v2/1/model.onnx'
if [ -z "${CONTAINER_TEST_SKIP_CUDA:-}" ]; then
  check "cluster-silo-cuda carries ONNX Runtime's CUDA provider" in_image silo-cuda 'test -s /app/libonnxruntime_providers_cuda.so'
fi

# ---- certificates, keys, network, Azurite -------------------------------------------------------
certs="$work/certs"; mkdir -p "$certs"/{gateway,member,operator}
issue() { # issue DIR CN EXTENDED_KEY_USAGE SUBJECT_ALT_NAMES
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$2" \
    -keyout "$1/tls.key" -out "$work/$2.csr" 2> /dev/null &&
  openssl x509 -req -in "$work/$2.csr" -CA "$certs/ca.crt" -CAkey "$work/ca.key" -set_serial "0x$(openssl rand -hex 12)" \
    -days 1 -sha256 -out "$1/tls.crt" -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$3" "$4") 2> /dev/null
}
if openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$certs/ca.crt" \
     -days 1 -sha256 -subj "/CN=container test CA" -addext "basicConstraints=critical,CA:TRUE" \
     -addext "keyUsage=critical,keyCertSign,cRLSign" 2> /dev/null &&
   issue "$certs/gateway" gateway serverAuth "DNS:localhost,IP:127.0.0.1,DNS:$gateway" &&
   issue "$certs/member" cluster-member serverAuth,clientAuth "DNS:cluster-member"; then
  cp "$certs/ca.crt" "$certs/member/ca.crt"
  pass "openssl: test CA, gateway certificate, cluster member certificate"
else
  abort "openssl: test CA, gateway certificate, cluster member certificate"
fi
secret_id=$(head -c 32 /dev/urandom | base32 -w0 | tr -d '=' | tr '[:upper:]' '[:lower:]')
echo "hso_$(head -c 8 /dev/urandom | base32 | tr -d '=' | tr '[:upper:]' '[:lower:]' | cut -c1-12)_$secret_id" > "$certs/operator/operator.key"
# The files belong to the containers' user and are readable by it alone, as a Secret with fsGroup.
chown -R 1654:1654 "$certs"; chmod 0700 "$certs"/{gateway,member,operator}; chmod 0600 "$certs"/*/*
operator_key="$certs/operator/operator.key"

podman network create "$net" > /dev/null || abort "podman network create"
azurite_version=$(sed -n 's/^version=//p' tools/scripts/install-azurite.sh)
azurite_image="localhost/cluster-test-azurite:$azurite_version-$(cat "$HERE/azurite.Containerfile" <(echo "$base") | sha256sum | cut -c1-12)"
if ! podman image exists "$azurite_image"; then
  podman images --format '{{.Repository}}:{{.Tag}}' localhost/cluster-test-azurite | xargs -r podman rmi > /dev/null 2>&1
  ctx="$ROOT/.local/images/context/azurite"
  rm -rf "$ctx" && mkdir -p "$ctx/azurite"
  cp "$(readlink -f "$(command -v node)")" "$ctx/node"
  if ! npm install --prefix "$ctx/azurite" --no-audit --no-fund --silent "azurite@$azurite_version" > "$work/azurite-build.log" 2>&1 ||
     ! podman build --format docker -f "$HERE/azurite.Containerfile" --build-arg "BASE=$base" -t "$azurite_image" "$ctx" >> "$work/azurite-build.log" 2>&1; then
    abort "Azurite test image" "$work/azurite-build.log"
  fi
fi
# shellcheck disable=SC2054  # the commas belong to --tmpfs options
hardened=(--read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=256m,mode=1777 --cap-drop ALL --security-opt no-new-privileges)
podman run -d --name "$azurite" --network "$net" "${hardened[@]}" "$azurite_image" > /dev/null 2> "$work/run.log" || abort "Azurite container starts" "$work/run.log"
azurite_ip=$(podman inspect --format "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$azurite")
for _ in $(seq 1 100); do (exec 3<> "/dev/tcp/$azurite_ip/10002") 2> /dev/null && break; sleep 0.2; done
check "Azurite (test image) listens on the test network" bash -c "exec 3<> /dev/tcp/$azurite_ip/10002"
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://$azurite:10002/devstoreaccount1;"

# ---- 2. silo and gateway containers --------------------------------------------------------------
cluster_env=(-e Cluster__Provider=AzureTable -e "Cluster__ConnectionString=$storage" -e "Cluster__ClusterId=$id"
  -e Cluster__Tls__CertificateFile=/etc/cluster/orleans-tls/tls.crt -e Cluster__Tls__KeyFile=/etc/cluster/orleans-tls/tls.key
  -e Cluster__Tls__CaFile=/etc/cluster/orleans-tls/ca.crt -v "$certs/member:/etc/cluster/orleans-tls:ro")
podman run -d --name "$silo" --network "$net" "${hardened[@]}" "${cluster_env[@]}" \
  -e "Storage__ConnectionString=$storage" -p 127.0.0.1::9102 "localhost/cluster-silo:$version" > /dev/null 2>> "$work/run.log" \
  || abort "silo container starts" "$work/run.log"
podman run -d --name "$gateway" --network "$net" "${hardened[@]}" "${cluster_env[@]}" \
  -e Gateway__Tls__CertificateFile=/etc/cluster/tls/tls.crt -e Gateway__Tls__KeyFile=/etc/cluster/tls/tls.key \
  -e Auth__OperatorKeyFile=/etc/cluster/operator/operator.key \
  -v "$certs/gateway:/etc/cluster/tls:ro" -v "$certs/operator:/etc/cluster/operator:ro" \
  -p 127.0.0.1::8000 -p 127.0.0.1::8001 -p 127.0.0.1::8002 "localhost/cluster-gateway:$version" > /dev/null 2>> "$work/run.log" \
  || abort "gateway container starts" "$work/run.log"
host_port() { podman port "$1" "$2/tcp" | head -n 1 | sed 's/.*://'; }
http_port=$(host_port "$gateway" 8000); grpc_port=$(host_port "$gateway" 8001)
metrics_port=$(host_port "$gateway" 8002); silo_metrics_port=$(host_port "$silo" 9102)
# logs CONTAINER: saves its log under .local/test-results/containers/ and prints the file's name.
results="$ROOT/.local/test-results/containers"; mkdir -p "$results"
logs() { podman logs "$1" > "$results/$1.log" 2>&1; echo "$results/$1.log"; }
# why CONTAINER...: the first errors of each container's log, then where the whole log is.
why() {
  local c f
  for c in "$@"; do
    f=$(logs "$c")
    echo "--- $c: $(grep -m 3 -E '^(crit|fail):|Unhandled exception|OptionsValidationException' -A 2 "$f" | cut -c1-200 | tr -s ' ' | tr '\n' ' ')"
    echo "    whole log: $f"
  done
}

# wait_ready URL [CURL ARGS...]: up to 180 s for 200 from URL while the containers keep running.
wait_ready() {
  local url=$1; shift
  local deadline=$((SECONDS + 180)) c
  until curl -fsS -o /dev/null --max-time 3 "$@" "$url" 2> /dev/null; do
    for c in "${watch[@]}"; do
      [ "$(podman inspect --format '{{.State.Running}}' "$c" 2> /dev/null)" = "true" ] || { echo "$c exited"; return 1; }
    done
    [ "$SECONDS" -lt "$deadline" ] || { echo "not ready after 180 s"; return 1; }
    sleep 1
  done
}
watch=("$azurite" "$silo" "$gateway")
ready_started=$SECONDS
if wait_ready "https://localhost:$http_port/readyz" --cacert "$certs/ca.crt" > "$work/wait.log"; then
  pass "gateway /readyz answers 200 over TLS (CA-verified) in $((SECONDS - ready_started)) s"
else
  why "$silo" "$gateway" >> "$work/wait.log"
  abort "gateway /readyz answers 200 over TLS ($(head -n 1 "$work/wait.log"))" "$work/wait.log"
fi
check "gateway's REST port refuses plain HTTP" bash -c "! curl -s --max-time 3 -o /dev/null http://127.0.0.1:$http_port/healthz"

# Non-root and read-only, seen from outside: the host's view of each container's main process.
for c in "$silo" "$gateway" "$azurite"; do
  pid=$(podman inspect --format '{{.State.Pid}}' "$c")
  check "${c#"$id-"} process runs as uid 1654 (host /proc/$pid/status)" \
    bash -c "awk '/^Uid:/ { exit !(\$2 == 1654 && \$3 == 1654 && \$4 == 1654) }' /proc/$pid/status"
  check "${c#"$id-"} root filesystem is read-only, /tmp writable" bash -c \
    "podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' $c | grep -qx true &&
     ! podman exec $c sh -c 'echo x > /app/probe-write' 2> /dev/null && ! podman exec $c sh -c 'echo x > /home/probe-write' 2> /dev/null &&
     podman exec $c sh -c 'echo x > /tmp/probe-write && rm /tmp/probe-write'"
done
echo "    /tmp after start: gateway: $(podman exec "$gateway" ls -A /tmp | tr '\n' ' ')| silo: $(podman exec "$silo" ls -A /tmp | tr '\n' ' ')"

# ---- bootstrap with clusterctl from the host ------------------------------------------------------
ctl() { # ctl KEYFILE ARGS...: clusterctl against the gateway container; output in $work/out
  local key=$1; shift
  "$ROOT/clusterctl" --endpoint "https://localhost:$grpc_port" --ca-file "$certs/ca.crt" --key-file "$key" "$@" > "$work/out" 2>&1
}
op() { ctl "$operator_key" "$@"; }
tenant_key="$work/tenant.key"
tenant="ct-$$"
if op tenant create "$tenant" --name "Container test" && op model lifecycle breast-cancer-risk 1 Approved &&
   op model approve breast-cancer-risk 1 --tenant "$tenant" &&
   op policy set "$tenant" --model breast-cancer-risk:latest --purpose TREAT --default-purpose TREAT &&
   op key issue "$tenant" --name container-test && tail -n 1 "$work/out" > "$tenant_key" && grep -q '^hsk_' "$tenant_key"; then
  pass "clusterctl (operator, TLS via --ca-file): tenant, model approval, policy, key"
else
  fail "clusterctl (operator, TLS via --ca-file): tenant, model approval, policy, key" "$work/out"
fi
features="17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189"
body="{\"id\":\"container-test\",\"parameters\":{\"purpose_of_use\":\"TREAT\"},\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,30],\"data\":[$features]}]}"
rest_infer() { # rest_infer BASE_URL [CURL ARGS...]: the README's first call; the answer in $work/infer.json
  local url=$1; shift
  curl -sS --max-time 30 --cacert "$certs/ca.crt" -H "authorization: Bearer $(cat "$tenant_key")" \
    -X POST "$url/v2/models/breast-cancer-risk/infer" -d "$body" "$@" > "$work/infer.json" 2>&1 &&
  jq -e '.model_name == "breast-cancer-risk" and (.outputs[] | select(.name == "malignant") | .data == [true])' "$work/infer.json" > /dev/null
}
check "first inference over REST (TLS, tenant key): malignant" rest_infer "https://localhost:$http_port"
if ctl "$tenant_key" infer breast-cancer-risk --input "features:FP32:1,30:$features" && grep -qE '^malignant +BOOL' "$work/out"; then
  pass "clusterctl infer over gRPC (TLS, tenant key)"
else
  fail "clusterctl infer over gRPC (TLS, tenant key)" "$work/out"
fi
if op tenant list && grep -q "^$tenant " "$work/out"; then pass "clusterctl tenant list shows the tenant"; else fail "clusterctl tenant list shows the tenant" "$work/out"; fi

# ---- metrics ------------------------------------------------------------------------------------
scrape() { curl -fsS --max-time 5 "http://127.0.0.1:$1/metrics" > "$work/metrics.txt" 2>&1 && grep -qE "$2" "$work/metrics.txt"; }
check "gateway /metrics (8002): nv_inference_request_success for breast-cancer-risk" \
  scrape "$metrics_port" '^nv_inference_request_success\{model="breast-cancer-risk",version="1"\} [1-9]'
check "silo /metrics (9102): cluster_shard_executions_total for breast-cancer-risk" \
  scrape "$silo_metrics_port" '^cluster_shard_executions_total\{model="breast-cancer-risk",version="1"\} [1-9]'

# ---- HEALTHCHECKs, and a probe that fails ------------------------------------------------------------
check "gateway HEALTHCHECK (GET /healthz over TLS) is healthy" podman healthcheck run "$gateway"
check "silo HEALTHCHECK (Orleans gateway port) is healthy" podman healthcheck run "$silo"
check "health probe fails when nothing listens" bash -c "! podman exec -e Gateway__HttpPort=1 $gateway /app/Cluster.HealthProbe gateway"

# ---- the CUDA image takes over, and graceful stops ---------------------------------------------------
stop_gracefully() { # stop_gracefully CONTAINER TIMEOUT: SIGTERM, then exit code 0 before the timeout (no SIGKILL)
  local t0=$SECONDS
  podman stop -t "$2" "$1" > /dev/null && [ "$(podman inspect --format '{{.State.ExitCode}}' "$1")" = 0 ] &&
    [ $((SECONDS - t0)) -lt "$2" ] && echo "stopped in $((SECONDS - t0)) s"
}
if [ -z "${CONTAINER_TEST_SKIP_CUDA:-}" ]; then
  # A silo from the CUDA image joins, told its device is cuda:0; the CPU silo leaves. There is no GPU
  # (and, on the Debian base, no CUDA library) here, so ONNX Runtime must find the CUDA provider in
  # /app, fail on the CUDA libraries it needs, and the shard run on CPU (KIND_AUTO).
  podman run -d --name "$silo_cuda" --network "$net" "${hardened[@]}" "${cluster_env[@]}" \
    -e "Storage__ConnectionString=$storage" -e Silo__Devices=cuda:0 "localhost/cluster-silo-cuda:$version" > /dev/null 2>> "$work/run.log" \
    || abort "CUDA silo container starts" "$work/run.log"
  joined() { local _; for _ in $(seq 1 120); do podman healthcheck run "$silo_cuda" > /dev/null 2>&1 && return 0; sleep 1; done; return 1; }
  check "CUDA silo joins the cluster (HEALTHCHECK healthy)" joined
  check "CPU silo stops on SIGTERM with exit code 0" stop_gracefully "$silo" 60
  served() { local _; for _ in $(seq 1 60); do rest_infer "https://localhost:$http_port" && return 0; sleep 1; done; cat "$work/infer.json"; return 1; }
  check "the CUDA image's silo serves the model once the CPU silo left" served
  cuda_log=$(logs "$silo_cuda")
  check "CUDA image: ONNX Runtime finds its CUDA provider and stops at the missing CUDA libraries (no GPU here)" bash -c \
    "grep -E 'Failed to load library /app/libonnxruntime_providers_cuda.so with error: lib(cublas|cublasLt|cudart|curand|cudnn)\.so\.[0-9]+: cannot open' '$cuda_log' &&
     grep -q 'CUDA execution provider for device 0 did not load' '$cuda_log' && grep -q 'breast-cancer-risk version 1 ready on cpu' '$cuda_log'"
  check "gateway stops on SIGTERM with exit code 0" stop_gracefully "$gateway" 30
  check "CUDA silo stops on SIGTERM with exit code 0" stop_gracefully "$silo_cuda" 60
else
  check "gateway stops on SIGTERM with exit code 0" stop_gracefully "$gateway" 30
  check "silo stops on SIGTERM with exit code 0" stop_gracefully "$silo" 60
fi

# ---- 3. the chart's workloads with podman kube play ------------------------------------------------
helm=$(tools/scripts/install-helm.sh 2> "$work/helm-install.log") || abort "helm installed" "$work/helm-install.log"
# The Secrets the chart expects to exist. podman 4.3 reads secretKeyRef from a flat JSON of base64
# values, and Secret volumes from a Secret document whose data are the files' raw contents.
env_secret() { printf '{"%s":"%s"}' "$2" "$(printf '%s' "$3" | base64 -w0)" | podman secret create "$1" - > /dev/null; }
volume_secret() { # volume_secret NAME DIR FILES...
  local name=$1 dir=$2; shift 2
  "$PYTHON" -c 'import sys, yaml; d = sys.argv[2]
yaml.safe_dump({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": sys.argv[1]},
                "data": {f: open(f"{d}/{f}").read() for f in sys.argv[3:]}}, sys.stdout)' "$name" "$dir" "$@" \
    | podman secret create "$name" - > /dev/null
}
if env_secret "$id-storage" connectionString "$storage" && env_secret "$id-operator" operatorKey "$(cat "$operator_key")" &&
   volume_secret "$id-gateway-tls" "$certs/gateway" tls.crt tls.key && volume_secret "$id-orleans-tls" "$certs/member" tls.crt tls.key ca.crt; then
  pass "podman secrets for storage, operator key, gateway and member certificates"
else
  fail "podman secrets for storage, operator key, gateway and member certificates"
fi
release="$id"
if "$helm" template "$release" helm/cluster --namespace default -f "$HERE/chart-values.yaml" \
     --set "storage.existingSecret=$id-storage" --set "operatorKey.existingSecret=$id-operator" \
     --set "gateway.tls.existingSecret=$id-gateway-tls" --set "orleans.tls.existingSecret=$id-orleans-tls" \
     > "$work/rendered.yaml" 2> "$work/helm.log" &&
   "$PYTHON" "$HERE/kube_filter.py" --replicas 1 --probes "$work/probes.txt" < "$work/rendered.yaml" > "$kube_file" 2> "$work/filter.log"; then
  pass "helm template, filtered for podman kube play: $(grep -c '^kind: Deployment' "$kube_file") Deployments"
  sed 's/^kube_filter: /    /' "$work/filter.log"
else
  cat "$work/filter.log" >> "$work/helm.log"
  abort "helm template, filtered for podman kube play" "$work/helm.log"
fi
if podman kube play --network "$net" "$kube_file" > "$work/play.log" 2>&1; then
  pass "podman kube play starts the silo and gateway Deployments"
else
  abort "podman kube play starts the silo and gateway Deployments" "$work/play.log"
fi
played() { podman ps -a --format '{{.Names}}' | grep -E "^$1-pod-0-$2\$" | head -n 1; }  # DEPLOYMENT CONTAINER
pod_ip() { # pod_ip CONTAINER: the address of its pod on the test network
  podman pod inspect --format '{{.InfraContainerID}}' "$(podman inspect --format '{{.Pod}}' "$1")" 2> /dev/null \
    | xargs -r podman inspect --format "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" 2> /dev/null
}
kube_silo=$(played "$release-cluster-silo-cpu" silo); kube_gateway=$(played "$release-cluster-gateway" gateway)
kube_ip=$(pod_ip "$kube_gateway")
watch=("$azurite" "$kube_silo" "$kube_gateway")
check "the played silo's init container copied /app/models into the model repository" \
  podman exec "$kube_silo" test -f /models/breast-cancer-risk/config.json
ready_started=$SECONDS
if [ -n "$kube_ip" ] && wait_ready "https://localhost:8000/readyz" --cacert "$certs/ca.crt" --resolve "localhost:8000:$kube_ip" > "$work/wait.log"; then
  pass "played gateway /readyz answers 200 over TLS in $((SECONDS - ready_started)) s"
else
  why "$kube_silo" "$kube_gateway" >> "$work/wait.log"
  fail "played gateway /readyz answers 200 over TLS (pod address '$kube_ip')" "$work/wait.log"
fi
check "inference through the played gateway and silo" rest_infer "https://localhost:8000" --resolve "localhost:8000:$kube_ip"
# The chart's probes, which kube play was not given, run here against the played pods as the kubelet
# would: HTTPS without verifying the certificate, TCP connects.
run_probe() { # run_probe DEPLOYMENT CONTAINER KIND PROTOCOL PORT [PATH]
  local ip; ip=$(pod_ip "$(played "$1" "$2")")
  case "$4" in
    tcp) bash -c "exec 3<> /dev/tcp/$ip/$5" ;;
    http|https) curl -fsS -k --max-time 3 -o /dev/null "$4://$ip:$5$6" ;;
    *) echo "unknown probe protocol $4"; return 1 ;;
  esac
}
while read -r deployment container kind protocol port path; do
  check "chart's $kind of ${deployment#"$release-cluster-"} ($protocol $port${path:+ $path}) succeeds on the played pod" \
    run_probe "$deployment" "$container" "$kind" "$protocol" "$port" "${path:-}"
done < "$work/probes.txt"
for c in "$kube_silo" "$kube_gateway"; do
  pid=$(podman inspect --format '{{.State.Pid}}' "$c")
  check "played ${c#"$release-"}: uid 1654, read-only root" bash -c \
    "awk '/^Uid:/ { exit !(\$2 == 1654) }' /proc/$pid/status && podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' $c | grep -qx true"
done

finish
