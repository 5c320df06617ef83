#!/usr/bin/env bash
# Issue 11 GPU run 4: model_warmup on CUDA (cold c1 with and without) and CUDA provider options (use_tf32 0 / 1 with HEURISTIC, kSameAsRequested);
# then the full-output ceiling (minilm-gpu, 196 KB per sequence, c256) over 1 and over 16 HTTP/2 connections
# (--connections: runs 1-3 put every stream on one connection, whose one reader and writer per side may be the ~800 MB/s cap).
set -u
O=${OUT:-/tmp/out}; G=/tmp/g; mkdir -p $O
for _ in $(seq 1 60); do [ -s $G/minilm.onnx ] && break; sleep 1; done
bash .gpu/kit/gpu-repo.sh $G/repo $G/minilm.onnx > /dev/null
python3 - <<'PY'
import json, os, shutil
repo = "/tmp/g/repo"
src = json.load(open(f"{repo}/minilm-pooled/config.json"))
zeros = {n: {"data_type": "TYPE_INT64", "dims": [128], "zero_data": True} for n in ("input_ids", "attention_mask", "token_type_ids")}
twins = {
  "minilm-pooled-warm": {"model_warmup": [{"name": "one", "batch_size": 1, "count": 3, "inputs": zeros},
                                         {"name": "full", "batch_size": 128, "count": 2, "inputs": zeros}]},
  "minilm-pooled-tf32-0": {"parameters": {"use_tf32": {"string_value": "0"}}},
  "minilm-pooled-tf32-1": {"parameters": {"use_tf32": {"string_value": "1"}, "cudnn_conv_algo_search": {"string_value": "HEURISTIC"},
                                          "arena_extend_strategy": {"string_value": "kSameAsRequested"}}},
}
for name, extra in twins.items():
    os.makedirs(f"{repo}/{name}/1", exist_ok=True)
    if not os.path.exists(f"{repo}/{name}/1/model.onnx"): os.symlink("/tmp/g/minilm.onnx", f"{repo}/{name}/1/model.onnx")
    c = dict(src); c["name"] = name; c.update(extra)
    json.dump(c, open(f"{repo}/{name}/config.json", "w"))
PY
export REPO=$G/repo COHOSTED=1 SILO_GC_SERVER=1
TOK="--shape input_ids:128 --shape attention_mask:128 --shape token_type_ids:128 --generated-int-max 2"
TAG=cold timeout 120 bash tools/gpu/device-run.sh --model minilm-pooled $TOK --no-baseline --concurrency 1,1,1 --warmup-seconds 0 --measure-seconds 2 > /dev/null 2>&1
TAG=warm timeout 60 bash tools/gpu/device-run.sh --model minilm-pooled-warm $TOK --no-baseline --concurrency 1,1,1 --warmup-seconds 0 --measure-seconds 2 > /dev/null 2>&1
TAG=tf32-0 timeout 60 bash tools/gpu/device-run.sh --model minilm-pooled-tf32-0 $TOK --no-baseline --concurrency 512 --warmup-seconds 4 --measure-seconds 8 > /dev/null 2>&1
TAG=tf32-1 timeout 60 bash tools/gpu/device-run.sh --model minilm-pooled-tf32-1 $TOK --no-baseline --concurrency 512 --warmup-seconds 4 --measure-seconds 8 > /dev/null 2>&1
TAG=full-conn1 timeout 90 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --no-baseline --concurrency 256 --connections 1 --warmup-seconds 4 --measure-seconds 8 > /dev/null 2>&1
TAG=full-conn16 timeout 90 bash tools/gpu/device-run.sh --model minilm-gpu $TOK --no-baseline --concurrency 256 --connections 16 --warmup-seconds 4 --measure-seconds 8 > /dev/null 2>&1
cd $O; for t in cold warm tf32-0 tf32-1 full-conn1 full-conn16; do echo "== $t"; grep -E "concurrency [0-9]+:" perf-$t.txt; awk 'NR>2{s+=$2; n++} END{if(n) printf "mean sm %% %.1f over %d s\n", s/n, n}' dmon-$t.txt; done > results.txt
grep -E "warmed up|activated|unavailable|CUDA|fail" silo.log >> results.txt; rm -f perf-*.txt dmon-*.txt; ls $O
