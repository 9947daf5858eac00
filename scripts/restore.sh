#!/bin/sh
# Restores a backup made by scripts/backup.sh into the database of DATABASE_URL, in one
# transaction: when anything fails, the database stays as it was. Existing tables of the
# portal are replaced by those of the backup.
#
#   scripts/restore.sh BESTAND    reads the backup from BESTAND
#   scripts/restore.sh -          reads it from standard input
#
# Stop web, worker and beat first (docker compose stop web worker beat), so nobody writes
# while the backup is put back.
set -eu

if [ $# -ne 1 ]; then
    echo "Gebruik: $0 BESTAND (of - voor standaardinvoer)" >&2
    exit 2
fi
if [ -z "${DATABASE_URL:-}" ]; then
    echo "Zet DATABASE_URL, bijvoorbeeld postgres://gebruiker:wachtwoord@host:5432/naam" >&2
    exit 2
fi

set -- "$1"
if [ "$1" = "-" ]; then
    set --
fi
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --exit-on-error --dbname="$DATABASE_URL" "$@"
echo "Backup teruggezet in de database." >&2
