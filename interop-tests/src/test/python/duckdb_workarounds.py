"""Two workarounds the pinned Python stack needs before its DuckDB store can write (test only).

1. The DuckDB store installs DuckDB's community 'hashfuncs' extension on every open, downloading it
   from the community repository; an offline machine cannot. md5 and sha256 are built into DuckDB,
   so for those algorithms the extension is dropped.
2. ibis 12.0.0 with sqlglot 30.30.0 fails in create_table(obj=...) after creating and filling the
   table ("DROP VIEW IF EXISTS" with no name). Tables are created from the schema first instead,
   then filled with an ordinary insert.
"""

import ibis


def without_hashfuncs(store):
    if store.hash_algorithm.value not in ("md5", "sha256"):
        raise SystemExit(f"hash {store.hash_algorithm.value} needs DuckDB's hashfuncs extension (network)")
    store.extensions = [e for e in store.extensions if e.name != "hashfuncs"]
    return store


def patch_create_table(conn):
    original = conn.create_table

    def create_table(name, obj=None, *, schema=None, **kwargs):
        if obj is None or isinstance(obj, ibis.Expr):
            return original(name, obj, schema=schema, **kwargs)
        table = ibis.memtable(obj)
        created = original(name, schema=schema or table.schema(), **kwargs)
        conn.insert(name, obj=obj)
        return created

    conn.create_table = create_table
