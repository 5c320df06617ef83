#!/usr/bin/env bash
# Issue 11 GPU run 2: concurrent batches per shard (OnnxRuntime:MaxConcurrentExecutions) 2 and 1, co-hosted; then stand-alone at 2.
set -u
O=${OUT:-/tmp/out}; mkdir -p $O
for _ in $(seq 1 60); do [ -s /tmp/g/minilm.onnx ] && break; sleep 1; done
bash .gpu/kit/gpu-repo.sh /tmp/g/repo /tmp/g/minilm.onnx > /dev/null
export REPO=/tmp/g/repo
TOK="--shape input_ids:128 --shape attention_mask:128 --shape token_type_ids:128 --generated-int-max 2"
M="--warmup-seconds 4 --measure-seconds 8"
stop() { pkill -f Cluster.Silo.dll; pkill -f Cluster.Gateway.dll; for _ in $(seq 1 40); do pgrep -f "Cluster.(Silo|Gateway).dll" > /dev/null || break; sleep 0.25; done; }
snap() { (sleep 9; top -b -n1 -w 200 | sed -n '1,3p;7,10p' > $O/top-$1.txt) & }
run() { # tag cohosted slots
  stop; export COHOSTED=$2 OnnxRuntime__MaxConcurrentExecutions=$3
  snap $1-full; TAG=$1-full timeout 150 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --no-baseline --concurrency 256 $M > /dev/null 2>&1
  snap $1-pooled; TAG=$1-pooled timeout 100 bash tools/gpu/device-run.sh --model minilm-pooled $TOK --no-baseline --concurrency 512 $M > /dev/null 2>&1
  grep -h "mean batch\|Batch" $O/silo.log | tail -3 > /dev/null
}
run co2 1 2
run co1 1 1
run sa2 0 2
cd $O; for f in perf-*.txt; do echo "== $f"; grep -E "concurrency [0-9]+:" $f; done > results.txt
for f in dmon-*.txt; do echo "== $f"; awk 'NR>2{s+=$2; n++} END{if(n) printf "mean sm %% %.1f over %d s\n", s/n, n}' $f; sed -n '3,40p' $f | awk '{print $2}' | tr '\n' ' '; echo; done >> results.txt
for f in top-*.txt; do echo "== $f"; cat $f; done >> results.txt
rm -f perf-*.txt dmon-*.txt top-*.txt; ls $O
