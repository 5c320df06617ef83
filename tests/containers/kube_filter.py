#!/usr/bin/env python3
"""Turns `helm template` output into what podman 4.3's `kube play` can run (tests/containers/run.sh).

Keeps the Deployments (silo pools and gateway) and changes only what that podman cannot play,
printing each change on stderr so the test log says exactly what was not exercised:
  - drops every other kind (Services, NetworkPolicies, PDBs, ServiceMonitors...: kube play
    implements none of them);
  - drops `ports:` (kube play publishes them on the host; the test reaches pods on the podman
    network instead) and the startup/liveness/readiness probes (kube play turns them into
    healthchecks that need systemd timers; the test checks /readyz itself);
  - drops env entries read from `status.podIP` (unsupported; without Silo__AdvertisedAddress the
    silo advertises its first non-loopback address, the pod's) and writes `metadata.namespace`
    (unsupported) as the literal namespace;
  - sets restartPolicy OnFailure (with Always, podman 4.3 restarts a finished init container
    in a loop) and `optional: false` on Secret volumes (podman 4.3 dereferences it unset);
  - with --replicas N, plays N pods per Deployment at most (the test runs one of each);
  - with --probes FILE, writes the dropped probes there, one a line, so the test can run them
    against the played pods itself: DEPLOYMENT CONTAINER PROBE tcp PORT, or
    DEPLOYMENT CONTAINER PROBE http|https PORT PATH (named ports resolved to numbers).
Usage: kube_filter.py [--replicas N] [--probes FILE] < rendered.yaml > play.yaml
"""
import sys

import yaml


def note(message):
    print(f"kube_filter: {message}", file=sys.stderr)


def probe_line(name, container, kind, probe, ports):
    """The probe as one line of the --probes file."""
    def number(port):
        return port if isinstance(port, int) else ports[port]
    if "tcpSocket" in probe:
        return f"{name} {container} {kind} tcp {number(probe['tcpSocket']['port'])}"
    action = probe["httpGet"]
    return f"{name} {container} {kind} {action.get('scheme', 'HTTP').lower()} {number(action['port'])} {action.get('path', '/')}"


def filter_pod(name, namespace, spec, probes):
    if spec.get("restartPolicy", "Always") == "Always":
        spec["restartPolicy"] = "OnFailure"
    for container in spec.get("initContainers", []) + spec.get("containers", []):
        where = f"{name}/{container['name']}"
        ports = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
        if container.pop("ports", None):
            note(f"{where}: dropped ports")
        for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
            probe = container.pop(kind, None)
            if probe:
                probes.append(probe_line(name, container["name"], kind, probe, ports))
                note(f"{where}: dropped {kind}")
        kept = []
        for entry in container.get("env", []):
            field = entry.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
            if field == "status.podIP":
                note(f"{where}: dropped env {entry['name']} (status.podIP)")
                continue
            if field == "metadata.namespace":
                entry = {"name": entry["name"], "value": namespace}
                note(f"{where}: env {entry['name']} set to the namespace (metadata.namespace)")
            kept.append(entry)
        container["env"] = kept
    for volume in spec.get("volumes", []):
        if "secret" in volume:
            volume["secret"].setdefault("optional", False)


def main():
    replicas = int(sys.argv[sys.argv.index("--replicas") + 1]) if "--replicas" in sys.argv else None
    probes_file = sys.argv[sys.argv.index("--probes") + 1] if "--probes" in sys.argv else None
    out, probes = [], []
    for doc in yaml.safe_load_all(sys.stdin):
        if not doc:
            continue
        kind, name = doc.get("kind"), doc.get("metadata", {}).get("name")
        if kind != "Deployment":
            note(f"dropped {kind} {name}")
            continue
        if replicas is not None and doc["spec"].get("replicas", 1) > replicas:
            doc["spec"]["replicas"] = replicas
        filter_pod(name, doc["metadata"].get("namespace", "default"), doc["spec"]["template"]["spec"], probes)
        out.append(doc)
    if not out:
        sys.exit("kube_filter: no Deployment in the input")
    yaml.safe_dump_all(out, sys.stdout, sort_keys=False)
    if probes_file:
        with open(probes_file, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in probes)


if __name__ == "__main__":
    main()
