#!/usr/bin/env bash
# Cold-start latency of breast-cancer-risk at concurrency 1 through a co-hosted silo: four 3 s
# windows with no warm-up, right after the silo reports ready (issue 11, docs/performance.md).
# usage: [SILO_ENV="DOTNET_X=1 ..."] cold-start.sh SILO_DIR LABEL  (SILO_ENV: runtime settings for the silo only; SILO_DIR: silo/Cluster.Silo/bin/Release/net10.0, or a
# ReadyToRun publish: dotnet publish silo/Cluster.Silo -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o DIR)
set -u
D=$1; L=$2; R=$(cd "$(dirname "$0")/../../.." && pwd); W=$R/.local/cold/$L; rm -rf $W; mkdir -p $W
A=$($R/tools/scripts/install-azurite.sh)
$A/azurite-table --tableHost 127.0.0.1 --tablePort 10042 --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry > $W/az.log 2>&1 &
az=$!; sleep 2
echo "hso_$(head -c 8 /dev/urandom | base32 | tr -d = | tr A-Z a-z | cut -c1-12)_$(head -c 32 /dev/urandom | base32 -w0 | tr -d = | tr A-Z a-z)" > $W/op.key
st="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10042/devstoreaccount1;"
(cd $D && Silo__HostGateway=true Gateway__Plaintext=true Auth__OperatorKeyFile=$W/op.key ModelRepository__Root=$R/models Storage__ConnectionString="$st" Silo__MetricsPort=0 \
  Gateway__HttpPort=8300 Gateway__GrpcPort=8301 Gateway__MetricsPort=8302 Cluster__SiloPort=11311 Cluster__GatewayPort=30311 exec env ${SILO_ENV:-} dotnet Cluster.Silo.dll) > $W/silo.log 2>&1 &
silo=$!
t0=$(date +%s.%N)
for _ in $(seq 1 240); do curl -fs -o /dev/null http://127.0.0.1:8300/v2/health/ready && break; sleep 0.25; done
t1=$(date +%s.%N); echo "$L ready after $(echo "$t1 - $t0" | bc) s"
ctl() { dotnet $R/client/Cluster.Ctl/bin/Release/net10.0/clusterctl.dll --endpoint http://127.0.0.1:8301 --key-file $W/op.key "$@"; }
ctl tenant create cold --name Cold > /dev/null
ctl model lifecycle breast-cancer-risk 1 Approved > /dev/null && ctl model approve breast-cancer-risk 1 --tenant cold > /dev/null
ctl policy set cold --model breast-cancer-risk:latest --purpose TREAT --default-purpose TREAT > /dev/null
ctl key issue cold --name bench | tail -1 > $W/cold.key
dotnet $R/tools/Cluster.PerfAnalyzer/bin/Release/net10.0/Cluster.PerfAnalyzer.dll --endpoint http://127.0.0.1:8301 --model breast-cancer-risk --key-file $W/cold.key \
  --purpose-of-use TREAT --data $R/data/wisconsin-breast-cancer/breast_cancer.csv --concurrency 1,1,1,1 --warmup-seconds 0 --measure-seconds 3 --no-baseline 2>&1 | grep "concurrency 1:"
kill $silo; wait $silo 2>/dev/null; kill $az; wait $az 2>/dev/null
