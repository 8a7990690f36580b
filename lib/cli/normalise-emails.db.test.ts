/**
 * `gatehouse users normalise-emails` (the real CLI) on each database: rows stored decomposed
 * (NFD) before addresses were compared in NFC, or with their domain as DNS carries it (`xn--`)
 * before the domain was kept in its Unicode form, are rewritten, one user at a time; a user whose
 * rewritten address is another's is left alone and named, with a failing exit code; `--dry-run`
 * changes nothing.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { signIn } from "../auth/emailpassword/sign-in";
import { signUp } from "../auth/emailpassword/sign-up";
import { TEST_SECRET, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, getPrismaClient } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { runCli } from "./testing/run-cli";

const nfc = (local: string) => `${local}\u00e9@b\u00fccher.example`;
const nfd = (local: string) => `${local}e\u0301@bu\u0308cher.example`;

describeOnEachDatabase((provider, url) => {
  it(`rewrites NFD rows to NFC, leaves and names a collision, and a dry run changes nothing (${provider})`, async () => {
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url()), clock: { now: () => new Date(), advanceSeconds() {} } });
    const prisma = await getPrismaClient(url());
    const run = (...args: string[]) =>
      runCli(["users", "normalise-emails", ...args], { env: { DATABASE_URL: url(), GATEHOUSE_SECRET: TEST_SECRET } });
    const password = "fixture-pw-1";
    const credentials = (email: string) => ({ email, password, formFields: { email, password } });

    // A user as an older version stored it: the address decomposed, in the user row, the
    // password account, a provider identity and a reset token; and a passwordless code under way.
    const made = await signUp(ctx, credentials("placeholder@example.com"));
    if (made.status !== "OK") throw new Error(made.status);
    const jose = made.user.id;
    await prisma.user.update({ where: { id: jose }, data: { email: nfd("jos") } });
    await prisma.emailPasswordAccount.update({ where: { userId: jose }, data: { email: nfd("jos") } });
    await prisma.thirdPartyAccount.create({
      data: { id: randomUUID(), userId: jose, thirdPartyId: "google", thirdPartyUserId: "sub-jose", email: nfd("jos") },
    });
    const expiresAt = new Date(Date.now() + 3600_000);
    await prisma.passwordResetToken.create({ data: { tokenHash: `h-${jose}`, userId: jose, email: nfd("jos"), expiresAt, createdAt: new Date() } });
    await prisma.passwordlessDevice.create({ data: { preAuthSessionId: `d-${jose}`, email: nfd("jos"), failedAttempts: 0, createdAt: new Date() } });
    const emailsOf = async () => ({
      user: (await prisma.user.findUnique({ where: { id: jose } }))?.email,
      account: (await prisma.emailPasswordAccount.findUnique({ where: { userId: jose } }))?.email,
      identity: (await prisma.thirdPartyAccount.findFirst({ where: { userId: jose } }))?.email,
      token: (await prisma.passwordResetToken.findFirst({ where: { userId: jose } }))?.email,
      device: (await prisma.passwordlessDevice.findUnique({ where: { preAuthSessionId: `d-${jose}` } }))?.email,
    });
    const allNfd = { user: nfd("jos"), account: nfd("jos"), identity: nfd("jos"), token: nfd("jos"), device: nfd("jos") };
    expect(await emailsOf()).toEqual(allNfd);
    // Unreachable as it is: every lookup asks for the NFC form.
    expect((await signIn(ctx, credentials(nfc("jos")))).status).toBe("WRONG_CREDENTIALS_ERROR");

    const dry = await run("--dry-run");
    expect(dry).toMatchObject({ code: 0, stdout: "would rewrite 4 row(s) of 1 user(s), and 1 row(s) of no user\n" });
    expect(await emailsOf()).toEqual(allNfd);

    // Two accounts for one mailbox: one kept decomposed, one made in NFC since. The column
    // compares bytes on every database (utf8mb4_bin on MariaDB), so both rows can be stored.
    const older = randomUUID();
    await prisma.user.create({ data: { id: older, email: nfd("ren"), emailVerified: false, timeJoined: new Date() } });
    const newer = await signUp(ctx, credentials(nfc("ren")));
    if (newer.status !== "OK") throw new Error(newer.status);

    const dryWithCollision = await run("--dry-run", "--json");
    expect(dryWithCollision.code).toBe(1);
    expect(JSON.parse(dryWithCollision.stdout)).toMatchObject({
      dryRun: true,
      rewritten: [{ userId: jose, rows: 4 }],
      collisions: [{ userId: older, otherUserId: newer.user.id, email: nfc("ren") }],
      unowned: 1,
    });
    expect(await emailsOf()).toEqual(allNfd);

    const done = await run();
    expect(done.code).toBe(1);
    expect(done.stdout).toContain("rewrote 4 row(s) of 1 user(s), and 1 row(s) of no user");
    expect(done.stdout).toMatch(new RegExp(`${older}\\s+${newer.user.id}`));
    expect(done.stderr).toBe("error: 1 user(s) left unchanged: their rewritten address is another account's\n");
    expect(await emailsOf()).toEqual({ user: nfc("jos"), account: nfc("jos"), identity: nfc("jos"), token: nfc("jos"), device: nfc("jos") });
    expect((await signIn(ctx, credentials(nfc("jos")))).status).toBe("OK");
    // The collision is left as it was, both accounts whole.
    expect((await prisma.user.findUnique({ where: { id: older } }))?.email).toBe(nfd("ren"));
    expect((await prisma.user.findUnique({ where: { id: newer.user.id } }))?.email).toBe(nfc("ren"));

    // The CLI's own lookup by email takes either form.
    const shown = await runCli(["users", "show", nfd("jos"), "--json"], { env: { DATABASE_URL: url(), GATEHOUSE_SECRET: TEST_SECRET } });
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: jose, email: nfc("jos") });

    const again = await run();
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("rewrote 0 row(s) of 0 user(s), and 0 row(s) of no user");
  });

  // Runs after the case above, on the same database: its collision is still there, so the
  // reports are searched for this case's users rather than compared whole.
  it(`rewrites rows whose domain was stored as DNS carries it (xn--) into its Unicode form, and names a collision (${provider})`, async () => {
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url()), clock: { now: () => new Date(), advanceSeconds() {} } });
    const prisma = await getPrismaClient(url());
    const run = (...args: string[]) =>
      runCli(["users", "normalise-emails", ...args], { env: { DATABASE_URL: url(), GATEHOUSE_SECRET: TEST_SECRET } });
    const password = "fixture-pw-1";
    const credentials = (email: string) => ({ email, password, formFields: { email, password } });
    const unicode = (local: string) => `${local}@b\u00fccher.example`;
    const ascii = (local: string) => `${local}@xn--bcher-kva.example`;

    // A user as a version before the domain's one form stored it, typed as xn--: the user row,
    // the password account, a verification link under way; and a passwordless code under way.
    const made = await signUp(ctx, credentials("placeholder-ana@example.com"));
    if (made.status !== "OK") throw new Error(made.status);
    const ana = made.user.id;
    await prisma.user.update({ where: { id: ana }, data: { email: ascii("ana") } });
    await prisma.emailPasswordAccount.update({ where: { userId: ana }, data: { email: ascii("ana") } });
    const expiresAt = new Date(Date.now() + 3600_000);
    await prisma.emailVerificationToken.create({
      data: { tokenHash: `v-${ana}`, userId: ana, email: ascii("ana"), expiresAt, createdAt: new Date() },
    });
    await prisma.passwordlessDevice.create({ data: { preAuthSessionId: `d-${ana}`, email: ascii("ana"), failedAttempts: 0, createdAt: new Date() } });
    const emailsOf = async () => ({
      user: (await prisma.user.findUnique({ where: { id: ana } }))?.email,
      account: (await prisma.emailPasswordAccount.findUnique({ where: { userId: ana } }))?.email,
      token: (await prisma.emailVerificationToken.findUnique({ where: { tokenHash: `v-${ana}` } }))?.email,
      device: (await prisma.passwordlessDevice.findUnique({ where: { preAuthSessionId: `d-${ana}` } }))?.email,
    });
    // Unreachable under either spelling until the rewrite: every lookup asks for the Unicode form.
    for (const email of [unicode("ana"), ascii("ana")]) expect((await signIn(ctx, credentials(email))).status).toBe("WRONG_CREDENTIALS_ERROR");

    // Two accounts for one mailbox: one made as xn-- by an older version, one in Unicode since.
    const older = randomUUID();
    await prisma.user.create({ data: { id: older, email: ascii("lea"), emailVerified: false, timeJoined: new Date() } });
    const newer = await signUp(ctx, credentials(unicode("lea")));
    if (newer.status !== "OK") throw new Error(newer.status);

    const dry = await run("--dry-run", "--json");
    expect(dry.code).toBe(1);
    const planned = JSON.parse(dry.stdout);
    expect(planned.rewritten).toContainEqual({ userId: ana, rows: 3 });
    expect(planned.collisions).toContainEqual({ userId: older, otherUserId: newer.user.id, email: unicode("lea") });
    expect(planned.unowned).toBe(1);
    expect(await emailsOf()).toEqual({ user: ascii("ana"), account: ascii("ana"), token: ascii("ana"), device: ascii("ana") });

    const done = await run();
    expect(done.code).toBe(1);
    expect(done.stdout).toContain("rewrote 3 row(s) of 1 user(s), and 1 row(s) of no user");
    expect(done.stdout).toMatch(new RegExp(`${older}\\s+${newer.user.id}\\s+${unicode("lea")}`));
    expect(done.stderr).toMatch(/^error: \d+ user\(s\) left unchanged: their rewritten address is another account's\n$/);
    expect(await emailsOf()).toEqual({ user: unicode("ana"), account: unicode("ana"), token: unicode("ana"), device: unicode("ana") });
    for (const email of [unicode("ana"), ascii("ana")]) expect((await signIn(ctx, credentials(email))).status).toBe("OK");
    // The collision is left as it was, both accounts whole.
    expect((await prisma.user.findUnique({ where: { id: older } }))?.email).toBe(ascii("lea"));
    expect((await prisma.user.findUnique({ where: { id: newer.user.id } }))?.email).toBe(unicode("lea"));

    const again = await run("--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ rewritten: [], unowned: 0 });
  });
});
