#!/usr/bin/env bash
# The runs of docs/benchmarks/issue11/r5: ROOT is the checkout whose Release bench host runs (a worktree of an older commit for the "before" rows).
# usage: cmp.sh LABEL ROOT MODEL CONC [extra]; runs the bench host of ROOT against bare
L=$1; ROOT=$2; MODEL=$3; C=$4; shift 4
cd "$(git rev-parse --show-toplevel)"
H=$ROOT/tools/Cluster.BenchHost/bin/Release/net10.0/Cluster.BenchHost.dll
TOK="--shape input_ids:128 --shape attention_mask:128 --shape token_type_ids:128 --generated-int-max 2"
[ "$MODEL" = breast-cancer-risk ] && TOK="--data data/wisconsin-breast-cancer/breast_cancer.csv"
rm -f .local/azurite/__azurite_db_table__.json
BENCH_AZURITE_IN_MEMORY=1 dotnet $H --co-hosted --models .local/bench/models --model $MODEL --compare bare --run-perf $TOK --warmup-seconds ${W:-30} --measure-seconds ${M:-24} --rounds ${R:-4} --purpose-of-use TREAT --concurrency $C --no-baseline --json ${OUT:-.local/bench}/$L.json --markdown ${OUT:-.local/bench}/$L.md "$@" > ${OUT:-.local/bench}/$L.log 2>&1
python3 - ${OUT:-.local/bench}/$L.json <<'PY'
import json,sys
d=json.load(open(sys.argv[1]))
for r in d['results']:
    c=r['concurrency']; a=r['cluster']; b=r.get('compare') or {}
    def p50(x): 
        l=x.get('latency',{}); return l.get('p50Ms') or l.get('p50') or l.get('P50Ms')
    print(c, 'cluster', a.get('requests'), 'bare', b.get('requests'), 'p50', p50(a), p50(b))
PY
grep -E "^\| [0-9]+ \| (cluster|storage|bare|load|all) \|" ${OUT:-.local/bench}/$L.md | tail -10
