"""Runs a pipeline scenario with Python Metaxy's resolve_update and prints every increment.

stdin: {"case": "video", "hash": "md5", "truncation": 8, "store": "delta" | "duckdb" | "postgres",
        "postgres_url": "postgresql://user@host:port/db" (store "postgres": an existing database,
        written in place and kept),
        "expand": {feature: {column: [values]}},
        "steps": [{"args": {...}, "samples": {root feature: [row]}, "run": [feature, ...],
                   "write": {feature: [row]}, "push": bool}]}
  A row is a JSON object of id/user columns plus metaxy_provenance_by_field (root samples), or, in
  "write", complete rows another implementation computed (they are written as they are before
  the step's resolves run). "push" records the graph in the feature versions system table.
  "write_results": false resolves without writing what was computed (a read-only step).
stdout: {"steps": [{feature: {"new": [...], "stale": [...], "orphaned": [...]}}]}
  Each sample: its id columns (the parent's "on" columns for an expansion), "provenance_by_field"
  and "provenance", sorted by id columns.
  Samples appearing more than once (aggregation repeats one row per upstream row) are listed once.
"""

import json
import sys
import tempfile
import warnings

import metaxy as mx
import polars as pl

from metaxy.metadata_store.system.storage import SystemTableStorage

import interop_defs
from duckdb_workarounds import patch_create_table, without_hashfuncs

warnings.filterwarnings("ignore")

PBF = "metaxy_provenance_by_field"
PROV = "metaxy_provenance"


def _store(kind, hash_name, root, postgres_url=None):
    algorithm = mx.HashAlgorithm(hash_name)
    if kind == "postgres":
        from metaxy.ext.postgresql import PostgreSQLMetadataStore

        return PostgreSQLMetadataStore(postgres_url, hash_algorithm=algorithm, auto_create_tables=True)
    if kind == "duckdb":
        from metaxy.ext.duckdb import DuckDBMetadataStore

        store = DuckDBMetadataStore(f"{root}/store.duckdb", hash_algorithm=algorithm, auto_create_tables=True)
        return without_hashfuncs(store)
    from metaxy.ext.polars.handlers.delta import DeltaMetadataStore

    return DeltaMetadataStore(root, hash_algorithm=algorithm, auto_create_tables=True)


def _frame(rows):
    return pl.DataFrame(rows)


def _samples(df, id_columns):
    out = {}
    for row in df.to_dicts():
        ids = tuple(str(row[c]) for c in id_columns)
        sample = {c: row[c] for c in id_columns}
        sample["provenance_by_field"] = row[PBF]
        sample["provenance"] = row[PROV]
        out[ids] = sample
    return [out[k] for k in sorted(out)]


def _to_write(df, spec, expand):
    keep = [c for c in spec.id_columns if c in df.columns] + [PBF]
    rows = df.select(keep).unique(subset=[c for c in keep if c != PBF]).to_dicts()
    for column, values in expand.get(spec.key.to_string(), {}).items():
        rows = [dict(r, **{column: v}) for r in rows for v in values]
    return rows


def main():
    request = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as root:
        results = run(
            request,
            lambda: _store(request.get("store", "delta"), request["hash"], root, request.get("postgres_url")),
        )
    json.dump({"steps": results}, sys.stdout)


def run(request, open_store):
    """Runs every step of the request on stores from open_store(); returns the per-step increments."""
    mx.MetaxyConfig.set(mx.MetaxyConfig(project=interop_defs.PROJECT, hash_truncation_length=request.get("truncation", 8)))
    expand = request.get("expand", {})
    results = []
    for step in request["steps"]:
        graph = interop_defs.CASES[request["case"]](**step.get("args", {}))
        step_result = {}
        with graph.use():
            store = open_store()
            with store.open(mode="w"):
                if hasattr(store, "conn") and type(store).__name__ == "DuckDBMetadataStore":
                    patch_create_table(store.conn)
                for key, rows in step.get("write", {}).items():
                    store.write(key, _frame(rows))
                for key in step["run"]:
                    step_result[key] = _resolve_and_write(store, graph, key, step, expand)
                if step.get("push"):
                    SystemTableStorage(store).push_graph_snapshot(project=interop_defs.PROJECT)
        results.append(step_result)
    return results


def _resolve_and_write(store, graph, key, step, expand):
    spec = graph.get_feature_definition(key).spec
    samples = step.get("samples", {}).get(key)
    increment = store.resolve_update(key, samples=_frame(samples) if samples else None)
    parts = {name: _samples(getattr(increment, name).to_polars(), _parent(spec)) for name in ("new", "stale", "orphaned")}
    if samples:
        by_id = {tuple(str(r[c]) for c in spec.id_columns): r for r in samples}
        todo = [by_id[tuple(str(s[c]) for c in spec.id_columns)] for s in parts["new"] + parts["stale"]]
    else:
        changed = pl.concat([increment.new.to_polars(), increment.stale.to_polars()], how="diagonal_relaxed")
        todo = _to_write(changed, spec, expand)
    if todo and step.get("write_results", True):
        store.write(key, _frame(todo))
    return parts


def _parent(spec):
    """The columns a sample is identified by in an increment: the parent's for expansions."""
    for d in spec.deps:
        if d.lineage.relationship.type.value == "1:N":
            return list(d.lineage.relationship.on)
    return list(spec.id_columns)


if __name__ == "__main__":
    main()
