/**
 * `npm run bench:import [-- --users=100000]`: how fast `gatehouse import` writes users, on SQLite
 * and PostgreSQL (a fresh database each, dropped afterwards), through the real engine call and
 * Prisma store the CLI uses (importUserBatch, batches of 500 in one transaction each). No hashing
 * happens at import, so the users carry one precomputed bcrypt hash; emails, ids, identities and
 * roles are distinct per user. Writes bench/results/import.md. Not part of `npm test`.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { importUserBatch, type ImportInputLine } from "../lib/auth/import/import-users";
import { TEST_SECRET, createTestEngine } from "../lib/auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../lib/store";
import { createTestDatabase } from "../scripts/test-db.mjs";

const USERS = Number(process.argv.find((a) => a.startsWith("--users="))?.slice(8) ?? 100_000);
const BATCH = 500;
const TARGET_PER_SECOND = 2_000;

function linesFor(hash: string, from: number, count: number): ImportInputLine[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      line: n + 1,
      value: {
        externalUserId: `bench-${n}`,
        userRoles: n % 10 === 0 ? ["bench-admin"] : [],
        loginMethods: [
          {
            recipeId: "emailpassword",
            email: `user${n}@bench.example`,
            passwordHash: hash,
            isVerified: n % 2 === 0,
            timeJoined: 1_600_000_000_000 + n,
          },
          ...(n % 4 === 0 ? [{ recipeId: "thirdparty", thirdPartyId: "google", thirdPartyUserId: `g-${n}`, email: `user${n}@bench.example` }] : []),
        ],
      },
    };
  });
}

async function measure(
  provider: "sqlite" | "postgresql",
  hash: string,
): Promise<{ provider: string; seconds: number; rate: number; created: number; cpuSeconds: number; load: string }> {
  const db = await createTestDatabase(provider);
  try {
    const { ctx } = createTestEngine(
      {},
      { stores: createPrismaStores(db.url), secret: TEST_SECRET, clock: { now: () => new Date(), advanceSeconds() {} } },
    );
    let created = 0;
    const loadBefore = loadavg()[0];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let from = 0; from < USERS; from += BATCH) {
      const reports = await importUserBatch(ctx, linesFor(hash, from, Math.min(BATCH, USERS - from)), { source: "json", dryRun: false });
      created += reports.filter((r) => r.status === "CREATED").length;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const load = `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
    if (created !== USERS) throw new Error(`${provider}: ${created} of ${USERS} users created`);
    return { provider, seconds, rate: USERS / seconds, created, cpuSeconds: (cpu.user + cpu.system) / 1e6, load };
  } finally {
    await disconnectPrismaClient(db.url);
    await db.drop();
  }
}

const hash = await bcryptHash("bench password", 10);
const rows = [];
for (const provider of ["sqlite", "postgresql"] as const) {
  const row = await measure(provider, hash);
  rows.push(row);
  process.stderr.write(`${provider}: ${USERS} users in ${row.seconds.toFixed(1)} s = ${Math.round(row.rate)} users/s (load ${row.load})\n`);
}
const report = [
  "# Import benchmark",
  "",
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run bench:import -- --users=${USERS}\` (bench/import.ts). ${USERS.toLocaleString("en")} users, batches of ${BATCH},`,
  "each with a bcrypt hash, a tenth with a role, a quarter with a Google identity; a fresh database per run, on this shared 2-core machine.",
  "The load is the 1-minute load average at the start and at the end of the run; the importer's CPU is its own process (user + system),",
  "which for PostgreSQL leaves out the server's share.",
  "",
  "| database | users | seconds | users/s | target | | importer CPU s | users per importer CPU s | load average |",
  "|---|---:|---:|---:|---:|---|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| ${r.provider} | ${r.created.toLocaleString("en")} | ${r.seconds.toFixed(1)} | ${Math.round(r.rate).toLocaleString("en")} | ≥ ${TARGET_PER_SECOND.toLocaleString("en")} | ${r.rate >= TARGET_PER_SECOND ? "met" : "missed"} | ${r.cpuSeconds.toFixed(1)} | ${Math.round(r.created / r.cpuSeconds).toLocaleString("en")} | ${r.load} |`,
  ),
  "",
];
writeFileSync(new URL("./results/import.md", import.meta.url), report.join("\n"));
process.stdout.write(report.join("\n"));
process.exit(0);
