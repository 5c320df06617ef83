#!/usr/bin/env bash
# Issue 11 GPU measurements, co-hosted silo+gateway; run from the checkout root on the device.
set -u
O=${OUT:-/tmp/out}; mkdir -p $O
for _ in $(seq 1 60); do [ -s /tmp/g/minilm.onnx ] && break; sleep 1; done
bash .gpu/kit/gpu-repo.sh /tmp/g/repo /tmp/g/minilm.onnx
export REPO=/tmp/g/repo COHOSTED=1
TOK="--shape input_ids:128 --shape attention_mask:128 --shape token_type_ids:128 --generated-int-max 2"
M="--warmup-seconds 4 --measure-seconds 8"
TAG=full timeout 200 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --no-baseline --concurrency 64,256 $M --json $O/full.json
(sleep 6; top -b -n1 -w 200 | head -15 > $O/top.txt) &
TAG=pooled timeout 120 bash tools/gpu/device-run.sh --model minilm-pooled $TOK --no-baseline --concurrency 256,512 $M --json $O/pooled.json
TAG=base timeout 150 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --baseline-only --baseline-device cuda:0 --baseline-batch-sizes 64,128,256 --baseline-batch-callers 2 --concurrency 1 --warmup-seconds 3 --measure-seconds 6
cd $O; for t in full pooled base; do echo "== $t"; cat perf-$t.txt; echo "== dmon $t"; cat dmon-$t.txt; done > results.txt 2>&1; rm -f perf-*.txt dmon-*.txt
ls -la $O
