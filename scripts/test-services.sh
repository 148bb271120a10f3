#!/usr/bin/env bash
# Installs, configures and starts what the test suite needs, on loopback only:
#   - PostgreSQL on 127.0.0.1:5432, user postgres without a password, database test;
#   - MariaDB on 127.0.0.1:3306, user root without a password over TCP, database test;
#   - the Python virtual environment with the pinned Python Metaxy for the interop tests
#     (.venv-interop/, from scripts/python-interop/requirements.txt).
# Idempotent: a second run only checks (no reinstall, no duplicate users) and prints its time.
# Needs root for the first run (apt-get, server start); touches only this machine's packages,
# the two servers' own configuration and data directories, and .venv-interop/.
#
# Usage: scripts/test-services.sh [--no-python] [--no-databases]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
START=$(date +%s.%N)
WANT_DB=1
WANT_PY=1
for arg in "$@"; do
  case "$arg" in
    --no-python) WANT_PY=0 ;;
    --no-databases) WANT_DB=0 ;;
    *) echo "unknown option: $arg (use --no-python or --no-databases)" >&2; exit 2 ;;
  esac
done

log() { echo "[test-services] $*"; }
elapsed() { awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

wait_for() { # name, seconds, command...
  local name=$1 secs=$2
  shift 2
  for _ in $(seq 1 "$secs"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "[test-services] $name did not answer within ${secs}s" >&2
  return 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() { # packages...
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  # policy-rc.d keeps the packages' own scripts from starting servers: this script starts them.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    created_policy=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  if [ "$created_policy" = 1 ]; then as_root rm -f "$policy"; fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

setup_postgres() {
  if [ -z "$(pg_bin_dir)" ] || ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql
  fi
  local version
  version=$(basename "$(dirname "$(pg_bin_dir)")")
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    log "creating PostgreSQL cluster $version/main"
    as_root pg_createcluster "$version" main >/dev/null
  fi
  local conf_dir=/etc/postgresql/$version/main
  local hba=$conf_dir/pg_hba.conf
  local marker="# metaxy test services: loopback without password"
  if ! grep -qF "$marker" "$hba"; then
    log "PostgreSQL: trust on 127.0.0.1 and ::1 only"
    as_root cp "$hba" "$hba.before-metaxy"
    {
      echo "$marker"
      echo "host all all 127.0.0.1/32 trust"
      echo "host all all ::1/128 trust"
      cat "$hba.before-metaxy"
    } | as_root tee "$hba" >/dev/null
  fi
  local extra=$conf_dir/conf.d/metaxy-test.conf
  if [ ! -f "$extra" ]; then
    as_root mkdir -p "$conf_dir/conf.d"
    printf "listen_addresses = '127.0.0.1'\nport = 5432\nmax_connections = 200\n" \
      | as_root tee "$extra" >/dev/null
    # a running server must pick the new settings up
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main stop >/dev/null 2>&1 || true
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    wait_for PostgreSQL 60 pg_isready -q -h 127.0.0.1 -p 5432
  fi
  if [ "$(psql -h 127.0.0.1 -p 5432 -U postgres -tAc \
    "select 1 from pg_database where datname = 'test'")" != 1 ]; then
    log "PostgreSQL: creating database test"
    psql -h 127.0.0.1 -p 5432 -U postgres -qc "create database test" >/dev/null
  fi
  log "PostgreSQL $version is up on 127.0.0.1:5432 (user postgres, database test)"
}

# ---------------------------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------------------------
mariadb_ping() { mariadb-admin --protocol=TCP -h 127.0.0.1 -P 3306 -uroot ping; }

setup_mariadb() {
  if [ ! -x /usr/sbin/mariadbd ]; then
    apt_install mariadb-server mariadb-client
  fi
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "MariaDB: initialising the data directory"
    as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  if ! mariadb-admin --protocol=socket -uroot ping >/dev/null 2>&1 && ! mariadb_ping >/dev/null 2>&1; then
    log "starting MariaDB"
    as_root install -d -o mysql -g mysql /run/mysqld
    as_root install -d -o mysql -g adm /var/log/mysql
    as_root start-stop-daemon --start --oknodo --background \
      --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port=3306 \
      --max-connections=300 --log-error=/var/log/mysql/metaxy-test.err
    wait_for MariaDB 60 mariadb-admin --protocol=socket -uroot ping
  fi
  if ! mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -uroot -e "select 1" >/dev/null 2>&1; then
    # Debian's root@localhost accepts only the unix socket; TCP from 127.0.0.1 resolves to the
    # same account, so it gets an empty password beside the socket (no second root account).
    log "MariaDB: root without password over TCP on loopback"
    as_root mariadb --protocol=socket -uroot <<'SQL'
ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
FLUSH PRIVILEGES;
SQL
  fi
  mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -uroot -e "CREATE DATABASE IF NOT EXISTS test"
  wait_for MariaDB 30 mariadb_ping
  log "MariaDB $(mariadb --protocol=TCP -h 127.0.0.1 -uroot -N -e 'select version()') is up on 127.0.0.1:3306 (user root, database test)"
}

# ---------------------------------------------------------------------------------------------
# Python Metaxy for the interop tests
# ---------------------------------------------------------------------------------------------
setup_python() {
  local venv=$ROOT/.venv-interop req=$ROOT/scripts/python-interop/requirements.txt
  local stamp=$venv/.requirements.sha256 want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] \
    && "$venv/bin/python" -c "import metaxy, duckdb, deltalake, psycopg" >/dev/null 2>&1; then
    log "Python venv is current: $("$venv/bin/python" -c 'import importlib.metadata as m; print("metaxy", m.version("metaxy"))') in .venv-interop/"
    return
  fi
  local python=${METAXY_PYTHON_BOOTSTRAP:-python3}
  if ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1; then
    apt_install python3-venv
    python=/usr/bin/python3
  fi
  log "creating .venv-interop/ from scripts/python-interop/requirements.txt"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -r "$req"
  "$venv/bin/python" -m pip check >/dev/null
  echo "$want" >"$stamp"
  log "Python venv ready: $("$venv/bin/python" -c 'import importlib.metadata as m; print("metaxy", m.version("metaxy"))')"
}

if [ "$WANT_DB" = 1 ]; then
  setup_postgres
  setup_mariadb
fi
if [ "$WANT_PY" = 1 ]; then
  setup_python
fi
log "done in $(elapsed) s"
