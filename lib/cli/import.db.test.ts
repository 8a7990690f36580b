/**
 * Importing users in the import format on SQLite, PostgreSQL and MariaDB, then signing in as
 * they would: with the original password (hash upgraded to argon2id), through a third-party
 * identity, with their roles in the session. Idempotence, conflicts, dry run and a broken line
 * in the middle of a batch.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { signIn } from "../auth/emailpassword/sign-in";
import { importUserBatch, type ImportInputLine } from "../auth/import/import-users";
import { GATEHOUSE_HASH_PREFIX } from "../auth/imported-hashes/stored-hash-format";
import { getSession } from "../auth/session/session";
import { FIREBASE_SAMPLE, passwordUsers } from "../auth/testing/import-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { signInUpWithProfile } from "../auth/thirdparty/sign-in-up";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";

const lines = (values: unknown[]): ImportInputLine[] => values.map((value, i) => ({ line: i + 1, value }));

describeOnEachDatabase((provider, url) => {
  it("imported users sign in with their original passwords, and their hashes become argon2id", async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const tag = randomUUID().slice(0, 8);
    const users = await passwordUsers(tag);
    // A user signing in with Google, an admin, in the same batch, and a broken line among them.
    const google = {
      recipeId: "thirdparty",
      thirdPartyId: "google",
      thirdPartyUserId: `sub-${tag}`,
      email: `g-${tag}@example.com`,
      isVerified: true,
    };
    const withIdentity = {
      externalUserId: `tp-${tag}`,
      userRoles: [{ role: `admin-${tag}`, tenantIds: ["public"] }],
      userMetadata: { plan: "pro" },
      loginMethods: [google],
    };
    const input = lines([...users.slice(0, 3).map((u) => u.line), { loginMethods: "broken" }, withIdentity, ...users.slice(3).map((u) => u.line)]);
    input.splice(4, 0, { line: 99, parseError: "Unexpected token" });
    const options = { source: "json", dryRun: false, firebase: FIREBASE_SAMPLE.parameters };

    const dry = await importUserBatch(ctx, input, { ...options, dryRun: true });
    expect(dry.filter((r) => r.status === "CREATED")).toHaveLength(users.length + 1);
    expect(await stores.users.findEmailPasswordAccountByEmail(users[0].email)).toBeNull();

    const reports = await importUserBatch(ctx, input, options);
    expect(reports.map((r) => r.status)).toEqual(["CREATED", "CREATED", "CREATED", "INVALID", "INVALID", "CREATED", "CREATED", "CREATED", "CREATED"]);
    expect(reports[3]).toMatchObject({ line: 4, reason: expect.stringContaining("loginMethods") });

    for (const user of users) {
      expect((await signIn(ctx, { email: user.email, password: `${user.password}x`, formFields: {} })).status).toBe("WRONG_CREDENTIALS_ERROR");
      expect((await signIn(ctx, { email: user.email, password: user.password, formFields: {} })).status, user.email).toBe("OK");
      const account = await stores.users.findEmailPasswordAccountByEmail(user.email);
      expect(account?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX), user.email).toBe(true);
      expect(account?.user.timeJoined).toEqual(new Date(1_600_000_000_000));
      expect((await signIn(ctx, { email: user.email, password: user.password, formFields: {} })).status).toBe("OK");
    }

    const viaGoogle = await signInUpWithProfile(ctx, {
      thirdPartyId: "google",
      profile: { id: google.thirdPartyUserId, email: google.email, emailVerified: true },
      raw: {},
    });
    expect(viaGoogle).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: `tp-${tag}` } });
    if (viaGoogle.status !== "OK") return;
    const session = await getSession(ctx, { accessToken: viaGoogle.tokens.accessToken });
    expect(session.status === "OK" && JSON.stringify(session.session.accessTokenPayload["st-role"])).toContain(`admin-${tag}`);

    // Re-running changes nothing and duplicates nothing; the upgraded hashes stay.
    const again = await importUserBatch(ctx, input, options);
    expect(again.filter((r) => r.status === "UPDATED")).toHaveLength(users.length + 1);
    const upgraded = await stores.users.findEmailPasswordAccountByEmail(users[0].email);
    expect(upgraded?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(true);
    expect((await stores.imports.findByExternalId(`tp-${tag}`)).map((i) => i.source)).toEqual(["json"]);

    // The same email from another source is a conflict for that user alone.
    const other = await importUserBatch(ctx, lines([users[0].line]), { ...options, source: "lucia" });
    expect(other[0]).toMatchObject({ status: "CONFLICT", reason: "EMAIL_BELONGS_TO_ANOTHER_USER", otherUserId: `bcrypt4-${tag}` });
    expect(provider).toBeTruthy();
  });

  it("a line with U+0000 in any text is INVALID, and the rest of the batch is imported", async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const tag = randomUUID().slice(0, 8);
    const user = (local: string, extra: Record<string, unknown> = {}) => ({
      loginMethods: [{ recipeId: "emailpassword", email: `${local}-${tag}@example.com`, plainTextPassword: "fixture-pw-1" }],
      ...extra,
    });
    const input = lines([
      user("ok1"),
      user("nul\u0000"),
      user("meta", { userMetadata: { note: "a\u0000b" } }),
      user("id", { externalUserId: `x\u0000${tag}` }),
      user("ok2"),
    ]);
    const reports = await importUserBatch(ctx, input, { source: "json", dryRun: false });
    expect(reports.map((r) => r.status)).toEqual(["CREATED", "INVALID", "INVALID", "INVALID", "CREATED"]);
    for (const r of reports.slice(1, 4)) expect(r).toMatchObject({ reason: "line: text with U+0000 (NUL) cannot be stored" });
    expect(await stores.users.findEmailPasswordAccountByEmail(`ok2-${tag}@example.com`)).not.toBeNull();
    expect(await stores.users.findEmailPasswordAccountByEmail(`meta-${tag}@example.com`)).toBeNull();
  });
});
