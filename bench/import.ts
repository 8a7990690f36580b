/**
 * `npm run bench:import [-- --users=100000]`: how fast `gatehouse import` writes users, on SQLite
 * and PostgreSQL (a fresh database each, dropped afterwards), through the real engine call and
 * Prisma store the CLI uses (importUserBatch, batches of 500 in one transaction each). No hashing
 * happens at import, so the users carry one precomputed bcrypt hash; emails, ids, identities and
 * roles are distinct per user. Writes bench/results/import.md. Not part of `npm test`.
 */
import { writeFileSync } from "node:fs";
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
): Promise<{ provider: string; seconds: number; rate: number; created: number }> {
  const db = await createTestDatabase(provider);
  try {
    const { ctx } = createTestEngine(
      {},
      { stores: createPrismaStores(db.url), secret: TEST_SECRET, clock: { now: () => new Date(), advanceSeconds() {} } },
    );
    let created = 0;
    const started = performance.now();
    for (let from = 0; from < USERS; from += BATCH) {
      const reports = await importUserBatch(ctx, linesFor(hash, from, Math.min(BATCH, USERS - from)), { source: "json", dryRun: false });
      created += reports.filter((r) => r.status === "CREATED").length;
    }
    const seconds = (performance.now() - started) / 1000;
    if (created !== USERS) throw new Error(`${provider}: ${created} of ${USERS} users created`);
    return { provider, seconds, rate: USERS / seconds, created };
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
  process.stderr.write(`${provider}: ${USERS} users in ${row.seconds.toFixed(1)} s = ${Math.round(row.rate)} users/s\n`);
}
const report = [
  "# Import benchmark",
  "",
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run bench:import -- --users=${USERS}\` (bench/import.ts). ${USERS.toLocaleString("en")} users, batches of ${BATCH},`,
  "each with a bcrypt hash, a tenth with a role, a quarter with a Google identity; a fresh database per run, on this shared 2-core machine.",
  "",
  "| database | users | seconds | users/s | target | |",
  "|---|---:|---:|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| ${r.provider} | ${r.created.toLocaleString("en")} | ${r.seconds.toFixed(1)} | ${Math.round(r.rate).toLocaleString("en")} | ≥ ${TARGET_PER_SECOND.toLocaleString("en")} | ${r.rate >= TARGET_PER_SECOND ? "met" : "missed"} |`,
  ),
  "",
];
writeFileSync(new URL("./results/import.md", import.meta.url), report.join("\n"));
process.stdout.write(report.join("\n"));
process.exit(0);
