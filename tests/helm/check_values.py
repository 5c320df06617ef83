"""Static checks of the chart's values.yaml and values.schema.json.

Usage: check_values.py CHART_DIR

- values.yaml starts with the yaml-language-server schema modeline;
- every leaf key (scalar, list, empty map) in values.yaml has a `## @param <path> description` comment, and every
  `@param` names a key that exists (no stale docs);
- every object in values.schema.json (including definitions) is closed: `additionalProperties`
  is false, so a misspelt key anywhere fails `helm install`.
Prints one line per failure; exit 1 on any.
"""
import json
import os
import re
import sys

import yaml

failures = []


def key_paths(node, prefix=""):
    """(path, is_leaf) for every key; leaves are scalars, lists and empty maps."""
    for key, value in node.items():
        path = f"{prefix}{key}"
        nested = isinstance(value, dict) and value
        yield path, not nested
        if nested:
            yield from key_paths(value, path + ".")


def resolve(schema, path):
    """The schema node of a dotted values path ({} when the schema has none)."""
    node = schema
    for key in path.split("."):
        while "$ref" in node:
            node = schema["definitions"][node["$ref"].split("/")[-1]]
        matches = [v for k, v in node.get("patternProperties", {}).items() if re.search(k, key)]
        node = node.get("properties", {}).get(key) or (matches[0] if matches else {})
    while "$ref" in node:
        node = schema["definitions"][node["$ref"].split("/")[-1]]
    return node


def open_objects(node, where="#"):
    if isinstance(node, dict):
        is_object = node.get("type") == "object" or "properties" in node or "patternProperties" in node
        if is_object and node.get("additionalProperties") is not False:
            yield where
        for key, value in node.items():
            yield from open_objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from open_objects(value, f"{where}/{i}")


def main(chart):
    with open(os.path.join(chart, "values.yaml"), encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("# yaml-language-server: $schema=values.schema.json\n"):
        failures.append("values.yaml: first line is not the yaml-language-server $schema modeline")
    documented = set(re.findall(r"^\s*## @param (\S+) \S", text, re.MULTILINE))
    with open(os.path.join(chart, "values.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    paths = dict(key_paths(yaml.safe_load(text)))
    for path, leaf in paths.items():
        # A key inside a documented free-form map (resources.requests, nodeSelector) is covered by the map's comment.
        ancestors = [".".join(path.split(".")[:n]) for n in range(1, path.count(".") + 1)]
        covered = any(a in documented and "patternProperties" in resolve(schema, a) for a in ancestors)
        if leaf and path not in documented and not covered:
            failures.append(f"values.yaml: no '## @param {path}' comment")
    for path in sorted(documented - set(paths)):
        failures.append(f"values.yaml: '## @param {path}' names no key")

    if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
        failures.append("values.schema.json: not draft-07")
    for where in open_objects(schema):
        failures.append(f"values.schema.json: {where} lacks additionalProperties: false")

    for message in failures:
        print(f"  {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
