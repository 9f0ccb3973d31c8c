#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL without systemd, and creates the role that
# central's tests use: postgres://yichuang:yichuang@127.0.0.1:5432/ (each test file makes and drops
# its own database). Safe to run again.
set -euo pipefail
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  $sudo_cmd pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -q online; then
  $sudo_cmd pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done
pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start (see /var/log/postgresql/)" >&2; exit 1; }

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
if ! as_postgres "psql -tAc \"select 1 from pg_roles where rolname='yichuang'\"" | grep -q 1; then
  as_postgres "psql -qc \"create role yichuang login createdb password 'yichuang'\""
fi
echo "PostgreSQL $version is running on 127.0.0.1:5432 (role yichuang)"
