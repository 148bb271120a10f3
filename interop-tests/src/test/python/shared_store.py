"""Runs scenario steps with Python Metaxy on a store another process shares (a DuckDB file or a
PostgreSQL database), so that Java can open the same store before or after.

stdin: the request of resolve_scenario.py plus {"store": "duckdb", "path": <file>} or
       {"store": "postgres", "url": "postgresql://user@host:port/database"}
stdout: as resolve_scenario.py
"""

import json
import sys

import metaxy as mx

from duckdb_workarounds import without_hashfuncs
from resolve_scenario import run


def _opener(request):
    algorithm = mx.HashAlgorithm(request["hash"])
    if request["store"] == "duckdb":
        from metaxy.ext.duckdb import DuckDBMetadataStore

        return lambda: without_hashfuncs(DuckDBMetadataStore(request["path"], hash_algorithm=algorithm, auto_create_tables=True))
    from metaxy.ext.postgresql import PostgreSQLMetadataStore

    return lambda: PostgreSQLMetadataStore(request["url"], hash_algorithm=algorithm, auto_create_tables=True)


def main():
    request = json.load(sys.stdin)
    json.dump({"steps": run(request, _opener(request))}, sys.stdout)


if __name__ == "__main__":
    main()
