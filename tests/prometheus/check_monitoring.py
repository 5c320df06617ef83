"""Checks of the chart's alerting rules and Grafana dashboard that promtool alone does not make.

Usage: check_monitoring.py COMMAND ROOT [ARG]   (ROOT: the repository)
  known                 print the metric names the code exports (what every expression may use)
  rules                 alerts: severity, summary/description/runbook_url, runbook anchors in
                        docs/operations.md, known metric names, and in tests/prometheus/rules.test.yaml
                        at least one evaluation where the alert fires and one where it stays silent
  dashboard OUT.yaml    dashboard: Grafana structure (datasource variable, panels on ${datasource}),
                        known metric names, the metrics it promises, every panel in docs/operations.md;
                        writes every expression as a recording rule to OUT.yaml for `promtool check rules`
  mutants OUTDIR        for each alert, a copy of the rules and tests with the alert never firing
                        (and one without its `for`), for run.sh to prove the tests then fail
  queries PROM_URL      e2e: run every dashboard query against a live Prometheus; none may fail and
                        the panels the local cluster feeds must return series
Prints one line per failure; exit 1 on any.
"""
import json
import os
import re
import sys
import time
import urllib.parse
import urllib.request

import yaml

RULES = "helm/cluster/alerts/cluster-rules.yaml"
TESTS = "tests/prometheus/rules.test.yaml"
DASHBOARD = "helm/cluster/dashboards/cluster.json"
OPERATIONS = "docs/operations.md"
# Not created in this repository's code: Prometheus' own `up`. (The GPU series, nv_gpu_*, are
# created by the silos' GpuMetrics, grains/Cluster.Grains/Devices/Telemetry/.)
EXTERNAL = {"up"}
# Metrics the dashboard promises to show (docs/operations.md, "Dashboard").
DASHBOARD_COVERS = {
    "nv_inference_request_success", "nv_inference_request_failure", "nv_inference_pending_request_count",
    "nv_inference_count", "nv_inference_exec_count", "nv_inference_request_duration_us",
    "nv_inference_queue_duration_us", "nv_inference_compute_input_duration_us",
    "nv_inference_compute_infer_duration_us", "nv_inference_compute_output_duration_us",
    "cluster_inference_request_duration_seconds_bucket", "cluster_shard_batch_size_sum",
    "cluster_tenant_requests_admitted_total", "cluster_tenant_requests_rejected_total",
    "cluster_tenant_inference_units_total", "cluster_tenant_quota_remaining_units",
    "cluster_gateway_audit_records_buffered", "cluster_gateway_usage_batches_pending",
    "cluster_gateway_flush_failures_total", "cluster_gateway_audit_records_dropped_total",
    "nv_gpu_utilization", "nv_gpu_memory_used_bytes", "nv_gpu_memory_total_bytes"}
# e2e: panels the local cluster (CPU, a few good and bad calls by tenant demo) must fill.
PANELS_WITH_DATA = {
    "Requests per second", "Success ratio", "Requests in flight", "Errors by reason", "Inferences per second",
    "Latency percentiles (p50, p95, p99)", "Queue and compute time per request", "Batch size",
    "Shard executions per second", "Admitted requests per tenant", "Inference units per tenant",
    "Refusals per tenant and reason", "Units in the selected time range", "Audit records buffered",
    "Usage batches pending"}
