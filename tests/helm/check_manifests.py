"""Offline checks of the manifests `helm template` renders for one value set.

Usage: check_manifests.py CASE MANIFESTS.yaml
(CASE: default, gpu, azurite, devsecret, monitoring, runbooks, nomonitoring)

No cluster is needed: the checks read the YAML and assert the contracts the chart promises
(restricted security context, probes, Orleans labels and env, selectors that select something,
GPU resources, optional resources on or off, the Grafana dashboard ConfigMap and the
PrometheusRule carrying the chart's own dashboard and rules files). Prints one line per failure;
exit 1 on any.
"""
import json
import os
import sys

import yaml

RELEASE = "t"
PREFIX = "t-cluster"
STANDARD_LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance",
                   "app.kubernetes.io/managed-by", "helm.sh/chart")
SILO_ENV = ("POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID",
            "Cluster__Provider", "Cluster__ConnectionString", "Cluster__ClusterId",
            "Cluster__ServiceId", "Cluster__SiloPort", "Cluster__GatewayPort",
            "Cluster__Tls__CertificateFile", "Cluster__Tls__KeyFile", "Cluster__Tls__CaFile",
            "Storage__ConnectionString", "Silo__AdvertisedAddress", "Silo__MetricsListenAddress", "DOTNET_TC_CallCountingDelayMs", "Silo__MetricsPort", "Silo__Devices",
            "ModelRepository__Root", "OnnxRuntime__IntraOpThreads")
GATEWAY_ENV = ("DOTNET_TC_CallCountingDelayMs", "Gateway__Tls__ClientCertificates", "POD_NAME", "POD_NAMESPACE", "POD_IP", "Gateway__ListenAddress",
               "Gateway__HttpPort", "Gateway__GrpcPort", "Gateway__MetricsPort",
               "Gateway__MaxRequestBytes", "Cluster__Provider", "Cluster__ConnectionString",
               "Cluster__ClusterId", "Cluster__ServiceId", "Cluster__GatewayPort",
               "Cluster__Tls__CertificateFile", "Cluster__Tls__KeyFile", "Cluster__Tls__CaFile")

# What each value set must (and must not) render.
CASES = {
    "default": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret="cluster-storage",
                    kinds_absent=("ServiceMonitor", "HorizontalPodAutoscaler", "Certificate",
                                  "Secret", "PersistentVolumeClaim"), gateway_replicas=2,
                    counts={"NetworkPolicy": 2}),
    "gpu": dict(pools={"cpu": "cpu", "gpu": "cuda:0"}, gpus={"gpu": 1},
                storage_secret="cluster-storage", kinds_absent=("Secret", "PersistentVolumeClaim"),
                counts={"ServiceMonitor": 2, "NetworkPolicy": 2, "HorizontalPodAutoscaler": 1, "Certificate": 2},
                client_ca="hospital-client-ca",
                models_claim="model-repository", operator_secret="cluster-operator"),
    "azurite": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret=PREFIX + "-storage",
                    kinds_absent=("ServiceMonitor", "PodDisruptionBudget"), azurite=True,
                    gateway_replicas=1),
    "azureblob": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret="cluster-storage",
                      kinds_absent=("ServiceMonitor", "HorizontalPodAutoscaler", "Certificate",
                                    "Secret", "PersistentVolumeClaim"), gateway_replicas=2,
                      blob_container="models"),
    "devsecret": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret=PREFIX + "-storage",
                      secret_value="UseDevelopmentStorage=true", models_claim=PREFIX + "-models"),
    # Monitoring value sets (tests/helm/run.sh renders them with --set): the default set's
    # contracts plus the dashboard ConfigMap and the PrometheusRule as configured.
    "monitoring": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret="cluster-storage", gateway_replicas=2,
                       dashboard=dict(namespace="monitoring", label=("dashboards", "cluster"),
                                      annotations={"grafana_folder": "Serving"}),
                       rule=dict(labels={"release": "prometheus"}, runbook_base="")),
    "runbooks": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret="cluster-storage",
                     rule=dict(labels={}, runbook_base="https://git.example.org/serving/blob/main/")),
    "nomonitoring": dict(pools={"cpu": "cpu"}, gpus={}, storage_secret="cluster-storage",
                         dashboard=None, kinds_absent=("ConfigMap", "PrometheusRule")),
}
# Unless a case says otherwise: the dashboard ConfigMap in the release's namespace with the
# default sidecar label, and no PrometheusRule (metrics.prometheusRule.enabled is false).
DEFAULT_DASHBOARD = dict(namespace="serving", label=("grafana_dashboard", "1"), annotations=None)
CHART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "helm", "cluster")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def ident(doc):
    return f"{doc['kind']}/{doc['metadata']['name']}"


