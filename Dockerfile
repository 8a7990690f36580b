# syntax=docker/dockerfile:1
# Gatehouse as a container (docs/docker.md): `docker build -t gatehouse .`, or `docker compose up`
# with compose.yaml. Three stages: dependencies, build, and a small runtime that holds only the
# standalone server (next.config.js: output "standalone"), the migrator and the migrations.
# Nothing secret is built in: GATEHOUSE_SECRET and DATABASE_URL come from the environment at run
# time (.dockerignore keeps .env files and local databases out of the build context).
ARG NODE_VERSION=22

# ── 1. dependencies: cached until package.json or package-lock.json change ─────────────────────
FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /src
# better-sqlite3 compiles its native addon when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts, then only better-sqlite3's install script (its native addon), as
# package.json's allowScripts lists: Prisma's engine download is not needed (the generated client
# is Rust-free), and the project's postinstall (client generation) needs the sources, which
# `npm run build` generates from anyway.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3

# ── 2. build: Prisma clients, `next build`, then the runtime folder ─────────────────────────────
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# The same command e2e/docker-standalone.spec.ts runs before starting the bundle as below.
RUN npm run build \
 && node scripts/standalone-bundle.mjs /bundle

# ── 3. runtime ─────────────────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-slim AS runtime
# server.js listens on PORT and HOSTNAME; Docker sets HOSTNAME to the container's id, so it is
# pinned to every interface here.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
WORKDIR /app
# Owned by root, so the app's user cannot rewrite its own code. It may write only Next.js's
# cache and /data (for an SQLite database: DATABASE_URL=file:/data/gatehouse.db and a volume).
COPY --from=build /bundle ./
RUN mkdir -p .next/cache /data \
 && chown node:node .next/cache /data
# `node` (uid 1000) comes with the official image.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "scripts/docker-healthcheck.mjs"]
# Migrations, then `exec node server.js` (scripts/docker-start.sh).
CMD ["sh", "scripts/docker-start.sh"]