# Grafana's variables, as the checks substitute them.
VARIABLES = {"$__rate_interval": "5m", "$__range": "5m", "$namespace": ".*", "$model": ".*", "$tenant": ".*"}
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "bool", "offset", "inf", "nan"}
SEVERITIES = {"critical", "warning", "info"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def known_metrics(root):
    """Names the C# code creates (prometheus-net), with a histogram's series, plus EXTERNAL."""
    names = set(EXTERNAL)
    pattern = re.compile(r'Create(Counter|Gauge|Histogram|Summary)\(\s*"([a-zA-Z_:][a-zA-Z0-9_:]*)"')
    for top in ("gateway", "grains", "silo"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [d for d in dirs if d not in ("bin", "obj")]
            for name in files:
                if name.endswith(".cs"):
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        for kind, metric in pattern.findall(f.read()):
                            names.add(metric)
                            if kind in ("Histogram", "Summary"):
                                names.update({metric + "_sum", metric + "_count"})
                            if kind == "Histogram":
                                names.add(metric + "_bucket")
    return names


def substitute(expr):
    for name, value in VARIABLES.items():
        expr = expr.replace(name, value)
    return expr


def metric_names(expr):
    """Metric names in a PromQL expression: identifiers that are no function, keyword or label."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', substitute(expr))
    e = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    e = re.sub(r"\b\d+(\.\d+)?([eE][+-]?\d+)?(ms|s|m|h|d|w|y)?\b", " ", e)
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        if not e[m.end():].lstrip().startswith("(") and m.group(0).lower() not in KEYWORDS:
            names.add(m.group(0))
    return names


def slug(heading):
    """GitHub's anchor of a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(root):
    return {slug(h) for h in re.findall(r"^#+\s+(.*)$", read(root, OPERATIONS), re.MULTILINE)}


def alerts(root):
    return [r for g in yaml.safe_load(read(root, RULES))["groups"] for r in g["rules"] if "alert" in r]


def check_rules(root):
    known, docs = known_metrics(root), anchors(root)
    rules = alerts(root)
    names = [r["alert"] for r in rules]
    check(len(names) == len(set(names)), f"{RULES}: alert names repeat")
    for r in rules:
        name = r["alert"]
        check(r.get("labels", {}).get("severity") in SEVERITIES, f"{name}: severity not one of {sorted(SEVERITIES)}")
        notes = r.get("annotations", {})
        for key in ("summary", "description", "runbook_url"):
            check(notes.get(key), f"{name}: no {key} annotation")
        url = notes.get("runbook_url", "")
        check(url == f"{OPERATIONS}#{name.lower()}", f"{name}: runbook_url {url!r} is not {OPERATIONS}#{name.lower()}")
        check(name.lower() in docs, f"{name}: no heading '{name}' in {OPERATIONS}")
        for metric in sorted(metric_names(r["expr"]) - known):
            failures.append(f"{name}: metric {metric} is not exported by the code")
    fires, silent = set(), set()
    for test in yaml.safe_load(read(root, TESTS))["tests"]:
        for t in test.get("alert_rule_test", []):
            (fires if t.get("exp_alerts") else silent).add(t["alertname"])
    for name in names:
        check(name in fires, f"{TESTS}: no evaluation where {name} fires")
        check(name in silent, f"{TESTS}: no evaluation where {name} stays silent (exp_alerts: [])")
    for name in sorted((fires | silent) - set(names)):
        failures.append(f"{TESTS}: tests alert {name}, which the rules do not define")


def panels(dashboard):
    for p in dashboard.get("panels", []):
        yield p
        yield from p.get("panels", [])


def check_dashboard(root, out):
    known = known_metrics(root)
    try:
        d = json.loads(read(root, DASHBOARD))
    except ValueError as e:
        failures.append(f"{DASHBOARD}: not JSON: {e}")
        return
    for key in ("uid", "title", "schemaVersion", "panels", "templating"):
        check(key in d, f"{DASHBOARD}: no {key}")
    variables = {v["name"]: v for v in d.get("templating", {}).get("list", [])}
    ds = variables.get("datasource", {})
    check(ds.get("type") == "datasource" and ds.get("query") == "prometheus",
          "variable datasource: not a datasource variable of type prometheus")
    for name in ("namespace", "model", "tenant"):
        v = variables.get(name, {})
        check(v.get("type") == "query" and v.get("datasource", {}).get("uid") == "${datasource}",
              f"variable {name}: not a query on ${{datasource}}")
        m = re.match(r"label_values\(([a-zA-Z_:][a-zA-Z0-9_:]*)", v.get("query", ""))
        check(m and m.group(1) in known, f"variable {name}: label_values of no exported metric")
    docs = read(root, OPERATIONS)
    ids, used, exprs = set(), set(), []
    for p in panels(d):
        title = p.get("title", "")
        check(p.get("id") not in ids, f"panel {title!r}: id {p.get('id')} repeats")
        ids.add(p.get("id"))
        pos = p.get("gridPos", {})
        check(pos.get("x", 0) + pos.get("w", 0) <= 24 and pos.get("h"), f"panel {title!r}: gridPos {pos}")
        if p.get("type") == "row":
            continue
        check(f"**{title}**" in docs, f"panel {title!r}: not described in {OPERATIONS} (as **{title}**)")
        check(p.get("datasource", {}).get("uid") == "${datasource}", f"panel {title!r}: datasource is not ${{datasource}}")
        targets = p.get("targets", [])
        check(targets, f"panel {title!r}: no targets")
        check(len({t.get("refId") for t in targets}) == len(targets), f"panel {title!r}: refIds repeat")
        for t in targets:
            check(t.get("datasource", {}).get("uid") == "${datasource}", f"panel {title!r} {t.get('refId')}: datasource")
            expr = t.get("expr", "")
            if not check(expr, f"panel {title!r} {t.get('refId')}: no expr"):
                continue
            names = metric_names(expr)
            used |= names
            for metric in sorted(names - known):
                failures.append(f"panel {title!r}: metric {metric} is not exported by the code")
            exprs.append((f"{title} {t['refId']}", substitute(expr)))
    for metric in sorted(DASHBOARD_COVERS - used):
        failures.append(f"{DASHBOARD}: shows no panel of {metric}")
    rules = [{"record": f"dashboard:expr_{i}", "expr": e} for i, (_, e) in enumerate(exprs)]
    with open(out, "w", encoding="utf-8") as f:
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, f, sort_keys=False)


def write_mutants(root, outdir):
    """OUTDIR/<alert>-never (expr never true) and OUTDIR/<alert>-nofor (no `for`), each with rules.yaml and test.yaml."""
    base = yaml.safe_load(read(root, RULES))
    tests = yaml.safe_load(read(root, TESTS))
    for name in [r["alert"] for r in alerts(root)]:
        for kind in ("never", "nofor"):
            doc = yaml.safe_load(yaml.safe_dump(base))
            rule = next(r for g in doc["groups"] for r in g["rules"] if r.get("alert") == name)
            if kind == "never":
                rule["expr"] = "vector(1) < 0"
            elif rule.pop("for", None) is None:
                continue
            folder = os.path.join(outdir, f"{name}-{kind}")
            os.makedirs(folder)
            with open(os.path.join(folder, "rules.yaml"), "w", encoding="utf-8") as f:
                yaml.safe_dump(doc, f, sort_keys=False)
            with open(os.path.join(folder, "test.yaml"), "w", encoding="utf-8") as f:
                yaml.safe_dump(dict(tests, rule_files=["rules.yaml"]), f, sort_keys=False)
            print(folder)


def query(url, expr):
    with urllib.request.urlopen(f"{url}/api/v1/query?" + urllib.parse.urlencode({"query": expr}), timeout=10) as r:
        return json.load(r)


def query_panels(root, url):
    """(failures, lines): every dashboard query once against url."""
    found, lines = [], []
    for p in panels(json.loads(read(root, DASHBOARD))):
        if p.get("type") == "row":
            continue
        series = 0
        for t in p.get("targets", []):
            try:
                answer = query(url, substitute(t["expr"]))
            except Exception as e:  # urllib raises HTTPError (400 on a bad query) and URLError
                found.append(f"panel {p['title']!r} {t['refId']}: query failed: {e}")
                continue
            if answer.get("status") == "success":
                series += len(answer["data"]["result"])
            else:
                found.append(f"panel {p['title']!r} {t['refId']}: {answer.get('error')}")
        if p["title"] in PANELS_WITH_DATA and series == 0:
            found.append(f"panel {p['title']!r}: no series from the local cluster")
        lines.append(f"  {p['title']}: {series} series")
    return found, lines


def check_queries(root, url, timeout=60):
    """Retries until every query answers and the fed panels have series (a rate needs two scrapes)."""
    deadline = time.monotonic() + timeout
    while True:
        found, lines = query_panels(root, url)
        if not found or time.monotonic() > deadline:
            break
        time.sleep(2)
    print("\n".join(lines))
    failures.extend(found)


def main(command, root, arg=None):
    if command == "known":
        print("\n".join(sorted(known_metrics(root))))
    elif command == "rules":
        check_rules(root)
    elif command == "dashboard":
        check_dashboard(root, arg)
    elif command == "mutants":
        write_mutants(root, arg)
    elif command == "queries":
        check_queries(root, arg)
    else:
        sys.exit(__doc__)
    for message in failures:
        print(f"  {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
