"""What Python Metaxy's stores do with the per-field map columns when a feature gains or loses a field.

Writes one sample of feature ev/video three times, each under a new feature version: fields
[audio, frames], then [audio, frames, subtitles], then [audio]. Prints, per write, the map stored
in the table (read back with the store's own reader, all rows) and the map column's final type.

stdin: {"store": "duckdb" | "delta"}
stdout: {"stored": [{"fields": [...], "written": {...}, "stored": {...}}], "column_type": str}
"""

import json
import sys
import tempfile
import warnings

import metaxy as mx
import polars as pl

import interop_defs
from duckdb_workarounds import patch_create_table, without_hashfuncs

warnings.filterwarnings("ignore")

WRITES = [
    (["audio", "frames"], {"audio": "a", "frames": "f"}),
    (["audio", "frames", "subtitles"], {"audio": "a", "frames": "f", "subtitles": "s"}),
    (["audio"], {"audio": "a2"}),
]


def _graph(fields):
    graph = mx.FeatureGraph()
    with graph.use():
        interop_defs._feature(
            "EvolvingVideo", mx.FeatureSpec(key="ev/video", id_columns=["video_id"], fields=fields), {"video_id": str}
        )
    return graph


def main():
    kind = json.load(sys.stdin)["store"]
    mx.MetaxyConfig.set(mx.MetaxyConfig(project=interop_defs.PROJECT))
    out = []
    with tempfile.TemporaryDirectory() as root:

        def store():
            if kind == "duckdb":
                from metaxy.ext.duckdb import DuckDBMetadataStore

                return without_hashfuncs(
                    DuckDBMetadataStore(f"{root}/s.duckdb", hash_algorithm=mx.HashAlgorithm.MD5, auto_create_tables=True)
                )
            from metaxy.ext.polars.handlers.delta import DeltaMetadataStore

            return DeltaMetadataStore(root, hash_algorithm=mx.HashAlgorithm.MD5, auto_create_tables=True)

        for fields, written in WRITES:
            with _graph(fields).use():
                s = store()
                with s.open(mode="w"):
                    if kind == "duckdb":
                        patch_create_table(s.conn)
                    s.write("ev/video", pl.DataFrame([{"video_id": "v1", "metaxy_provenance_by_field": written}]))
                    rows = (
                        s.read("ev/video", with_feature_history=True, with_sample_history=True)
                        .collect()
                        .to_polars()
                        .sort("metaxy_updated_at")
                    )
                    out.append({"fields": fields, "written": written, "stored": rows["metaxy_provenance_by_field"][-1]})
        if kind == "duckdb":
            import duckdb

            con = duckdb.connect(f"{root}/s.duckdb", read_only=True)
            column_type = con.execute(
                "select data_type from information_schema.columns"
                " where table_name = 'ev__video' and column_name = 'metaxy_provenance_by_field'"
            ).fetchone()[0]
            con.close()
        else:
            import deltalake

            schema = deltalake.DeltaTable(f"{root}/ev/video.delta").schema()
            column_type = str(next(f.type for f in schema.fields if f.name == "metaxy_provenance_by_field"))
    json.dump({"writes": out, "column_type": column_type}, sys.stdout)


if __name__ == "__main__":
    main()
