/**
 * An operator deleting a user while that user signs in, on SQLite, PostgreSQL and MariaDB, staged
 * (interleaveAt) so that the sign-in lands exactly where the race would put it, not by timing.
 * - A session written just before the deletion must be revoked with the user's other sessions,
 *   on every instance: the deletion's cascade used to take it away without a revocation, so its
 *   access token still passed wherever the database was not checked.
 * - A session written just after must not be written, and the sign-in must get a clean answer:
 *   the foreign key refuses the row, which used to surface as a 503.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { getSession, createNewSession, type IssuedTokens } from "../auth/session/session";
import { interleaveAt } from "../auth/testing/interleave";
import { createTestEngine } from "../auth/testing/test-engine";
import { deleteUser } from "../auth/users/users";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient, credentials } from "./testing/client";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: a session written as the deletion starts is revoked on every instance`, async () => {
    const stores = createPrismaStores(url());
    const deletion = interleaveAt(stores.userAdmin, "deleteUser");
    const { ctx } = createTestEngine({}, { stores });
    const email = `delete-race-${randomUUID()}@example.com`;
    const signUp = await (await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(email, "password-1") })).json();
    expect(signUp.status).toBe("OK");
    const userId: string = signUp.user.id;

    let late: IssuedTokens | undefined;
    // Just before the user's row goes: everything the deletion did until then is behind it.
    deletion.before(async () => {
      late = await createNewSession(ctx, { userId });
    });
    expect(await deleteUser(ctx, userId)).toEqual({ status: "OK", didUserExist: true });
    expect(deletion.pending).toBe(false);

    const accessToken = late!.accessToken;
    expect((await getSession(ctx, { accessToken })).status).toBe("UNAUTHORISED");
    // Another instance on the same database, which learns of revocations only from it.
    const { ctx: elsewhere } = createTestEngine({}, { stores: createPrismaStores(url()) });
    expect((await getSession(elsewhere, { accessToken })).status).toBe("UNAUTHORISED");
    expect(await stores.revocations.hasRevocation(late!.sessionHandle, ctx.now())).toBe(true);
  });

  it(`${provider}: a sign-up whose user is deleted before its session is written gets a clean refusal`, async () => {
    const stores = createPrismaStores(url());
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const { ctx } = createTestEngine({}, { stores });
    const email = `delete-race-${randomUUID()}@example.com`;
    sessionWrite.before(async () => {
      const account = await stores.users.findEmailPasswordAccountByEmail(email);
      expect((await deleteUser(ctx, account!.user.id)).didUserExist).toBe(true);
    });
    const client = createAuthClient(ctx);
    const response = await client.send("POST", "/api/auth/signup", { body: credentials(email, "password-1") });
    expect(sessionWrite.pending).toBe(false);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "SIGN_UP_NOT_ALLOWED", reason: "This account has just been deleted." });
    expect(client.jar.size).toBe(0);
  });

  it(`${provider}: a password sign-in whose user is deleted before its session is written is answered as a wrong password`, async () => {
    const stores = createPrismaStores(url());
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const { ctx } = createTestEngine({}, { stores });
    const email = `delete-race-${randomUUID()}@example.com`;
    const signUp = await (await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(email, "password-1") })).json();
    sessionWrite.before(async () => {
      expect((await deleteUser(ctx, signUp.user.id)).didUserExist).toBe(true);
    });
    const client = createAuthClient(ctx);
    const response = await client.send("POST", "/api/auth/signin", { body: credentials(email, "password-1") });
    expect(sessionWrite.pending).toBe(false);
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(client.jar.size).toBe(0);
  });
});
