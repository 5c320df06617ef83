#!/usr/bin/env bash
# On the GPU machine, after every part was copied into /tmp/g/parts: unpacks the bundle, finds
# CUDA 13 and cuDNN 9 in the machine's pip nvidia packages, starts Azurite (in memory), a silo
# serving REPO (default: the checkout's models/) and the gateway, prepares tenant "gpu" (every model
# in REPO Approved for it, TREAT), then runs the perf analyzer with the arguments given.
# Logs and results go to $OUT (8 files at most come back), among them gpu-metrics-TAG.txt: the silo's
# nv_gpu_*, nv_energy_* and cluster_device_* lines (docs/observability.md, "GPU metrics") from its
# metrics port (SILO_METRICS_PORT, default 9102), every 5 s during the run and once after it, each
# line prefixed with the Unix time of the scrape.
# COHOSTED=1 runs the gateway role inside the silo (Silo:HostGateway: no socket or serializer between
# the gateway and the shards, pooled outputs handed over in memory) instead of a separate gateway.
# SILO_GC_SERVER=1 gives that silo the server GC.
# usage: bash device-run.sh [perf analyzer arguments...]   env REPO, COHOSTED, SILO_GC_SERVER
set -u
G=/tmp/g; O=${OUT:-/tmp/out}; R=${REPO:-$PWD/models}; mkdir -p "$O"
if [ -d $G/parts ]; then
  cat $(ls $G/parts/part* | sort -V) | xz -dc | tar -x -C $G && rm -rf $G/parts || { echo "unpack failed"; exit 1; }
fi
export DOTNET_ROOT=$G/dotnet PATH=$G/dotnet:$G/node/bin:$PATH DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_NOLOGO=1
nv=$(python3 -c "import glob,os,site;print(':'.join(sorted({os.path.dirname(p) for s in site.getsitepackages() for p in glob.glob(os.path.join(s,'nvidia','**','lib*.so*'),recursive=True)})))")
export LD_LIBRARY_PATH=$G/ort:$nv:${LD_LIBRARY_PATH:-}
for a in $G/app/*; do mkdir -p $a/runtimes/linux-x64/native; ln -sf $G/ort/*.so $a/runtimes/linux-x64/native/; done
nvidia-smi -L 2>&1; ldd $G/ort/libonnxruntime_providers_cuda.so | grep "not found"
if curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready; then
  echo "reusing the cluster started by an earlier call"
else
  rm -f $G/gpu.key
  export DOTNET_TC_CallCountingDelayMs=0   # as run.sh and the chart: tier up at once after start
  export Gateway__Plaintext=true           # loopback only, as run.sh
  st="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
  setsid node $G/azurite/node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort 10002 --inMemoryPersistence \
    --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry > $G/azurite.log 2>&1 < /dev/null &
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
  echo "hso_$(head -c 8 /dev/urandom | base32 | tr -d = | tr A-Z a-z | cut -c1-12)_$(head -c 32 /dev/urandom | base32 -w0 | tr -d = | tr A-Z a-z)" > $G/op.key
  # own sessions, so they outlive this call and the next calls can load them; nothing holds our stdout
  if [ "${COHOSTED:-0}" = 1 ]; then
    (cd $G/app/silo && DOTNET_gcServer=${SILO_GC_SERVER:-0} Silo__HostGateway=true Auth__OperatorKeyFile=$G/op.key ModelRepository__Root=$R Storage__ConnectionString="$st" exec setsid dotnet Cluster.Silo.dll) > $O/silo.log 2>&1 < /dev/null &
  else
    (cd $G/app/silo && ModelRepository__Root=$R Storage__ConnectionString="$st" exec setsid dotnet Cluster.Silo.dll) > $O/silo.log 2>&1 < /dev/null &
    (cd $G/app/gateway && Auth__OperatorKeyFile=$G/op.key exec setsid dotnet Cluster.Gateway.dll) > $O/gateway.log 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 240); do curl -fs -o /dev/null http://127.0.0.1:8000/v2/health/ready && break; sleep 0.5; done
fi
ctl() { dotnet $G/app/ctl/clusterctl.dll --key-file $G/op.key "$@"; }
ctl tenant get gpu > /dev/null 2>&1 || ctl tenant create gpu --name "GPU bench" > /dev/null
models=()
for dir in "$R"/*/; do
  [ -f "$dir/config.json" ] || continue; name=$(basename "$dir"); models+=(--model "$name:latest")
  for v in "$dir"*/; do v=$(basename "$v"); [[ "$v" =~ ^[0-9]+$ ]] || continue
    ctl model lifecycle "$name" "$v" Approved > /dev/null 2>&1 && ctl model approve "$name" "$v" --tenant gpu > /dev/null; done
done
ctl policy set gpu "${models[@]}" --purpose TREAT --default-purpose TREAT > /dev/null
[ -s $G/gpu.key ] || ctl key issue gpu --name bench | tail -1 > $G/gpu.key
ctl model list | tee $O/models.txt
nvidia-smi dmon -s um -d 1 > $O/dmon-${TAG:-run}.txt 2>&1 < /dev/null &
dm=$!
gm=$O/gpu-metrics-${TAG:-run}.txt
scrape() { local t; t=$(date +%s); curl -fsS --max-time 5 "http://127.0.0.1:${SILO_METRICS_PORT:-9102}/metrics" 2>/dev/null \
  | grep -E '^(nv_gpu_|nv_energy_|cluster_device_|cluster_shard_device_)' | sed "s/^/$t /"; }
(while :; do scrape; sleep 5; done) > "$gm" 2>&1 < /dev/null &
sm=$!
[ $# -gt 0 ] && dotnet $G/app/perf/Cluster.PerfAnalyzer.dll --key-file $G/gpu.key --purpose-of-use TREAT --repository "$R" "$@" 2>&1 | tee $O/perf-${TAG:-run}.txt
kill $dm $sm 2>/dev/null; wait $sm 2>/dev/null; scrape >> "$gm"
echo "silo GPU metrics: $(grep -c ' nv_gpu_' "$gm") nv_gpu_ lines in $(basename "$gm"); the last scrape:"
grep "^$(tail -n 1 "$gm" | cut -d' ' -f1) " "$gm" | grep -E ' (nv_gpu_|cluster_device_shards)'
grep -iE "cuda|device" $O/silo.log | head -20
