"""Writes the video pipeline with Python Metaxy into a store and dumps the store's physical layout.

stdin: {"store": "duckdb" | "postgres" | "delta", "postgres_url": "postgresql://user@host:port/db"}
  duckdb and delta use a temporary directory; postgres creates a fresh database on the server of
  postgres_url and drops it afterwards.
stdout: {"default_hash_algorithm": ..., "tables": {table: [{"name", "type"}...]},
         "provenance_by_field_sample": <the stored value of one row, as text>,
         "feature_versions_rows": [...], "feature_spec_text": <stored feature_spec of example/crop>}
"""

import json
import sys
import tempfile
import uuid

import metaxy as mx

import interop_defs
from duckdb_workarounds import without_hashfuncs
from resolve_scenario import run

SCENARIO = {
    "case": "video",
    "truncation": 8,
    "steps": [
        {
            "samples": {
                "example/video": [
                    {"video_id": "v1", "metaxy_provenance_by_field": {"audio": "a1", "frames": "f1"}},
                    {"video_id": "v2", "metaxy_provenance_by_field": {"audio": "a2", "frames": "f2"}},
                ]
            },
            "run": ["example/video", "example/crop", "example/face_detection", "example/stt", "example/summary"],
            "push": True,
        }
    ],
}


def _duckdb(root):
    import duckdb
    from metaxy.ext.duckdb import DuckDBMetadataStore

    path = f"{root}/store.duckdb"
    default = DuckDBMetadataStore(path).hash_algorithm.value
    run(SCENARIO, lambda: without_hashfuncs(DuckDBMetadataStore(path, hash_algorithm=mx.HashAlgorithm.MD5, auto_create_tables=True)))
    con = duckdb.connect(path, read_only=True)
    tables = {}
    for table, column, data_type in con.execute(
        "select table_name, column_name, data_type from information_schema.columns order by table_name, ordinal_position"
    ).fetchall():
        tables.setdefault(table, []).append({"name": column, "type": data_type})
    sample = con.execute(
        "select cast(to_json(metaxy_provenance_by_field) as varchar) from example__crop order by video_id limit 1"
    ).fetchone()[0]
    spec = con.execute(
        "select feature_spec from metaxy_system__feature_versions where feature_key = 'example/crop'"
    ).fetchone()[0]
    rows = _rows(con.execute("select * from metaxy_system__feature_versions order by feature_key"))
    con.close()
    return default, tables, sample, spec, rows


def _postgres(url):
    import psycopg
    from metaxy.ext.postgresql import PostgreSQLMetadataStore

    base, _, _ = url.rpartition("/")
    database = "metaxy_layout_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'create database "{database}"')
    try:
        target = f"{base}/{database}"
        default = PostgreSQLMetadataStore(target).hash_algorithm.value
        run(SCENARIO, lambda: PostgreSQLMetadataStore(target, hash_algorithm=mx.HashAlgorithm.MD5, auto_create_tables=True))
        with psycopg.connect(target) as con:
            tables = {}
            for table, column, data_type, udt in con.execute(
                "select table_name, column_name, data_type, udt_name from information_schema.columns"
                " where table_schema = 'public' order by table_name, ordinal_position"
            ).fetchall():
                tables.setdefault(table, []).append({"name": column, "type": data_type if data_type != "USER-DEFINED" else udt})
            sample = con.execute(
                "select metaxy_provenance_by_field::text from example__crop order by video_id limit 1"
            ).fetchone()[0]
            spec = con.execute(
                "select feature_spec from metaxy_system__feature_versions where feature_key = 'example/crop'"
            ).fetchone()[0]
            rows = _rows(con.execute("select * from metaxy_system__feature_versions order by feature_key"))
        return default, tables, sample, spec, rows
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{database}" with (force)')


def _delta(root):
    import deltalake
    import polars as pl
    from metaxy.ext.polars.handlers.delta import DeltaMetadataStore

    default = DeltaMetadataStore(root).hash_algorithm.value
    run(SCENARIO, lambda: DeltaMetadataStore(root, hash_algorithm=mx.HashAlgorithm.MD5, auto_create_tables=True))
    import pathlib

    tables = {}
    for log in sorted(pathlib.Path(root).rglob("_delta_log")):
        table_dir = log.parent
        name = str(table_dir.relative_to(root))
        schema = deltalake.DeltaTable(str(table_dir)).schema()
        tables[name] = [{"name": f.name, "type": str(f.type)} for f in schema.fields]
    crop = next(p for p in tables if p.startswith("example") and "crop" in p)
    frame = pl.read_delta(str(pathlib.Path(root) / crop)).sort("video_id")
    sample = json.dumps(frame["metaxy_provenance_by_field"][0])
    versions_dir = next(p for p in tables if "feature_versions" in p)
    fv = pl.read_delta(str(pathlib.Path(root) / versions_dir)).sort("feature_key")
    spec = fv.filter(pl.col("feature_key") == "example/crop")["feature_spec"][0]
    rows = [{k: (str(v) if v is not None else None) for k, v in r.items()} for r in fv.to_dicts()]
    return default, tables, sample, spec, rows


def _rows(cursor):
    names = [d[0] for d in cursor.description]
    return [{n: (str(v) if v is not None else None) for n, v in zip(names, row)} for row in cursor.fetchall()]


def main():
    request = json.load(sys.stdin)
    kind = request["store"]
    with tempfile.TemporaryDirectory() as root:
        if kind == "duckdb":
            default, tables, sample, spec, rows = _duckdb(root)
        elif kind == "postgres":
            default, tables, sample, spec, rows = _postgres(request["postgres_url"])
        else:
            default, tables, sample, spec, rows = _delta(root)
    json.dump(
        {
            "default_hash_algorithm": default,
            "tables": tables,
            "provenance_by_field_sample": sample,
            "feature_spec_text": spec,
            "feature_versions_rows": rows,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
