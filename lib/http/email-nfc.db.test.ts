/**
 * One address whether typed precomposed (NFC, "é" as U+00E9) or decomposed (NFD, "e" + U+0301):
 * sign-up, sign-in, passwordless and third-party sign-in reach one user with either form, on
 * every database, and the second form never makes a second account nor a 500.
 */
import { afterEach, expect, it } from "vitest";
import type { EngineContext } from "../auth/context";
import { signInUpWithProfile } from "../auth/thirdparty/sign-in-up";
import { createPasswordlessEngine } from "../auth/testing/passwordless-fixtures";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";
const nfc = (local: string) => `${local}\u00e9@b\u00fccher.example`;
const nfd = (local: string) => `${local}e\u0301@bu\u0308cher.example`;

describeOnEachDatabase((provider, url) => {
  // What an engine call leaves running (audit rows, work after the answer) ends before the next
  // test: a write landing after the database is dropped would open SQLite again and make the file
  // anew, a test database the run leaves behind.
  const engines: EngineContext[] = [];
  const tasks: Promise<unknown>[] = [];
  const setup = () => {
    const s = createPasswordlessEngine({}, { stores: createPrismaStores(url()), waitUntil: (task) => void tasks.push(task) });
    engines.push(s.ctx);
    return s;
  };
  afterEach(async () => {
    await Promise.allSettled(tasks.splice(0));
    await Promise.all(engines.splice(0).map((ctx) => ctx.audit.settled()));
  });

  it(`email+password: signed up in NFD, signed in with NFC; the other form cannot sign up again (${provider})`, async () => {
    const s = setup();
    const send = async (path: string, email: string, password = "fixture-pw-1") => {
      const response = await createAuthClient(s.ctx).send("POST", `${API}${path}`, { body: credentials(email, password) });
      expect(response.status, `${path} ${escape(email)}`).toBe(200);
      return response.json();
    };
    const created = await send("/signup", nfd("jos"));
    expect(created).toMatchObject({ status: "OK", user: { emails: [nfc("jos")] } });
    expect((await send("/signin", nfc("jos"))).user.id).toBe(created.user.id);
    expect((await send("/signin", nfd("jos"))).user.id).toBe(created.user.id);
    // The FDI's EMAIL_ALREADY_EXISTS_ERROR, as a field error on the email.
    const again = { status: "FIELD_ERROR", formFields: [{ id: "email", error: "This email already exists. Please sign in instead." }] };
    expect(await send("/signup", nfc("jos"), "fixture-pw-2")).toEqual(again);
    expect(await send("/signup", nfd("jos"), "fixture-pw-2")).toEqual(again);
    const exists = await createAuthClient(s.ctx).send("GET", `${API}/emailpassword/email/exists?email=${encodeURIComponent(nfc("jos"))}`);
    expect(await exists.json()).toEqual({ status: "OK", exists: true });

    // The NFC sign-up of another address, then its NFD form: the same, the other way round.
    const other = await send("/signup", nfc("ren"));
    expect((await send("/signin", nfd("ren"))).user.id).toBe(other.user.id);
    expect(await send("/signup", nfd("ren"), "fixture-pw-2")).toEqual(again);
  });

  it(`passwordless: a code asked for with one form, then the other, reaches the same user (${provider})`, async () => {
    const s = setup();
    const signInUp = async (email: string) => {
      const client = createAuthClient(s.ctx);
      const post = (path: string, body: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "passwordless" } });
      const started = await (await post("/signinup/code", { email })).json();
      expect(started.status).toBe("OK");
      const consume = { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: s.lastEmail().userInputCode };
      return (await post("/signinup/code/consume", consume)).json();
    };
    const first = await signInUp(nfd("zo"));
    expect(first).toMatchObject({ status: "OK", createdNewRecipeUser: true, user: { emails: [nfc("zo")] } });
    const second = await signInUp(nfc("zo"));
    expect(second).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: first.user.id } });
    const exists = await createAuthClient(s.ctx).send("GET", `${API}/passwordless/email/exists?email=${encodeURIComponent(nfd("zo"))}`, {
      headers: { rid: "passwordless" },
    });
    expect(await exists.json()).toEqual({ status: "OK", exists: true });
  });

  it(`third-party: a provider's address in the other form signs in and links where the same form would (${provider})`, async () => {
    const s = setup();
    const raw = {};
    const first = await signInUpWithProfile(s.ctx, { thirdPartyId: "google", profile: { id: "sub-1", email: nfd("mar"), emailVerified: true }, raw });
    expect(first).toMatchObject({ status: "OK", createdNewRecipeUser: true, user: { emails: [nfc("mar")] } });
    if (first.status !== "OK") return;
    // Another provider vouching for the NFC form links to the same user, as one vouching for the same bytes would.
    const linked = await signInUpWithProfile(s.ctx, {
      thirdPartyId: "github",
      profile: { id: "sub-2", email: nfc("mar"), emailVerified: true },
      raw,
    });
    expect(linked).toMatchObject({ status: "OK", user: { id: first.user.id } });
    // And the email+password sign-up of the other form is refused as taken, not made a second account.
    const signUp = await createAuthClient(s.ctx).send("POST", `${API}/signup`, { body: credentials(nfc("mar"), "fixture-pw-1") });
    expect(signUp.status).toBe(200);
    expect((await signUp.json()).status).toBe("FIELD_ERROR");
  });
});
