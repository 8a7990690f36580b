/**
 * `npm run gatehouse -- import json` and `export` as an operator runs them (the CLI in this process,
 * on a temporary SQLite database): dry run, summary and per-user reports, idempotent re-run, and an
 * export that imports again elsewhere.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { signIn } from "../auth/emailpassword/sign-in";
import { passwordUsers } from "../auth/testing/import-fixtures";
import { T0, TEST_SECRET, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";
import { runCli } from "./testing/run-cli";

const cli = (args: string[], env: Record<string, string>) => runCli(args, { env });

describe("gatehouse import / export on SQLite", () => {
  let from: TestDatabase;
  let to: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [from, to] = await Promise.all([createTestDatabase("sqlite"), createTestDatabase("sqlite")]);
    dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-import-"));
  });
  afterAll(async () => {
    await Promise.all([disconnectPrismaClient(from.url), disconnectPrismaClient(to.url)]);
    await Promise.all([from.drop(), to.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("dry run, import, re-run, conflicts and broken lines reported, export imported elsewhere", async () => {
    const users = (await passwordUsers("cli")).slice(0, 2);
    const file = path.join(dir, "users.jsonl");
    const unknownHash = { loginMethods: [{ recipeId: "emailpassword", email: "md5@example.com", passwordHash: "5f4dcc3b5aa765d61d8327deb882cf99" }] };
    // An old id that cannot be a Gatehouse id: the user gets a new one, and is found by the old.
    const legacy = {
      externalUserId: "legacy #7",
      loginMethods: [{ recipeId: "thirdparty", thirdPartyId: "google", thirdPartyUserId: "g7", email: "seven@example.com" }],
    };
    const content = [
      JSON.stringify(users[0].line),
      "{not json",
      JSON.stringify(unknownHash),
      "",
      JSON.stringify(users[1].line),
      JSON.stringify(legacy),
    ];
    writeFileSync(file, content.join("\n") + "\n");
    const env = { DATABASE_URL: from.url, GATEHOUSE_SECRET: TEST_SECRET };

    const dry = await cli(["import", "json", "--from", file, "--dry-run", "--batch-size", "2"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("dry run: nothing written");
    expect(dry.stdout).toMatch(/would be imported: 3/);
    expect(dry.stdout).toMatch(/line 2: INVALID not JSON/);
    expect(dry.stdout).toMatch(/line 3 \(md5@example.com\): SKIPPED UNKNOWN_HASH_FORMAT/);
    expect(dry.stderr).toMatch(/5\/5 users +\d+\/s/);

    const real = await cli(["import", "json", "--from", file, "--batch-size", "2"], env);
    expect(real.stdout).toMatch(/imported: 3\n/);
    const shown = await cli(["users", "show", "legacy #7", "--json"], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ email: "seven@example.com" });
    expect(JSON.parse(shown.stdout).id).toMatch(/^[0-9a-f-]{36}$/);
    const rerun = await cli(["import", "json", "--from", file, "--json"], env);
    expect(
      rerun.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).status),
    ).toEqual(["UPDATED", "INVALID", "SKIPPED", "UPDATED", "UPDATED"]);

    const exportFile = path.join(dir, "export.jsonl");
    const exported = await cli(["export", "--to", exportFile], env);
    expect(exported).toMatchObject({ code: 0, stderr: "3 users exported\n" });
    const moved = await cli(["import", "json", "--from", exportFile], { ...env, DATABASE_URL: to.url });
    expect(moved.stdout).toMatch(/imported: 3\n/);
    const ctx = createTestEngine({}, { stores: createPrismaStores(to.url) }).ctx;
    expect((await signIn(ctx, { email: users[1].email, password: users[1].password, formFields: {} })).status).toBe("OK");
    expect(await ctx.stores.users.getUserById(String(users[0].line.externalUserId))).not.toBeNull();
  });

  it("a line that is not UTF-8 is reported and the rest imported; a UTF-16 file is refused with nothing written", async () => {
    const env = { DATABASE_URL: to.url, GATEHOUSE_SECRET: TEST_SECRET };
    const user = (email: string) =>
      JSON.stringify({ loginMethods: [{ recipeId: "thirdparty", thirdPartyId: "google", thirdPartyUserId: email, email }] });
    const latin1 = path.join(dir, "latin1.jsonl");
    writeFileSync(latin1, Buffer.concat([Buffer.from(`${user("ana@example.com")}\n`), Buffer.from(`${user("josé@example.com")}\n`, "latin1")]));
    const run = await cli(["import", "json", "--from", latin1], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/line 2: INVALID not UTF-8/);
    expect(run.stdout).toMatch(/imported: 1\n/);
    const ctx = createTestEngine({}, { stores: createPrismaStores(to.url) }).ctx;
    expect(await ctx.stores.thirdParty.findAccount("google", "ana@example.com")).not.toBeNull();
    expect(await ctx.stores.thirdParty.findAccount("google", "jos\uFFFD@example.com")).toBeNull();

    const utf16 = path.join(dir, "utf16.jsonl");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${user("utf16@example.com")}\r\n`, "utf16le")]));
    const refused = await cli(["import", "json", "--from", utf16], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: .*utf16\.jsonl is UTF-16 text; JSON Lines is UTF-8/);
    expect(await ctx.stores.thirdParty.findAccount("google", "utf16@example.com")).toBeNull();
  });

  it("a Firebase signer key or salt separator that is not base64 stops the import before any user (exit 2)", async () => {
    const env = { DATABASE_URL: to.url, GATEHOUSE_SECRET: TEST_SECRET };
    const file = path.join(dir, "firebase.jsonl");
    const line = {
      loginMethods: [
        {
          recipeId: "emailpassword",
          email: "fb@example.com",
          passwordHash: "lSrfV15c",
          passwordSalt: "42xEC+ixf3L2lw==",
          hashingAlgorithm: "firebase_scrypt",
        },
      ],
    };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
    for (const flags of [
      ["--firebase-signer-key", "base64_signer_key: jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA=="],
      [
        "--firebase-signer-key",
        "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
        "--firebase-salt-separator",
        "Bw== ",
      ],
    ]) {
      const run = await cli(["import", "json", "--from", file, ...flags], env);
      expect(run.code, flags.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/error: the project's (signer key|salt separator) \(--firebase-[a-z-]+\) is not base64/);
    }
    const ctx = createTestEngine({}, { stores: createPrismaStores(to.url) }).ctx;
    expect(await ctx.stores.users.findEmailPasswordAccountByEmail("fb@example.com")).toBeNull();
  });

  it("an export over an existing file readable by others leaves it readable by its owner only", async () => {
    const env = { DATABASE_URL: from.url, GATEHOUSE_SECRET: TEST_SECRET };
    const file = path.join(dir, "old-export.jsonl");
    writeFileSync(file, "an older export\n");
    chmodSync(file, 0o644);
    const exported = await cli(["export", "--to", file], env);
    expect(exported.code).toBe(0);
    // The password hashes it now holds: never world- or group-readable, whatever the file was.
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("an export names the passkey-only users it leaves out beside the passwordless-only ones", async () => {
    const own = await createTestDatabase("sqlite");
    try {
      const user = { id: randomUUID(), email: "passkey-only@example.com", emailVerified: true, timeJoined: T0 };
      const credentialId = randomBytes(16).toString("base64url");
      const credential = {
        id: randomBytes(32).toString("hex"),
        credentialId,
        userId: user.id,
        userHandle: randomBytes(32).toString("base64url"),
        publicKey: randomBytes(77).toString("base64url"),
        counter: 0,
        transports: ["internal"],
        rpId: "localhost",
        name: "Passkey",
        createdAt: T0,
        lastUsedAt: null,
      };
      expect((await createPrismaStores(own.url).webauthn.createWebauthnUser({ user, credential })).status).toBe("OK");
      const exported = await cli(["export", "--to", path.join(dir, "passkey-only.jsonl")], { DATABASE_URL: own.url, GATEHOUSE_SECRET: TEST_SECRET });
      expect(exported).toMatchObject({
        code: 0,
        stderr: "0 users exported; 1 without a password or third-party login (passwordless or passkey only) left out\n",
      });
    } finally {
      await disconnectPrismaClient(own.url);
      await own.drop();
    }
  });

  it("an export of more users than SQLite binds in one statement holds every user once", async () => {
    const own = await createTestDatabase("sqlite");
    try {
      const stores = createPrismaStores(own.url);
      const ids = new Set<string>();
      // More than the 999 values SQLite binds in a statement, and more than one of the export's pages.
      for (let i = 0; i < 1_203; i++) {
        const id = randomUUID();
        ids.add(id);
        await stores.users.createEmailPasswordUser({ id, email: `many-${i}@example.com`, passwordHash: "h", timeJoined: T0 });
      }
      const file = path.join(dir, "many.jsonl");
      const exported = await cli(["export", "--to", file], { DATABASE_URL: own.url, GATEHOUSE_SECRET: TEST_SECRET });
      expect(exported).toMatchObject({ code: 0, stderr: "1203 users exported\n" });
      const lines = readFileSync(file, "utf8").trim().split("\n");
      expect(new Set(lines.map((line) => JSON.parse(line).externalUserId))).toEqual(ids);
      expect(lines).toHaveLength(1_203);
    } finally {
      await disconnectPrismaClient(own.url);
      await own.drop();
    }
  });
});
