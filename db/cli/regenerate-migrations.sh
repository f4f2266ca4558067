#!/usr/bin/env bash
# Pre-release only: rebuilds the migrations from the whole schema as one initial migration plus
# the hand-written SQL in db/custom-sql (triggers). Serialised with flock so that parallel
# schema edits never interleave. Delete ./data afterwards; test databases are rebuilt anyway.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec 9>/tmp/fahrplan-migrations.lock
flock 9
rm -rf db/migrations
npx drizzle-kit generate --name init >/dev/null
for f in db/custom-sql/*.sql; do
  name=$(basename "$f" .sql)
  npx drizzle-kit generate --custom --name "$name" >/dev/null
  cp "$f" "$(ls db/migrations/*_"$name".sql)"
done
ls db/migrations
