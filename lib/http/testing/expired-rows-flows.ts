/**
 * Rows that only ever expire are deleted by requests, at most once an hour per instance (no
 * timer, so that serverless needs nothing running): years of sign-outs must not grow the
 * database without bound. Run on memory (expired-rows.test.ts) and every database
 * (expired-rows.db.test.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import type { createTestEngine, TestEngineOptions } from "../../auth/testing/test-engine";
import { createAuthClient, credentials } from "./client";

type MakeEngine = (config: GatehouseConfig, wiring: Pick<TestEngineOptions, "waitUntil">) => Promise<ReturnType<typeof createTestEngine>>;

const HOUR_SECONDS = 3600;

export function describeExpiredRowsFlows(name: string, makeEngine: MakeEngine): void {
  describe(name, () => {
    async function setup(config: GatehouseConfig = { session: { accessTokenTtlSeconds: 600 } }) {
      const background: Promise<unknown>[] = [];
      const made = await makeEngine(config, { waitUntil: (task) => void background.push(task) });
      const settle = () => Promise.all(background.splice(0));
      const tag = `xr${randomUUID().slice(0, 8)}`;
      const mail = (local: string) => `${tag}-${local}@example.com`;
      /** Any request: the one that finds the hourly deletion due starts it. */
      const ping = async () => {
        await createAuthClient(made.ctx).send("GET", `/api/auth/emailpassword/email/exists?email=${mail("ping")}`);
        await settle();
      };
      return { ...made, settle, mail, ping };
    }

    it("deletes revocations once no access token they refuse can still be valid, at most once an hour", async () => {
      const { ctx, clock, settle, mail, ping } = await setup();
      const signOut = async (local: string) => {
        const client = createAuthClient(ctx);
        expect((await client.send("POST", "/api/auth/signup", { body: credentials(mail(local), "expired-Rows-pw1") })).status).toBe(200);
        expect((await client.send("POST", "/api/auth/signout")).status).toBe(200);
        await settle();
      };
      // Every row still stored, expired or not (listRevocations skips those expired at `now`).
      const stored = async () => (await ctx.stores.revocations.listRevocations(undefined, new Date(0))).map((r) => r.sessionHandle);

      await signOut("early"); // the first request also ran the hourly deletion: nothing was due
      const [early] = await stored();
      expect(early).toBeDefined();
      // Expired (one access-token lifetime and a minute), but the hour has not passed.
      clock.advanceSeconds(1200);
      await ping();
      expect(await stored()).toContain(early);

      clock.advanceSeconds(HOUR_SECONDS - 1200 - 300);
      await signOut("late");
      const late = (await stored()).find((handle) => handle !== early);
      clock.advanceSeconds(300);
      await ping();
      // The expired one is gone; the one still refusing a live access token stays.
      expect(await stored()).not.toContain(early);
      expect(await stored()).toContain(late);
    });

    it("deletes sessions one access-token lifetime after they expired, at most once an hour", async () => {
      const { ctx, clock, mail, ping } = await setup({ session: { accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 2 * HOUR_SECONDS } });
      const signIn = async (local: string) => {
        const up = await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(mail(local), "expired-Rows-pw1") });
        expect(up.status).toBe(200);
        const [handle] = await ctx.stores.sessions.listSessionHandlesForUser(((await up.json()) as { user: { id: string } }).user.id, ctx.now());
        return handle!;
      };
      const kept = async (handle: string) => (await ctx.stores.sessions.getSession(handle)) !== null;

      const abandoned = await signIn("abandoned"); // never refreshed: expires at T0 + 2 h
      clock.advanceSeconds(2 * HOUR_SECONDS + 600);
      const recent = await signIn("recent");
      await ping();
      // Expired, but a token minted just before could still be presented for 600 s more.
      expect(await kept(abandoned)).toBe(true);
      clock.advanceSeconds(HOUR_SECONDS);
      await ping();
      expect(await kept(abandoned)).toBe(false);
      expect(await kept(recent)).toBe(true);
    });

    it("deletes invitations once they have expired (an expired one opens nothing, as an unknown one)", async () => {
      const { ctx, clock, mail, ping } = await setup();
      const up = await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(mail("inviter"), "expired-Rows-pw1") });
      const inviter = ((await up.json()) as { user: { id: string } }).user.id;
      const organization = { id: `xr-${randomUUID().slice(0, 8)}`, name: "Expiring", loginMethods: null, createdAt: ctx.now() };
      expect(await ctx.stores.organizations.createOrganization({ organization, ownerUserId: inviter })).toMatchObject({ status: "OK" });
      const invitation = (email: string, expiresAt: Date) => ({
        id: randomUUID(),
        organizationId: organization.id,
        email,
        role: "member",
        tokenHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
        invitedBy: inviter,
        createdAt: ctx.now(),
        expiresAt,
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      });
      const lapsing = invitation(mail("lapsing"), new Date(ctx.now().getTime() + 1000));
      const open = invitation(mail("open"), new Date(ctx.now().getTime() + 7 * 86_400_000));
      for (const i of [lapsing, open]) expect(await ctx.stores.organizations.createInvitation(i)).toBe(true);
      const kept = async (i: { tokenHash: string }) => (await ctx.stores.organizations.findInvitationByTokenHash(i.tokenHash)) !== null;

      clock.advanceSeconds(HOUR_SECONDS);
      await ping();
      expect(await kept(lapsing)).toBe(false);
      expect(await kept(open)).toBe(true);
    });
  });
}
