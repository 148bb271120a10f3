"""Python Metaxy's Delta store on the video pipeline's first two features, for SparkInteropTest.

usage: delta_store.py write ROOT   -- resolves and writes video (3 samples) and crop
       delta_store.py resolve ROOT -- prints the increment sizes of video and crop as JSON
       delta_store.py append ROOT  -- writes a fourth video (v4) into an existing store
"""

import json
import sys
import warnings

import polars as pl

import metaxy as mx
from metaxy.ext.polars.handlers.delta import DeltaMetadataStore

warnings.simplefilter("ignore")


class Video(
    mx.BaseFeature,
    spec=mx.FeatureSpec(
        key="example/video",
        id_columns=["video_id"],
        fields=[mx.FieldSpec(key="audio", code_version="1"), mx.FieldSpec(key="frames", code_version="1")],
    ),
):
    video_id: str


class Crop(
    mx.BaseFeature,
    spec=mx.FeatureSpec(
        key="example/crop",
        id_columns=["video_id"],
        deps=[mx.FeatureDep(feature="example/video")],
        fields=[mx.FieldSpec(key="audio", code_version="1"), mx.FieldSpec(key="frames", code_version="1")],
    ),
):
    video_id: str


SAMPLES = pl.DataFrame(
    {
        "video_id": ["v1", "v2", "v3"],
        "metaxy_provenance_by_field": [{"audio": f"a{i}", "frames": f"f{i}"} for i in (1, 2, 3)],
    }
)


def frame(x):
    return x.to_polars() if hasattr(x, "to_polars") else x


def sizes(inc):
    return {k: len(frame(getattr(inc, k))) for k in ("new", "stale", "orphaned")}


def main():
    mode, root = sys.argv[1], sys.argv[2]
    with DeltaMetadataStore(root_path=root, layout="flat").open("w") as store:
        if mode == "write":
            store.write(Video, frame(store.resolve_update(Video, samples=SAMPLES).new))
            store.write(Crop, frame(store.resolve_update(Crop).new))
        elif mode == "append":
            v4 = pl.DataFrame(
                {"video_id": ["v4"], "metaxy_provenance_by_field": [{"audio": "a4", "frames": "f4"}]}
            )
            store.write(Video, frame(store.resolve_update(Video, samples=v4).new))
        else:
            out = {
                "video": sizes(store.resolve_update(Video, samples=SAMPLES)),
                "crop": sizes(store.resolve_update(Crop)),
            }
            print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
