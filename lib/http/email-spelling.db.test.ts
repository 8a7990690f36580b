/**
 * Two addresses that differ only by an accent or a letter a collation folds (é and e, ß and ss)
 * are two addresses, on every database. MariaDB's default collation folded them: a reset
 * request for "jose@…" found the account of "josé@…" and mailed its reset link to "jose@…", an
 * account takeover; and "jose@…" could not sign up, sign in or use passwordless as itself.
 */
import { expect, it } from "vitest";
import { createPasswordlessEngine } from "../auth/testing/passwordless-fixtures";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { getPrismaClient } from "../store";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

describeOnEachDatabase((provider, url) => {
  function setup() {
    const s = createPasswordlessEngine({}, { stores: createPrismaStores(url()), waitUntil: (task) => void held.push(task) });
    const held: Promise<unknown>[] = [];
    const settle = () => Promise.all(held.splice(0));
    return { ...s, settle };
  }

  it(`a reset request for a look-alike address mails nothing for another's account (${provider})`, async () => {
    const s = setup();
    const owner = await (
      await createAuthClient(s.ctx).send("POST", `${API}/signup`, { body: credentials("josé@example.com", "fixture-pw-1") })
    ).json();
    expect(owner.status).toBe("OK");
    const asked = await createAuthClient(s.ctx).send("POST", `${API}/user/password/reset/token`, {
      body: { formFields: [{ id: "email", value: "jose@example.com" }] },
    });
    expect(await asked.json()).toEqual({ status: "OK" });
    await s.settle();
    expect(s.delivery.sent.map((email) => [email.kind, email.to])).toEqual([]);
    // The owner's own request still reaches the owner.
    await createAuthClient(s.ctx).send("POST", `${API}/user/password/reset/token`, {
      body: { formFields: [{ id: "email", value: "josé@example.com" }] },
    });
    await s.settle();
    expect(s.delivery.sent.map((email) => [email.kind, email.to])).toEqual([["PASSWORD_RESET", "josé@example.com"]]);
  });

  it(`look-alike addresses sign up, sign in and use passwordless as themselves (${provider})`, async () => {
    const s = setup();
    const signUp = async (email: string) =>
      (await createAuthClient(s.ctx).send("POST", `${API}/signup`, { body: credentials(email, "fixture-pw-1") })).json();
    // Other addresses than the test above's: the database is the file's.
    const accented = await signUp("renée@example.com");
    const plain = await signUp("renee@example.com");
    expect([accented.status, plain.status]).toEqual(["OK", "OK"]);
    expect(plain.user.id).not.toBe(accented.user.id);
    expect((await signUp("strasse@example.com")).status).toBe("OK");
    expect((await signUp("straße@example.com")).status).toBe("OK");
    // A password proves only the account of the address typed.
    const wrongAccount = await createAuthClient(s.ctx).send("POST", `${API}/signin`, { body: credentials("renee@example.com", "fixture-pw-2") });
    expect((await wrongAccount.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    const signedIn = await (
      await createAuthClient(s.ctx).send("POST", `${API}/signin`, { body: credentials("renee@example.com", "fixture-pw-1") })
    ).json();
    expect(signedIn.user.id).toBe(plain.user.id);

    const client = createAuthClient(s.ctx);
    const post = (path: string, body: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "passwordless" } });
    const started = await (await post("/signinup/code", { email: "zoë@example.com" })).json();
    const other = await (
      await createAuthClient(s.ctx).send("POST", `${API}/signup`, { body: credentials("zoe@example.com", "fixture-pw-1") })
    ).json();
    const consumed = await (
      await post("/signinup/code/consume", {
        deviceId: started.deviceId,
        preAuthSessionId: started.preAuthSessionId,
        userInputCode: s.lastEmail().userInputCode,
      })
    ).json();
    expect(consumed).toMatchObject({ status: "OK", createdNewRecipeUser: true, user: { emails: ["zoë@example.com"] } });
    expect(consumed.user.id).not.toBe(other.user.id);
  });

  it(`MariaDB: every email column compares byte for byte (${provider})`, async () => {
    if (provider !== "mysql") return;
    const prisma = await getPrismaClient(url());
    const loose = await prisma.$queryRawUnsafe<{ table_name: string; column_name: string; collation_name: string }[]>(
      `SELECT table_name AS table_name, column_name AS column_name, collation_name AS collation_name FROM information_schema.columns
       WHERE table_schema = DATABASE() AND column_name LIKE '%email%' AND data_type IN ('varchar', 'char', 'text') AND collation_name <> 'utf8mb4_bin'`,
    );
    expect(loose).toEqual([]);
  });
});
