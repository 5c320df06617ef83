#!/usr/bin/env bash
# A/B on one machine: the build before the journal (a git worktree of 110e792 at /tmp/old, built with
# dotnet build -c Release tools/Cluster.BenchHost, .local/tools linked from the checkout) against this
# checkout, alternating, three pairs; results in .local/scale/ab-{old,new}-N.{json,log} and ab.out.
for i in 1 2 3; do
  for side in old new; do
    root=/work/main; [ $side = old ] && root=/tmp/old
    cd $root
    dotnet tools/Cluster.BenchHost/bin/Release/net10.0/Cluster.BenchHost.dll --compare scale --tenants 1000 --model-copies 50 \
      --run-perf --data data/wisconsin-breast-cancer/breast_cancer.csv --purpose-of-use TREAT --concurrency 16 \
      --warmup-seconds 10 --measure-seconds 48 --rounds 4 --json /work/main/.local/scale/ab-$side-$i.json > /work/main/.local/scale/ab-$side-$i.log 2>&1
    echo "$side $i $(grep -A1 'thr ratio' /work/main/.local/scale/ab-$side-$i.log | tail -1)" >> /work/main/.local/scale/ab.out
  done
done
