"""Prints the versions Python Metaxy computes for a definitions document written by anyone.

stdin: {"definitions": {"features": [spec, ...], "feature_schemas": {key: schema}}, "truncation": 8}
stdout: {"features": {key: {feature_version, field_versions, spec_version, definition_version}},
         "project_version": ...}   -- the shape of `metaxy versions --format json` (Java CLI)
"""

import json
import sys

import metaxy as mx

PROJECT = "interop"


def main():
    request = json.load(sys.stdin)
    mx.MetaxyConfig.set(mx.MetaxyConfig(project=PROJECT, hash_truncation_length=request.get("truncation") or 8))
    document = request["definitions"]
    schemas = document.get("feature_schemas", {})
    graph = mx.FeatureGraph()
    for spec_json in document["features"]:
        spec = mx.FeatureSpec.model_validate(spec_json)
        definition = mx.FeatureDefinition(
            spec=spec,
            feature_schema=schemas.get(spec.key.to_string(), {}),
            feature_class_path="interop.definitions." + spec.key.table_name,
            project=PROJECT,
        )
        graph.add_feature_definition(definition)
    features = {}
    for key in graph.list_features(only_current_project=False):
        definition = graph.get_feature_definition(key)
        features[key.to_string()] = {
            "feature_version": graph.get_feature_version(key),
            "field_versions": graph.get_feature_version_by_field(key),
            "spec_version": definition.spec.feature_spec_version,
            "definition_version": definition.feature_definition_version,
        }
    json.dump({"features": features, "project_version": graph.get_project_version(PROJECT)}, sys.stdout)


if __name__ == "__main__":
    main()
