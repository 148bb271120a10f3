"""Prints, for one case of interop_defs, every feature's pushed spec, schema and versions as JSON.

stdin: {"case": "video", "args": {...}, "truncation": 8..64}
stdout: {"project_version": ..., "features": {key: {spec, schema, feature_version, field_versions,
         spec_version, definition_version, code_version}}}
"""

import json
import sys

import metaxy as mx

import interop_defs


def main():
    request = json.load(sys.stdin)
    mx.MetaxyConfig.set(mx.MetaxyConfig(project=interop_defs.PROJECT, hash_truncation_length=request.get("truncation") or 8))
    graph = interop_defs.CASES[request["case"]](**request.get("args", {}))
    snapshot = graph.to_snapshot(project=interop_defs.PROJECT)
    features = {}
    for key in graph.list_features(only_current_project=False):
        definition = graph.get_feature_definition(key)
        pushed = snapshot[key.to_string()]
        features[key.to_string()] = {
            "spec": pushed["feature_spec"],
            "schema": pushed["feature_schema"],
            "feature_version": pushed["metaxy_feature_version"],
            "definition_version": pushed["metaxy_definition_version"],
            "field_versions": graph.get_feature_version_by_field(key),
            "spec_version": definition.spec.feature_spec_version,
            "code_version": definition.spec.code_version,
        }
    json.dump(
        {
            "project_version": graph.get_project_version(interop_defs.PROJECT),
            "topological_order": [k.to_string() for k in graph.topological_sort_features()],
            "features": features,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
