"""Says which spec JSON objects Python Metaxy accepts as a FeatureSpec.

stdin: {"specs": [object, ...]}
stdout: {"results": [{"accepted": bool, "error": str | null, "spec": object | null}, ...]}
"""

import json
import sys

import metaxy as mx


def main():
    results = []
    for spec in json.load(sys.stdin)["specs"]:
        try:
            parsed = mx.FeatureSpec.model_validate(spec)
            results.append({"accepted": True, "error": None, "spec": parsed.model_dump(mode="json")})
        except Exception as e:  # any validation failure counts as a rejection
            results.append({"accepted": False, "error": str(e).splitlines()[0], "spec": None})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
