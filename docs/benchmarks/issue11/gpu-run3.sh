#!/usr/bin/env bash
# Issue 11 GPU run 3: co-hosted with server GC (CUDA shards at 2 concurrent batches by default now);
# then the same 16-core box as a transport check: encoder-wide (196 KB per sequence, KIND_CPU) through
# the co-hosted cluster against the bare gRPC + ONNX Runtime server, alternating windows, CPU per request.
set -u
O=${OUT:-/tmp/out}; G=/tmp/g; mkdir -p $O
for _ in $(seq 1 60); do [ -s $G/minilm.onnx ] && break; sleep 1; done
bash .gpu/kit/gpu-repo.sh $G/repo $G/minilm.onnx > /dev/null
cp -r .gpu/extra/encoder-wide $G/repo/
export REPO=$G/repo COHOSTED=1 SILO_GC_SERVER=1
TOK="--shape input_ids:128 --shape attention_mask:128 --shape token_type_ids:128 --generated-int-max 2"
M="--warmup-seconds 4 --measure-seconds 8"
(sleep 40; top -b -n1 -w 200 | sed -n '1,3p;7,10p' > $O/top-full.txt) &
TAG=full timeout 150 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --no-baseline --concurrency 256 $M > $O/log-full.txt 2>&1
TAG=pooled timeout 100 bash tools/gpu/device-run.sh --model minilm-pooled $TOK --no-baseline --concurrency 512 $M > /dev/null 2>&1
export DOTNET_ROOT=$G/dotnet PATH=$G/dotnet:$PATH DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_NOLOGO=1
nv=$(python3 -c "import glob,os,site;print(':'.join(sorted({os.path.dirname(p) for s in site.getsitepackages() for p in glob.glob(os.path.join(s,'nvidia','**','lib*.so*'),recursive=True)})))")
export LD_LIBRARY_PATH=$G/ort:$nv:${LD_LIBRARY_PATH:-}
(cd $G/app/bare && exec setsid dotnet Cluster.BareServer.dll --repository $REPO --model encoder-wide --port 8200) > $O/bare.log 2>&1 < /dev/null &
for _ in $(seq 1 60); do grep -q "listening" $O/bare.log && break; sleep 0.5; done
silo=$(pgrep -f Cluster.Silo.dll | head -1); bare=$(pgrep -f Cluster.BareServer.dll | head -1)
timeout 150 dotnet $G/app/perf/Cluster.PerfAnalyzer.dll --model encoder-wide --repository $REPO --key-file $G/gpu.key --purpose-of-use TREAT \
  --endpoint http://127.0.0.1:8001 --label cluster --compare-endpoint http://127.0.0.1:8200 --compare-label bare --no-baseline \
  --cpu-pid cluster=$silo --cpu-pid bare=$bare $TOK --concurrency 64 --warmup-seconds 3 --measure-seconds 12 --rounds 3 --json $O/wide.json > $O/perf-wide.txt 2>&1
cd $O; for f in perf-full.txt perf-pooled.txt perf-wide.txt; do echo "== $f"; cat $f | grep -vE "^(info|warn|\s+Model|\s+Placed|\s+Shard|\s+Silo|\s+Devices)"; done > results.txt
for f in dmon-*.txt; do echo "== $f"; awk 'NR>2{s+=$2; n++} END{if(n) printf "mean sm %% %.1f over %d s\n", s/n, n}' $f; sed -n '3,40p' $f | awk '{print $2}' | tr '\n' ' '; echo; done >> results.txt
cat top-full.txt >> results.txt; rm -f perf-full.txt perf-pooled.txt dmon-*.txt top-full.txt; ls $O
