/**
 * The ThirdPartyStore contract, run against every database (prisma-third-party-store.db.test.ts) and
 * the memory store (memory-third-party-store.test.ts). Each test uses its own ids and emails.
 */
import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;
const account = (thirdPartyUserId = `sub-${randomUUID()}`, thirdPartyId = "google", mail = email("tp")) => ({
  id: randomUUID(),
  thirdPartyId,
  thirdPartyUserId,
  email: mail,
});
const newUser = (mail: string | null, emailVerified = true): UserRow => ({ id: randomUUID(), email: mail, emailVerified, timeJoined: T0 });

export function runThirdPartyStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`third-party store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    it("creates a user with its identity in one step and finds both back", async () => {
      const user = newUser(email("new"));
      const identity = account(`Sub-${randomUUID()}`, "google", user.email!);
      expect(await stores.thirdParty.createThirdPartyUser({ user, account: identity })).toEqual({ status: "OK", user });
      expect(await stores.thirdParty.findAccount("google", identity.thirdPartyUserId)).toEqual({ account: { ...identity, userId: user.id }, user });
      expect(await stores.thirdParty.findUserByEmail(user.email!)).toEqual(user);
      expect(await stores.users.getUserById(user.id)).toEqual(user);
      expect(await stores.thirdParty.getLoginMethods(user.id)).toEqual({
        user,
        hasPassword: false,
        thirdPartyAccounts: [{ ...identity, userId: user.id }],
      });
    });

    it("keys identities by provider and case-sensitive provider user id, never by email", async () => {
      const sub = `Sub-${randomUUID()}`;
      const first = newUser(email("a"));
      await stores.thirdParty.createThirdPartyUser({ user: first, account: account(sub, "google") });
      expect(await stores.thirdParty.findAccount("google", sub.toLowerCase())).toBeNull();
      expect(await stores.thirdParty.findAccount("github", sub)).toBeNull();
      // The same provider user id at another provider is another identity.
      const second = newUser(email("b"));
      expect((await stores.thirdParty.createThirdPartyUser({ user: second, account: account(sub, "github") })).status).toBe("OK");
      expect((await stores.thirdParty.findAccount("github", sub))?.user.id).toBe(second.id);
    });

    it("finds no identity by a provider user id or provider id that differs by trailing spaces or case", async () => {
      // MySQL's binary collation still pads: "sub " equalled "sub", a sign-in as someone else.
      const sub = `sub-${randomUUID()}`;
      const user = newUser(email("pad"));
      await stores.thirdParty.createThirdPartyUser({ user, account: account(sub, "google") });
      expect(await stores.thirdParty.findAccount("google", `${sub} `)).toBeNull();
      expect(await stores.thirdParty.findAccount("google ", sub)).toBeNull();
      expect(await stores.thirdParty.findAccount("Google", sub)).toBeNull();
      expect((await stores.thirdParty.findAccount("google", sub))?.user.id).toBe(user.id);
    });

    it("refuses a taken identity or a taken email without leaving a half-made user", async () => {
      const sub = `sub-${randomUUID()}`;
      const owner = newUser(email("owner"));
      await stores.thirdParty.createThirdPartyUser({ user: owner, account: account(sub) });
      const again = newUser(email("again"));
      expect(await stores.thirdParty.createThirdPartyUser({ user: again, account: account(sub) })).toEqual({ status: "ACCOUNT_ALREADY_EXISTS" });
      expect(await stores.users.getUserById(again.id)).toBeNull();
      expect(await stores.thirdParty.findUserByEmail(again.email!)).toBeNull();

      const sameEmail = newUser(owner.email);
      const result = await stores.thirdParty.createThirdPartyUser({ user: sameEmail, account: account() });
      expect(["EMAIL_ALREADY_EXISTS_ERROR", "ACCOUNT_ALREADY_EXISTS"]).toContain(result.status);
      expect(await stores.users.getUserById(sameEmail.id)).toBeNull();
    });

    it("treats an email+password user's address as taken", async () => {
      const mail = email("ep");
      const created = await stores.users.createEmailPasswordUser({ id: randomUUID(), email: mail, passwordHash: "h", timeJoined: T0 });
      if (created.status !== "OK") throw new Error("setup");
      const clash = newUser(mail);
      expect((await stores.thirdParty.createThirdPartyUser({ user: clash, account: account() })).status).not.toBe("OK");
      expect(await stores.thirdParty.findUserByEmail(mail)).toEqual(created.user);
      expect((await stores.thirdParty.getLoginMethods(created.user.id))?.hasPassword).toBe(true);
    });

    it("lets exactly one of ten concurrent sign-ups with one identity make a user", async () => {
      const sub = `race-${randomUUID()}`;
      const mail = email("race");
      const users = Array.from({ length: 10 }, () => newUser(mail));
      const results = await Promise.all(users.map((user) => stores.thirdParty.createThirdPartyUser({ user, account: account(sub, "google", mail) })));
      expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
      const made = await Promise.all(users.map((u) => stores.users.getUserById(u.id)));
      expect(made.filter(Boolean)).toHaveLength(1);
      expect((await stores.thirdParty.findAccount("google", sub))?.user.id).toBe(made.find(Boolean)!.id);
    });

    it("links an identity to a user only while its email is that email and verified", async () => {
      const mail = email("link");
      const owner = newUser(mail, true);
      await stores.thirdParty.createThirdPartyUser({ user: owner, account: account(undefined, "google", mail) });
      const github = account(undefined, "github", mail);
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: owner.id, email: mail, account: github })).toEqual({ status: "OK" });
      expect((await stores.thirdParty.findAccount("github", github.thirdPartyUserId))?.user.id).toBe(owner.id);
      expect((await stores.thirdParty.getLoginMethods(owner.id))?.thirdPartyAccounts.map((a) => a.thirdPartyId)).toEqual(["github", "google"]);
      // Linking the same identity again, to anyone, is refused.
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: owner.id, email: mail, account: { ...github, id: randomUUID() } })).toEqual({
        status: "ACCOUNT_ALREADY_EXISTS",
      });

      const unverified = newUser(email("unverified"), false);
      await stores.thirdParty.createThirdPartyUser({ user: unverified, account: account() });
      const attempt = account(undefined, "gitlab", unverified.email!);
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: unverified.id, email: unverified.email!, account: attempt })).toEqual({
        status: "USER_NOT_ELIGIBLE",
      });
      expect(await stores.thirdParty.findAccount("gitlab", attempt.thirdPartyUserId)).toBeNull();
      // Another email than the user's (it changed meanwhile), or no such user.
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: owner.id, email: email("other"), account: account() })).toEqual({
        status: "USER_NOT_ELIGIBLE",
      });
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: randomUUID(), email: mail, account: account() })).toEqual({
        status: "USER_NOT_ELIGIBLE",
      });
    });

    it("lets a user without an address claim a free one, verified; never a held one, never a second one", async () => {
      const mail = email("claim");
      const unproven = newUser(null, false);
      await stores.thirdParty.createThirdPartyUser({ user: unproven, account: account(undefined, "discord", mail) });
      const rival = newUser(null, false);
      await stores.thirdParty.createThirdPartyUser({ user: rival, account: account(undefined, "discord", mail) });
      expect(await stores.thirdParty.claimEmail(unproven.id, mail)).toBe(true);
      expect(await stores.users.getUserById(unproven.id)).toEqual({ ...unproven, email: mail, emailVerified: true });
      expect(await stores.thirdParty.claimEmail(rival.id, mail)).toBe(false);
      expect(await stores.thirdParty.claimEmail(unproven.id, email("second"))).toBe(false);
      expect(await stores.thirdParty.claimEmail(randomUUID(), email("ghost"))).toBe(false);
      expect(await stores.users.getUserById(rival.id)).toEqual(rival);
      // An email+password user's address is held too.
      const taken = email("ep");
      await stores.users.createEmailPasswordUser({ id: randomUUID(), email: taken, passwordHash: "h", timeJoined: T0 });
      expect(await stores.thirdParty.claimEmail(rival.id, taken)).toBe(false);
    });

    it("releases an address only from a holder without proof: unverified and without a password", async () => {
      const held = newUser(email("held"), false);
      await stores.thirdParty.createThirdPartyUser({ user: held, account: account(undefined, "discord", held.email!) });
      expect(await stores.thirdParty.releaseUnprovenEmail(held.id, email("other"), "proof")).toBe(false);
      expect(await stores.thirdParty.releaseUnprovenEmail(held.id, held.email!, "proof")).toBe(true);
      expect(await stores.users.getUserById(held.id)).toEqual({ ...held, email: null });
      expect(await stores.thirdParty.findUserByEmail(held.email!)).toBeNull();

      const verified = newUser(email("verified"), true);
      await stores.thirdParty.createThirdPartyUser({ user: verified, account: account(undefined, "google", verified.email!) });
      expect(await stores.thirdParty.releaseUnprovenEmail(verified.id, verified.email!, "proof")).toBe(false);

      const withPassword = email("pw");
      const created = await stores.users.createEmailPasswordUser({ id: randomUUID(), email: withPassword, passwordHash: "h", timeJoined: T0 });
      if (created.status !== "OK") throw new Error(created.status);
      expect(await stores.thirdParty.releaseUnprovenEmail(created.user.id, withPassword, "proof")).toBe(false);
      expect((await stores.users.getUserById(created.user.id))?.email).toBe(withPassword);
    });

    it("releases to a sign-up only from a provider-only holder; a passkey or passwordless user keeps its address", async () => {
      const legacy = newUser(email("legacy"), false);
      await stores.thirdParty.createThirdPartyUser({ user: legacy, account: account(undefined, "discord", legacy.email!) });
      expect(await stores.thirdParty.releaseUnprovenEmail(legacy.id, legacy.email!, "sign-up")).toBe(true);

      const withPasskey = newUser(email("passkey"), false);
      const credentialId = randomUUID();
      const passkey = {
        id: createHash("sha256").update(credentialId).digest("hex"),
        credentialId,
        userId: withPasskey.id,
        userHandle: randomUUID(),
        publicKey: "pk",
        counter: 0,
        transports: [],
        rpId: "localhost",
        name: "Passkey",
        createdAt: T0,
        lastUsedAt: null,
      };
      expect((await stores.webauthn.createWebauthnUser({ user: withPasskey, credential: passkey })).status).toBe("OK");
      const withCode = newUser(email("code"), false);
      const code = { userId: withCode.id, email: withCode.email, phoneNumber: null };
      expect((await stores.passwordless.createPasswordlessUser({ user: withCode, account: code })).status).toBe("OK");
      for (const holder of [withPasskey, withCode]) {
        expect(await stores.thirdParty.releaseUnprovenEmail(holder.id, holder.email!, "sign-up")).toBe(false);
        expect((await stores.users.getUserById(holder.id))?.email).toBe(holder.email);
        // A newcomer who proved the address still takes it.
        expect(await stores.thirdParty.releaseUnprovenEmail(holder.id, holder.email!, "proof")).toBe(true);
      }
    });

    it("a released address leaves the holder's passwordless account too: gone with only the address, the number kept", async () => {
      const phone = () => `+4917${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
      const onlyAddress = newUser(email("code-only"), false);
      const both = newUser(email("code-both"), false);
      const number = phone();
      for (const [user, phoneNumber] of [
        [onlyAddress, null],
        [both, number],
      ] as const) {
        const code = { userId: user.id, email: user.email, phoneNumber };
        expect((await stores.passwordless.createPasswordlessUser({ user, account: code })).status).toBe("OK");
        expect(await stores.thirdParty.releaseUnprovenEmail(user.id, user.email!, "proof")).toBe(true);
        expect(await stores.passwordless.findAccount({ email: user.email! })).toBeNull();
      }
      expect(await stores.passwordless.getAccountByUserId(onlyAddress.id)).toBeNull();
      expect(await stores.passwordless.getAccountByUserId(both.id)).toEqual({ userId: both.id, email: null, phoneNumber: number });
      expect((await stores.passwordless.findAccount({ phoneNumber: number }))?.user.id).toBe(both.id);
    });

    it("updates the identity's email, not the user's", async () => {
      const user = newUser(email("keep"));
      const identity = account(undefined, "google", user.email!);
      await stores.thirdParty.createThirdPartyUser({ user, account: identity });
      const moved = email("moved");
      await stores.thirdParty.updateAccountEmail(identity.id, moved);
      expect((await stores.thirdParty.findAccount("google", identity.thirdPartyUserId))?.account.email).toBe(moved);
      expect((await stores.users.getUserById(user.id))?.email).toBe(user.email);
      expect(await stores.thirdParty.getLoginMethods(randomUUID())).toBeNull();
    });

    it("removes every identity of one user, and only theirs", async () => {
      const user = newUser(email("taken"));
      const [first, second] = [account(), account(undefined, "github")];
      await stores.thirdParty.createThirdPartyUser({ user, account: first });
      expect(await stores.thirdParty.linkAccountToVerifiedUser({ userId: user.id, email: user.email!, account: second })).toEqual({ status: "OK" });
      const other = newUser(email("other"));
      const kept = account();
      await stores.thirdParty.createThirdPartyUser({ user: other, account: kept });
      expect(await stores.thirdParty.deleteAccountsForUser(user.id)).toBe(2);
      expect(await stores.thirdParty.deleteAccountsForUser(user.id)).toBe(0);
      expect(await stores.thirdParty.findAccount("google", first.thirdPartyUserId)).toBeNull();
      expect(await stores.thirdParty.findAccount("github", second.thirdPartyUserId)).toBeNull();
      expect(await stores.thirdParty.getLoginMethods(user.id)).toEqual({ user, hasPassword: false, thirdPartyAccounts: [] });
      expect((await stores.thirdParty.findAccount("google", kept.thirdPartyUserId))?.user.id).toBe(other.id);
    });
  });
}