def containers(pod_spec):
    return pod_spec.get("initContainers", []) + pod_spec.get("containers", [])


def env_of(container):
    return {e["name"]: e for e in container.get("env", [])}


def subset(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def check_pod(name, meta, spec, long_running):
    psc = spec.get("securityContext", {})
    check(psc.get("runAsNonRoot") is True, f"{name}: pod securityContext.runAsNonRoot")
    check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{name}: seccomp RuntimeDefault")
    volumes = {v["name"] for v in spec.get("volumes", [])}
    for c in containers(spec):
        where = f"{name}/{c['name']}"
        sc = c.get("securityContext", {})
        check(sc.get("readOnlyRootFilesystem") is True, f"{where}: readOnlyRootFilesystem")
        check(sc.get("allowPrivilegeEscalation") is False, f"{where}: allowPrivilegeEscalation false")
        check("ALL" in sc.get("capabilities", {}).get("drop", []), f"{where}: capabilities drop ALL")
        check(c.get("resources", {}).get("requests"), f"{where}: resource requests")
        check(":" in c.get("image", ""), f"{where}: image has a tag")
        names = [e["name"] for e in c.get("env", [])]
        check(len(names) == len(set(names)), f"{where}: duplicate env names")
        for m in c.get("volumeMounts", []):
            check(m["name"] in volumes, f"{where}: mount {m['name']} has no volume")
        if long_running and c in spec["containers"]:
            check(any(m["mountPath"] == "/tmp" for m in c.get("volumeMounts", [])), f"{where}: /tmp emptyDir")
            ports = {p["name"] for p in c.get("ports", [])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if not check(probe in c, f"{where}: {probe}"):
                    continue
                action = c[probe].get("httpGet") or c[probe].get("tcpSocket") or {}
                check(action.get("port") in ports, f"{where}: {probe} port {action.get('port')} not a container port")


def check_monitoring(case, by_kind):
    """The dashboard ConfigMap and the PrometheusRule: present as configured, carrying the chart's files."""
    dashboard = case.get("dashboard", DEFAULT_DASHBOARD)
    maps = [m for m in by_kind.get("ConfigMap", []) if m["metadata"]["name"] == PREFIX + "-dashboard"]
    if dashboard is None:
        check(not maps, "dashboard ConfigMap rendered although disabled")
    elif check(len(maps) == 1, "one dashboard ConfigMap"):
        meta = maps[0]["metadata"]
        key, value = dashboard["label"]
        check(meta.get("namespace") == dashboard["namespace"], f"dashboard ConfigMap namespace {meta.get('namespace')}")
        check(meta["labels"].get(key) == value, f"dashboard ConfigMap label {key}: {value!r}")
        check(meta.get("annotations") == dashboard["annotations"], f"dashboard ConfigMap annotations {meta.get('annotations')}")
        with open(os.path.join(CHART, "dashboards", "cluster.json"), encoding="utf-8") as f:
            shipped = json.load(f)
        try:
            check(json.loads(maps[0]["data"]["cluster.json"]) == shipped, "dashboard ConfigMap holds dashboards/cluster.json")
        except (KeyError, ValueError) as e:
            check(False, f"dashboard ConfigMap cluster.json is no JSON: {e}")
    rule = case.get("rule")
    rules = by_kind.get("PrometheusRule", [])
    if rule is None:
        check(not rules, "PrometheusRule rendered although disabled")
        return
    if not check(len(rules) == 1, "one PrometheusRule"):
        return
    labels = rules[0]["metadata"]["labels"]
    for key, value in rule["labels"].items():
        check(labels.get(key) == value, f"PrometheusRule label {key}: {value!r}")
    with open(os.path.join(CHART, "alerts", "cluster-rules.yaml"), encoding="utf-8") as f:
        want = yaml.safe_load(f)
    for group in want["groups"]:
        for r in group["rules"]:
            if "runbook_url" in r.get("annotations", {}):
                r["annotations"]["runbook_url"] = rule["runbook_base"] + r["annotations"]["runbook_url"]
    check(rules[0]["spec"] == want, "PrometheusRule spec equals alerts/cluster-rules.yaml"
          + (f" with runbook URLs under {rule['runbook_base']}" if rule["runbook_base"] else ""))


def main(case_name, path):
    case = CASES[case_name]
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    ids = [ident(d) for d in docs]
    check(len(ids) == len(set(ids)), f"duplicate resources: {sorted(ids)}")
    for d in docs:
        labels = d["metadata"].get("labels", {})
        for key in STANDARD_LABELS:
            check(key in labels, f"{ident(d)}: label {key}")
        check(len(d["metadata"]["name"]) <= 63, f"{ident(d)}: name longer than 63")

    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    pod_labels = {}
    for name, d in deployments.items():
        tpl = d["spec"]["template"]
        pod_labels[name] = tpl["metadata"]["labels"]
        check(subset(d["spec"]["selector"]["matchLabels"], tpl["metadata"]["labels"]),
              f"{name}: selector does not select its own pods")
        check_pod(name, tpl["metadata"], tpl["spec"], long_running=True)

    # Silo pools: Orleans contract, devices, GPUs, model repository.
    silos = {n[len(PREFIX + "-silo-"):]: d for n, d in deployments.items() if n.startswith(PREFIX + "-silo-")}
    check(set(silos) == set(case["pools"]), f"silo pools {sorted(silos)} != {sorted(case['pools'])}")
    for pool, d in silos.items():
        tpl = d["spec"]["template"]
        labels = tpl["metadata"]["labels"]
        check(labels.get("orleans/serviceId") == "model-serving", f"silo {pool}: label orleans/serviceId")
        check(labels.get("orleans/clusterId") == PREFIX, f"silo {pool}: label orleans/clusterId")
        silo = tpl["spec"]["containers"][0]
        env = env_of(silo)
        for key in SILO_ENV:
            check(key in env, f"silo {pool}: env {key}")
        check(env.get("Cluster__Provider", {}).get("value") == "AzureTable", f"silo {pool}: AzureTable provider")
        check(env.get("ORLEANS_CLUSTER_ID", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
              == "metadata.labels['orleans/clusterId']", f"silo {pool}: ORLEANS_CLUSTER_ID from the downward API")
        check(env.get("Silo__Devices", {}).get("value") == case["pools"].get(pool), f"silo {pool}: Silo__Devices")
        for key in ("Cluster__ConnectionString", "Storage__ConnectionString"):
            secret = env.get(key, {}).get("valueFrom", {}).get("secretKeyRef", {})
            check(secret.get("name") == case["storage_secret"], f"silo {pool}: {key} from Secret {secret}")
        # Images (docs/images.md): CPU pools the CPU silo, GPU pools the CUDA silo, the init
        # container the pool's own image; tagged with the chart's appVersion.
        app_version = d["metadata"]["labels"]["app.kubernetes.io/version"]
        want_image = f"cluster-silo{'-cuda' if case['gpus'].get(pool) else ''}:{app_version}"
        for c in containers(tpl["spec"]):
            check(c["image"] == want_image, f"silo {pool}/{c['name']}: image {c['image']} != {want_image}")
        # Rollout: one silo at a time; CPU pools surge one, GPU pools (no spare GPU) stop one first.
        rolling = d["spec"]["strategy"]["rollingUpdate"]
        want_rolling = {"maxSurge": 0, "maxUnavailable": 1} if case["gpus"].get(pool) else {"maxSurge": 1, "maxUnavailable": 0}
        check(rolling == want_rolling, f"silo {pool}: rollingUpdate {rolling} != {want_rolling}")
        check(d["spec"].get("minReadySeconds", 0) > 0, f"silo {pool}: minReadySeconds")
        check({p["containerPort"] for p in silo["ports"]} == {11111, 30000, 9102}, f"silo {pool}: ports")
        root = env.get("ModelRepository__Root", {}).get("value")
        check(any(m["mountPath"] == root for m in silo["volumeMounts"]), f"silo {pool}: model repository mounted")
        limits = silo["resources"].get("limits", {})
        want = case["gpus"].get(pool)
        check(limits.get("nvidia.com/gpu") == want, f"silo {pool}: nvidia.com/gpu {limits.get('nvidia.com/gpu')} != {want}")
        if want:
            check({"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"} in tpl["spec"].get("tolerations", []),
                  f"silo {pool}: tolerates the nvidia.com/gpu NoSchedule taint")
            check(tpl["spec"].get("nodeSelector", {}).get("nvidia.com/gpu.present") == "true", f"silo {pool}: GPU nodeSelector")
        models = next(v for v in tpl["spec"]["volumes"] if v["name"] == "models")
        if "blob_container" in case:
            check("emptyDir" in models and not tpl["spec"].get("initContainers"), f"silo {pool}: emptyDir cache, no init container")
            check(env.get("ModelRepository__Source", {}).get("value") == "AzureBlob", f"silo {pool}: ModelRepository__Source")
            check(env.get("ModelRepository__Blob__Container", {}).get("value") == case["blob_container"], f"silo {pool}: container")
            check(env.get("ModelRepository__Blob__CacheFolder", {}).get("value") == root, f"silo {pool}: cache folder is the mount")
        elif "models_claim" in case:
            check(models.get("persistentVolumeClaim", {}).get("claimName") == case["models_claim"],
                  f"silo {pool}: models claim")
        else:
            check("emptyDir" in models and tpl["spec"].get("initContainers"), f"silo {pool}: emptyDir + init container")

    # Gateway.
    gateway = deployments.get(PREFIX + "-gateway")
    if check(gateway, "gateway Deployment"):
        spec = gateway["spec"]
        c = spec["template"]["spec"]["containers"][0]
        env = env_of(c)
        for key in GATEWAY_ENV:
            check(key in env, f"gateway: env {key}")
        check(env.get("Gateway__ListenAddress", {}).get("value") == "0.0.0.0", "gateway: listens on 0.0.0.0")
        check({p["containerPort"] for p in c["ports"]} == {8000, 8001, 8002}, "gateway: ports")
        check(c["image"] == f"cluster-gateway:{gateway['metadata']['labels']['app.kubernetes.io/version']}", f"gateway: image {c['image']}")
        check(spec["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0},
              f"gateway: rollingUpdate {spec['strategy']['rollingUpdate']} (capacity never drops)")
        check(c["livenessProbe"]["httpGet"]["path"] == "/healthz", "gateway: liveness /healthz")
        check(c["readinessProbe"]["httpGet"]["path"] == "/readyz", "gateway: readiness /readyz")
        # TLS always: certificate files from the mounted Secret, HTTPS probes, never plain text.
        check(env.get("Gateway__Tls__CertificateFile", {}).get("value") == "/etc/cluster/tls/tls.crt", "gateway: TLS certificate file")
        check(env.get("Gateway__Tls__KeyFile", {}).get("value") == "/etc/cluster/tls/tls.key", "gateway: TLS key file")
        check("Gateway__Plaintext" not in env, "gateway: never plain text")
        grace = spec["template"]["spec"]["terminationGracePeriodSeconds"]
        h, m, sec = (int(x) for x in env.get("Gateway__ShutdownTimeout", {}).get("value", "0:0:0").split(":"))
        pre_stop = c.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
        check(pre_stop == 5, f"gateway: preStop sleeps 5 s while endpoints stop routing to it ({pre_stop})")
        check(h * 3600 + m * 60 + sec == grace - pre_stop - 5,
              "gateway: shutdown timeout fits the grace period after the preStop sleep, with 5 s to spare")
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            check(c[probe]["httpGet"].get("scheme") == "HTTPS", f"gateway: {probe} over HTTPS")
        if "client_ca" in case:
            check(env.get("Gateway__Tls__ClientCertificates", {}).get("value") == "Require", "gateway: mutual TLS required")
            check(env.get("Gateway__Tls__ClientCaFile", {}).get("value") == "/etc/cluster/client-ca/ca.crt", "gateway: client CA file")
            ca = [v for v in spec["template"]["spec"]["volumes"] if v["name"] == "client-ca"]
            check(ca and ca[0]["secret"]["secretName"] == case["client_ca"], "gateway: client CA volume")
        for cert in by_kind.get("Certificate", []):
            if cert["metadata"]["name"] == PREFIX + "-orleans":
                check(cert["spec"]["secretName"] == PREFIX + "-orleans-tls", "Certificate writes the Orleans member Secret")
                check(set(cert["spec"]["usages"]) == {"server auth", "client auth"}, "Orleans member Certificate: server and client auth")
                continue
            check(cert["spec"]["secretName"] == PREFIX + "-gateway-tls", "Certificate writes the gateway's TLS Secret")
            check(PREFIX + "-gateway" in cert["spec"]["dnsNames"], "Certificate names the gateway Service")
        tls = [v for v in spec["template"]["spec"]["volumes"] if v["name"] == "tls"]
        want_secret = case.get("gateway_tls_secret", PREFIX + "-gateway-tls")
        check(tls and tls[0]["secret"]["secretName"] == want_secret, f"gateway: TLS volume from Secret {want_secret}")
        if "gateway_replicas" in case:
            check(spec.get("replicas") == case["gateway_replicas"], "gateway: replicas")
        if by_kind.get("HorizontalPodAutoscaler"):
            check("replicas" not in spec, "gateway: replicas left to the HPA")
            target = by_kind["HorizontalPodAutoscaler"][0]["spec"]["scaleTargetRef"]["name"]
            check(target == PREFIX + "-gateway", "HPA targets the gateway")
        if "operator_secret" in case:
            ref = env.get("Auth__OperatorKey", {}).get("valueFrom", {}).get("secretKeyRef", {})
            check(ref.get("name") == case["operator_secret"], "gateway: operator key from its Secret")

    # Orleans mutual TLS: every silo and gateway pod mounts the member Secret.
    for name, d in deployments.items():
        if name.endswith("-azurite"):
            continue
        vols = {v["name"]: v for v in d["spec"]["template"]["spec"]["volumes"]}
        check(vols.get("orleans-tls", {}).get("secret", {}).get("secretName") == PREFIX + "-orleans-tls",
              f"{name}: Orleans member certificate volume")

    # Services, PDBs and ServiceMonitors select something real.
    services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
    for name, s in services.items():
        matched = [n for n, labels in pod_labels.items() if subset(s["spec"]["selector"], labels)]
        if check(matched, f"Service/{name}: selects no pods"):
            pod = deployments[matched[0]]["spec"]["template"]["spec"]
            ports = {p["name"] for c in pod["containers"] for p in c.get("ports", [])}
            for p in s["spec"]["ports"]:
                check(p["targetPort"] in ports, f"Service/{name}: targetPort {p['targetPort']} missing")
    for pdb in by_kind.get("PodDisruptionBudget", []):
        check(any(subset(pdb["spec"]["selector"]["matchLabels"], l) for l in pod_labels.values()),
              f"{ident(pdb)}: selects no pods")
    for sm in by_kind.get("ServiceMonitor", []):
        sel = sm["spec"]["selector"]["matchLabels"]
        hits = [s for s in services.values() if subset(sel, s["metadata"]["labels"])]
        check(hits and all(any(p["name"] == "metrics" for p in s["spec"]["ports"]) for s in hits),
              f"{ident(sm)}: selects no Service with a metrics port")

    # Secrets: chart-made ones carry the right connection string.
    secrets = {s["metadata"]["name"]: s for s in by_kind.get("Secret", [])}
    if case["storage_secret"].startswith(PREFIX):
        data = secrets.get(case["storage_secret"], {}).get("stringData", {}).get("connectionString", "")
        want = case.get("secret_value") or f"TableEndpoint=http://{PREFIX}-azurite:10002/devstoreaccount1"
        check(want in data, f"storage Secret holds {want!r}")
        for d in silos.values():
            check("checksum/storage" in d["spec"]["template"]["metadata"].get("annotations", {}),
                  "silo pods roll when the storage Secret changes")
    claims = {c["metadata"]["name"]: c for c in by_kind.get("PersistentVolumeClaim", [])}
    if case.get("models_claim", "").startswith(PREFIX):
        claim = claims.get(case["models_claim"], {})
        check(claim.get("metadata", {}).get("annotations", {}).get("helm.sh/resource-policy") == "keep",
              "model repository PVC is created and kept on uninstall")
    if case.get("azurite"):
        az = services.get(PREFIX + "-azurite")
        check(az and {p["port"] for p in az["spec"]["ports"]} == {10000, 10002}, "azurite Service 10000/10002")
    else:
        check(PREFIX + "-azurite" not in deployments, "no Azurite unless enabled")

    for kind in case.get("kinds_absent", ()):
        check(kind not in by_kind, f"unexpected {kind}")
    for kind, n in case.get("counts", {}).items():
        check(len(by_kind.get(kind, [])) == n, f"{n} x {kind}, got {len(by_kind.get(kind, []))}")

    # helm test pod.
    tests = [p for p in by_kind.get("Pod", []) if p["metadata"].get("annotations", {}).get("helm.sh/hook") == "test"]
    if check(len(tests) == 1, "one helm test Pod"):
        check_pod(ident(tests[0]), tests[0]["metadata"], tests[0]["spec"], long_running=False)
        args = " ".join(tests[0]["spec"]["containers"][0].get("args", []))
        check(f"https://{PREFIX}-gateway:8000/v2/health/ready" in args, "helm test curls /v2/health/ready over TLS")

    check_monitoring(case, by_kind)

    for message in failures:
        print(f"  {case_name}: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
