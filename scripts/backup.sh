#!/bin/sh
# Backup of the portal's database with pg_dump, in PostgreSQL's custom format (compressed,
# restored with scripts/restore.sh). The database comes from DATABASE_URL.
#
#   scripts/backup.sh BESTAND     writes the backup to BESTAND
#   scripts/backup.sh -           writes it to standard output (docker compose exec -T ...)
#
# pg_dump takes a consistent snapshot: the portal may keep running meanwhile.
set -eu

if [ $# -ne 1 ]; then
    echo "Gebruik: $0 BESTAND (of - voor standaarduitvoer)" >&2
    exit 2
fi
if [ -z "${DATABASE_URL:-}" ]; then
    echo "Zet DATABASE_URL, bijvoorbeeld postgres://gebruiker:wachtwoord@host:5432/naam" >&2
    exit 2
fi

if [ "$1" = "-" ]; then
    exec pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL"
fi

# Written next to the target first, so a failed dump never leaves a half file behind under
# the backup's name.
tijdelijk="$1.onvolledig"
trap 'rm -f "$tijdelijk"' EXIT
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$tijdelijk"
mv "$tijdelijk" "$1"
trap - EXIT
echo "Backup geschreven naar $1" >&2
