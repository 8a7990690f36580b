#!/bin/sh
# The Docker image's start command (Dockerfile CMD), run inside the folder that
# scripts/standalone-bundle.mjs assembles; e2e/docker-standalone.spec.ts starts this same file.
#   1. apply pending migrations (scripts/db-migrate.mjs takes the database's migration lock, so
#      replicas starting together apply each migration once);
#   2. replace this shell with the server, so that Docker's SIGTERM reaches Node.js, which shuts
#      down cleanly on it.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  # The default SQLite file would land inside the image, which the app's user cannot write and
  # which a new container forgets: say so rather than fail on a read-only path.
  echo "docker-start: DATABASE_URL is not set. Use postgresql://…, mysql://…, or file:/data/gatehouse.db with a volume on /data (docs/docker.md)." >&2
  exit 1
fi
node scripts/db-migrate.mjs
exec node server.js
