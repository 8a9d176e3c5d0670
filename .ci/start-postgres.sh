#!/usr/bin/env bash
# Starts a real PostgreSQL server for the tests (installing Debian's package when the machine
# lacks it) and creates a disposable database. Prints the URL to use as TEST_DATABASE_URL.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
read -r version cluster port _ < <(pg_lsclusters -h | head -n 1)
pg_ctlcluster "$version" "$cluster" start >&2 || true
for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q -p "$port" && break
  sleep 1
done
runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'adam') THEN
    CREATE ROLE adam LOGIN PASSWORD 'adam';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS adam_test;
CREATE DATABASE adam_test OWNER adam;
SQL
echo "postgres://adam:adam@127.0.0.1:${port}/adam_test"
