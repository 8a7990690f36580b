/**
 * The UserAdminStore contract, run against every database (prisma-user-admin-store.db.test.ts) and the
 * memory store (memory-user-admin-store.test.ts). Databases are shared by the whole file, so
 * each test works under its own email prefix.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function runUserAdminStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`user admin store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });
    const tag = () => `ua${randomUUID().slice(0, 8)}`;
    async function user(email: string, timeJoined: Date, id: string = randomUUID()): Promise<string> {
      const r = await stores.users.createEmailPasswordUser({ id, email, passwordHash: "h", timeJoined });
      if (r.status !== "OK") throw new Error(`user ${email}`);
      return id;
    }

    it("pages newest and oldest first by (timeJoined, id), ties broken by id, from an exclusive cursor", async () => {
      const t = tag();
      // Two users share each instant, so only the id orders them.
      const made: { id: string; timeJoined: Date }[] = [];
      for (let i = 0; i < 6; i++) {
        const timeJoined = at(Math.floor(i / 2));
        made.push({ id: await user(`${t}-${i}@example.com`, timeJoined), timeJoined });
      }
      const key = (u: { id: string; timeJoined: Date }) => [u.timeJoined.getTime(), u.id] as const;
      const newest = await stores.userAdmin.listUsers({ order: "newest", limit: 10, emailPrefix: t });
      const oldest = await stores.userAdmin.listUsers({ order: "oldest", limit: 10, emailPrefix: t });
      expect(newest.map((u) => u.id)).toEqual(oldest.map((u) => u.id).reverse());
      expect(new Set(newest.map((u) => u.id))).toEqual(new Set(made.map((u) => u.id)));
      for (let i = 1; i < oldest.length; i++) {
        const [a, b] = [key(oldest[i - 1]), key(oldest[i])];
        expect(a[0] < b[0] || (a[0] === b[0] && a[1] !== b[1])).toBe(true);
      }
      // Walking two at a time from each page's last row gives the same sequence.
      for (const order of ["newest", "oldest"] as const) {
        const walked: string[] = [];
        let after: { timeJoined: Date; id: string } | undefined;
        for (;;) {
          const page = await stores.userAdmin.listUsers({ order, limit: 2, emailPrefix: t, after });
          walked.push(...page.map((u) => u.id));
          if (page.length < 2) break;
          after = page[page.length - 1];
        }
        expect(walked).toEqual((order === "newest" ? newest : oldest).map((u) => u.id));
      }
      // A cursor between two tied users continues with the second.
      const [first, second] = oldest;
      expect(first.timeJoined.getTime()).toBe(second.timeJoined.getTime());
      const next = await stores.userAdmin.listUsers({ order: "oldest", limit: 1, emailPrefix: t, after: first });
      expect(next.map((u) => u.id)).toEqual([second.id]);
    });

    it("filters by email prefix (literally: _ and % are not wildcards) and by sign-in method, and counts", async () => {
      const t = tag();
      await user(`${t}_alice@example.com`, at(1));
      await user(`${t}xbob@example.com`, at(2));
      await user(`${t}%carol@example.com`, at(3));
      const emails = async (emailPrefix: string) =>
        (await stores.userAdmin.listUsers({ order: "oldest", limit: 10, emailPrefix })).map((u) => u.email);
      expect(await emails(t)).toEqual([`${t}_alice@example.com`, `${t}xbob@example.com`, `${t}%carol@example.com`]);
      expect(await emails(`${t}_`)).toEqual([`${t}_alice@example.com`]);
      expect(await emails(`${t}%`)).toEqual([`${t}%carol@example.com`]);
      expect(await emails(`${t}-nobody`)).toEqual([]);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t })).toBe(3);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t, method: "emailpassword" })).toBe(3);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t, method: "thirdparty" })).toBe(0);
      expect(await stores.userAdmin.listUsers({ order: "newest", limit: 10, emailPrefix: t, method: "thirdparty" })).toEqual([]);
      expect(await stores.userAdmin.countUsers({})).toBeGreaterThanOrEqual(3);
    });

    it("lists third-party accounts as sign-in methods and filters by method", async () => {
      const t = tag();
      const both = await user(`${t}-both@example.com`, at(1));
      expect(await stores.users.markEmailVerified(both, `${t}-both@example.com`)).toBe(true);
      const linked = await stores.thirdParty.linkAccountToVerifiedUser({
        userId: both,
        email: `${t}-both@example.com`,
        account: { id: randomUUID(), thirdPartyId: "github", thirdPartyUserId: `gh-${t}`, email: `${t}-both@example.com` },
      });
      expect(linked).toEqual({ status: "OK" });
      const only = randomUUID();
      await stores.thirdParty.createThirdPartyUser({
        user: { id: only, email: `${t}-tp@example.com`, emailVerified: true, timeJoined: at(2) },
        account: { id: randomUUID(), thirdPartyId: "google", thirdPartyUserId: `g-${t}`, email: `${t}-tp@example.com` },
      });
      await user(`${t}-ep@example.com`, at(3));
      const tp = await stores.userAdmin.listUsers({ order: "oldest", limit: 10, emailPrefix: t, method: "thirdparty" });
      expect(tp.map((u) => u.id)).toEqual([both, only]);
      expect(tp[0].loginMethods).toEqual([
        { recipeId: "emailpassword", email: `${t}-both@example.com` },
        { recipeId: "thirdparty", email: `${t}-both@example.com`, thirdParty: { id: "github", userId: `gh-${t}` } },
      ]);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t, method: "emailpassword" })).toBe(2);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t, method: "thirdparty" })).toBe(2);
      // Deleting the user takes the identity along: it can be made again for someone else.
      expect((await stores.userAdmin.deleteUser(only, REVOKED)).didUserExist).toBe(true);
      expect(await stores.thirdParty.findAccount("google", `g-${t}`)).toBeNull();
    });

    it("lists passwordless accounts (email and phone number) as sign-in methods and filters by method", async () => {
      const t = tag();
      const byEmail = randomUUID();
      const email = `${t}-pl@example.com`;
      await stores.passwordless.createPasswordlessUser({
        user: { id: byEmail, email, emailVerified: true, timeJoined: at(1) },
        account: { userId: byEmail, email, phoneNumber: null },
      });
      const byPhone = randomUUID();
      const phoneNumber = `+49170${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
      await stores.passwordless.createPasswordlessUser({
        user: { id: byPhone, email: null, emailVerified: false, timeJoined: at(2) },
        account: { userId: byPhone, email: null, phoneNumber },
      });
      await user(`${t}-ep@example.com`, at(3));
      const listed = await stores.userAdmin.listUsers({ order: "oldest", limit: 10, emailPrefix: t, method: "passwordless" });
      expect(listed.map((u) => u.id)).toEqual([byEmail]);
      expect(listed[0].loginMethods).toEqual([{ recipeId: "passwordless", email }]);
      expect((await stores.userAdmin.getUserSummary(byPhone))?.loginMethods).toEqual([{ recipeId: "passwordless", email: "", phoneNumber }]);
      expect(await stores.userAdmin.countUsers({ emailPrefix: t, method: "passwordless" })).toBe(1);
    });

    it("returns one user's summary with their sign-in methods", async () => {
      const t = tag();
      const id = await user(`${t}@example.com`, at(5));
      expect(await stores.userAdmin.getUserSummary(id)).toEqual({
        id,
        email: `${t}@example.com`,
        emailVerified: false,
        timeJoined: at(5),
        loginMethods: [{ recipeId: "emailpassword", email: `${t}@example.com` }],
      });
      expect(await stores.userAdmin.getUserSummary(randomUUID())).toBeNull();
    });

    it("deletes a user with their account, sessions, role grants and email tokens", async () => {
      const t = tag();
      const email = `${t}@example.com`;
      const id = await user(email, at(1));
      const keep = await user(`${t}-keep@example.com`, at(1));
      const session = (userId: string) => ({
        sessionHandle: randomUUID(),
        userId,
        sessionData: {},
        jwtPayload: {},
        refreshTokenHash: randomUUID(),
        previousRefreshTokenHash: null,
        rotatedAt: null,
        createdAt: T0,
        expiresAt: at(3600),
        absoluteExpiresAt: at(3600),
        lastActiveAt: T0,
        userAgent: null,
        ip: null,
      });
      const [mine, theirs] = [session(id), session(keep)];
      await stores.sessions.createSession(mine);
      await stores.sessions.createSession(theirs);
      const role = `${t}-role`;
      await stores.roles.createRoleOrAddPermissions(role, ["p"]);
      await stores.roles.addRoleToUser(id, role);
      await stores.roles.addRoleToUser(keep, role);
      for (const tokens of [stores.emailVerificationTokens, stores.passwordResetTokens]) {
        await tokens.replaceTokensForUser({ tokenHash: randomUUID(), userId: id, email, createdAt: T0, expiresAt: at(60) });
      }

      expect(await stores.userAdmin.deleteUser(id, REVOKED)).toEqual({ didUserExist: true, revokedSessionHandles: [mine.sessionHandle] });
      // Recorded as revoked in the same transaction: every instance refuses its access token.
      expect(await stores.revocations.hasRevocation(mine.sessionHandle, T0)).toBe(true);
      expect(await stores.revocations.hasRevocation(theirs.sessionHandle, T0)).toBe(false);
      expect(await stores.users.getUserById(id)).toBeNull();
      expect(await stores.users.findEmailPasswordAccountByEmail(email)).toBeNull();
      expect(await stores.sessions.getSession(mine.sessionHandle)).toBeNull();
      expect(await stores.roles.getRolesForUser(id)).toEqual([]);
      expect(await stores.roles.getUsersThatHaveRole(role, { limit: 10 })).toEqual([keep]);
      expect(await stores.emailVerificationTokens.deleteTokensForUser(id)).toBe(0);
      expect(await stores.passwordResetTokens.deleteTokensForUser(id)).toBe(0);
      // Nobody else's data moved, and the email is free again.
      expect(await stores.sessions.getSession(theirs.sessionHandle)).not.toBeNull();
      expect(await stores.userAdmin.deleteUser(id, REVOKED)).toEqual({ didUserExist: false, revokedSessionHandles: [] });
      await user(email, at(2));
    });

    it("writes no session for a user already deleted: createSession answers false rather than throwing", async () => {
      const t = tag();
      const id = await user(`${t}@example.com`, T0);
      expect((await stores.userAdmin.deleteUser(id, REVOKED)).didUserExist).toBe(true);
      const late = {
        sessionHandle: randomUUID(),
        userId: id,
        sessionData: {},
        jwtPayload: {},
        refreshTokenHash: "e".repeat(64),
        previousRefreshTokenHash: null,
        rotatedAt: null,
        createdAt: T0,
        expiresAt: at(60),
        absoluteExpiresAt: at(120),
        lastActiveAt: T0,
        userAgent: null,
        ip: null,
      };
      expect(await stores.sessions.createSession(late)).toBe(false);
      // With its sign-in's audit row (one statement or one transaction): neither row.
      const signIn = { id: randomUUID(), time: T0, type: "auth.signin", userId: id, ip: null, userAgent: null, detail: {} };
      expect(await stores.sessions.createSession(late, signIn)).toBe(false);
      expect(await stores.sessions.getSession(late.sessionHandle)).toBeNull();
    });

    it("counts sign-ups in a half-open time range", async () => {
      const t = tag();
      const base = new Date("2040-02-03T00:00:00.000Z");
      const plus = (ms: number) => new Date(base.getTime() + ms);
      await user(`${t}-a@example.com`, plus(0));
      await user(`${t}-b@example.com`, plus(86_399_999));
      await user(`${t}-c@example.com`, plus(86_400_000));
      expect(await stores.userAdmin.countUsersJoinedBetween(base, plus(86_400_000))).toBe(2);
      expect(await stores.userAdmin.countUsersJoinedBetween(plus(86_400_000), plus(2 * 86_400_000))).toBe(1);
    });
  });
}
