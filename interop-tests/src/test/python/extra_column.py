"""Does Python Metaxy write into a feature table that has one more (nullable) column than it knows?

Creates example__video (DuckDB file, or a fresh PostgreSQL database) with Python's own columns plus
a nullable BIGINT metaxy_write_seq, lets Python Metaxy write and resolve the root feature, and
reports the rows (the extra column read back) or the error.

stdin: {"store": "duckdb" | "postgres", "postgres_url": "postgresql://user@host:port/db"}
stdout: {"written": bool, "error": str | null, "write_seq": [values], "resolved_again": {"new": n, "stale": n}}
"""

import json
import sys
import tempfile
import uuid
import warnings

import metaxy as mx
import polars as pl

import interop_defs
from duckdb_workarounds import patch_create_table, without_hashfuncs

warnings.filterwarnings("ignore")

COLUMNS = {
    "duckdb": (
        "video_id VARCHAR, metaxy_provenance_by_field STRUCT(audio VARCHAR, frames VARCHAR),"
        " metaxy_feature_version VARCHAR, metaxy_project_version VARCHAR, metaxy_provenance VARCHAR,"
        " metaxy_created_at TIMESTAMPTZ, metaxy_updated_at TIMESTAMPTZ, metaxy_deleted_at TIMESTAMPTZ,"
        " metaxy_materialization_id VARCHAR, metaxy_data_version_by_field STRUCT(audio VARCHAR, frames VARCHAR),"
        " metaxy_data_version VARCHAR, metaxy_write_seq BIGINT"
    ),
    "postgres": (
        "video_id varchar, metaxy_provenance_by_field jsonb, metaxy_feature_version varchar,"
        " metaxy_project_version varchar, metaxy_provenance varchar, metaxy_created_at timestamptz,"
        " metaxy_updated_at timestamptz, metaxy_deleted_at timestamptz, metaxy_materialization_id varchar,"
        " metaxy_data_version_by_field jsonb, metaxy_data_version varchar, metaxy_write_seq bigint"
    ),
}
SAMPLES = [
    {"video_id": "v1", "metaxy_provenance_by_field": {"audio": "a1", "frames": "f1"}},
    {"video_id": "v2", "metaxy_provenance_by_field": {"audio": "a2", "frames": "f2"}},
]


def _exercise(store, query):
    """Writes the samples, reads the extra column back, and resolves the same samples again."""
    graph = interop_defs.video()
    with graph.use(), store.open(mode="w"):
        if type(store).__name__ == "DuckDBMetadataStore":
            patch_create_table(store.conn)
        try:
            store.write("example/video", pl.DataFrame(SAMPLES))
        except Exception as e:  # the finding is whether this raises
            return {"written": False, "error": f"{type(e).__name__}: {str(e).splitlines()[0]}"}
        again = store.resolve_update("example/video", samples=pl.DataFrame(SAMPLES))
        return {
            "written": True,
            "error": None,
            "write_seq": query(),
            "resolved_again": {"new": len(again.new.to_polars()), "stale": len(again.stale.to_polars())},
        }


def main():
    request = json.load(sys.stdin)
    mx.MetaxyConfig.set(mx.MetaxyConfig(project=interop_defs.PROJECT))
    if request["store"] == "duckdb":
        from metaxy.ext.duckdb import DuckDBMetadataStore

        with tempfile.TemporaryDirectory() as root:
            path = f"{root}/store.duckdb"
            import duckdb

            con = duckdb.connect(path)
            con.execute(f"create table example__video ({COLUMNS['duckdb']})")
            con.close()
            store = without_hashfuncs(DuckDBMetadataStore(path, hash_algorithm=mx.HashAlgorithm.MD5))
            result = _exercise(
                store,
                lambda: [r[0] for r in store.conn.raw_sql("select metaxy_write_seq from example__video").fetchall()],
            )
    else:
        import psycopg
        from metaxy.ext.postgresql import PostgreSQLMetadataStore

        url = request["postgres_url"]
        base, _, _ = url.rpartition("/")
        database = "metaxy_extra_" + uuid.uuid4().hex[:10]
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'create database "{database}"')
        try:
            target = f"{base}/{database}"
            with psycopg.connect(target, autocommit=True) as con:
                con.execute(f"create table example__video ({COLUMNS['postgres']})")

            def seq():
                with psycopg.connect(target) as con:
                    return [r[0] for r in con.execute("select metaxy_write_seq from example__video").fetchall()]

            result = _exercise(PostgreSQLMetadataStore(target, hash_algorithm=mx.HashAlgorithm.MD5), seq)
        finally:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'drop database if exists "{database}" with (force)')
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
