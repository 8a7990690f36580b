/**
 * Kill -9 in the middle of a burst of sign-ups (issue 9, reliability). A child process drives the
 * real sign-up path (route table, argon2id, the database) four requests at a time; the test
 * SIGKILLs it at a chosen point, restarts it on the same database, kills it again, then checks
 * as a fresh process would: every user is whole (user + email-password account, no orphan rows)
 * and every sign-up that was answered OK signs in. A sign-up that was in flight left a whole user
 * or nothing: either it signs in, or the same email signs up afresh.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, openPrismaClient } from "../store";
import type { GatehousePrismaClient } from "../store/prisma-client";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient, credentials } from "./testing/client";

const CHILD = fileURLToPath(new URL("./testing/sign-up-burst.mjs", import.meta.url));
const PASSWORD = "Quiet-Lantern-58";
const BURST = 40;
const CONCURRENCY = 4;
/** Where each run is killed: after this many OK answers, then this many ms (mid-hash, mid-write or mid-session). */
const KILL_POINTS = [
  { afterDone: 3, delayMs: 0 },
  { afterDone: 7, delayMs: 23 },
];
/** A run that is not killed within this long fails the test instead of hanging it. */
const RUN_LIMIT_MS = 90_000;

interface BurstRun {
  started: string[];
  done: string[];
  signal: NodeJS.Signals | null;
}

function runUntilKilled(url: string, prefix: string, kill: { afterDone: number; delayMs: number }): Promise<BurstRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, url, prefix, String(BURST), String(CONCURRENCY), PASSWORD], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run: BurstRun = { started: [], done: [], signal: null };
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const limit = setTimeout(() => child.kill("SIGKILL"), RUN_LIMIT_MS);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const [word, email] = line.split(" ");
      if (word === "start") run.started.push(email);
      if (word === "done") {
        run.done.push(email);
        if (run.done.length === kill.afterDone) setTimeout(() => child.kill("SIGKILL"), kill.delayMs);
      }
      if (word === "failed") reject(new Error(`child: ${line}\n${stderr}`));
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(limit);
      run.signal = signal;
      if (run.done.length < kill.afterDone) reject(new Error(`the child stopped after ${run.done.length} sign-ups: ${stderr}`));
      else resolve(run);
    });
  });
}

describeOnEachDatabase((provider, url) => {
  let prisma: GatehousePrismaClient | undefined;
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it("SIGKILL mid-burst, twice: every user is whole, every answered sign-up signs in, an unanswered one is all or nothing", async () => {
    const runs: BurstRun[] = [];
    for (const [index, kill] of KILL_POINTS.entries()) {
      // Each run after the first is the restart: a new process on the database the last one left.
      const run = await runUntilKilled(url(), `${provider}-run${index}`, kill);
      expect(run.signal, "the child was killed, not finished").toBe("SIGKILL");
      expect(run.done.length).toBeLessThan(BURST);
      runs.push(run);
    }

    prisma = await openPrismaClient(url());
    if (provider === "sqlite") {
      expect(await prisma.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    }
    const users = await prisma.user.findMany({ include: { emailPasswordAccount: true } });
    const accounts = await prisma.emailPasswordAccount.findMany();
    const sessions = await prisma.session.findMany({ select: { userId: true } });
    const userIds = new Set(users.map((u) => u.id));
    expect(
      users.filter((u) => !u.emailPasswordAccount),
      "users without credentials",
    ).toEqual([]);
    expect(
      accounts.filter((a) => !userIds.has(a.userId)),
      "accounts without a user",
    ).toEqual([]);
    expect(
      sessions.filter((s) => !userIds.has(s.userId)),
      "sessions without a user",
    ).toEqual([]);
    for (const user of users) expect(user.emailPasswordAccount?.email).toBe(user.email);

    const { ctx } = createTestEngine({ rateLimits: { enabled: false } }, { stores: createPrismaStores(url()) });
    const status = async (path: string, email: string) =>
      (await (await createAuthClient(ctx).send("POST", path, { body: credentials(email, PASSWORD) })).json()).status;
    const answered = runs.flatMap((r) => r.done);
    for (const email of answered) expect(await status("/api/auth/signin", email), email).toBe("OK");
    const inFlight = runs.flatMap((r) => r.started.filter((email) => !r.done.includes(email)));
    expect(inFlight.length).toBeGreaterThan(0);
    for (const email of inFlight) {
      const signIn = await status("/api/auth/signin", email);
      if (signIn !== "OK") expect(await status("/api/auth/signup", email), `${email}: nothing was left, so it signs up`).toBe("OK");
    }
    // Nothing else appeared: every user is one this test asked for.
    const asked = new Set(runs.flatMap((r) => r.started));
    expect(users.filter((u) => !asked.has(u.email ?? "")).map((u) => u.email)).toEqual([]);
  });
});
