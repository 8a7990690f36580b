/**
 * The passkey FDI endpoints through the real route table (in-memory stores): a whole sign-up,
 * sign-in, add, list, rename and remove with a software authenticator; bad input as 4xx; off → 404.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createPasskey, signWithPasskey } from "../auth/testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";

function setup(config: GatehouseConfig = {}) {
  const engine = createWebauthnEngine(config);
  const client = createAuthClient(engine.ctx);
  const post = async (path: string, body?: unknown, headers: Record<string, string | null> = {}) =>
    client.send("POST", `${API}${path}`, { body, headers: { rid: "webauthn", ...headers } });
  const get = (path: string) => client.send("GET", `${API}${path}`, { headers: { rid: "webauthn" } });
  return { ...engine, client, post, get };
}

async function signUpOverHttp(s: ReturnType<typeof setup>, email: string) {
  const options = await (await s.post("/webauthn/options/register", { email })).json();
  expect(options).toMatchObject({
    status: "OK",
    rp: { id: "localhost" },
    user: { name: email },
    authenticatorSelection: { userVerification: "required" },
  });
  const { passkey, response } = createPasskey(options, ORIGIN);
  const signedUp = await s.post("/webauthn/signup", { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response });
  return { passkey, signedUp, body: await signedUp.json() };
}

describe("passkey endpoints", () => {
  it("a name past 100 characters is cut between characters, never inside one", async () => {
    const s = setup();
    const { body } = await signUpOverHttp(s, "cut@example.com");
    const more = await (await s.post("/webauthn/options/register", { email: "cut@example.com" })).json();
    const second = createPasskey(more, ORIGIN);
    // The fox is two UTF-16 units, the 100th and 101st: cut at 100, half of it was kept, a lone
    // surrogate that the databases store as U+FFFD and a JSON encoder may refuse.
    const name = `${"a".repeat(99)}\u{1F98A} more`;
    const add = { webauthnGeneratedOptionsId: more.webauthnGeneratedOptionsId, recipeUserId: body.user.id, credential: second.response, name };
    expect(await (await s.post("/webauthn/credential", add)).json()).toEqual({ status: "OK" });
    const listed = (await (await s.get("/webauthn/credential/list")).json()).credentials.map((c: { name: string }) => c.name);
    expect(listed).toContain("a".repeat(99));
    expect(listed.every((n: string) => n.isWellFormed())).toBe(true);
  });

  it("signs up, signs in, adds a second passkey, lists, renames and removes", async () => {
    const s = setup();
    const { passkey, signedUp, body } = await signUpOverHttp(s, "ada@example.com");
    expect(body).toMatchObject({ status: "OK", user: { emails: ["ada@example.com"], loginMethods: [{ recipeId: "webauthn" }] } });
    expect(signedUp.headers.get("front-token")).toBeTruthy();

    const signInOptions = await (await s.post("/webauthn/options/signin")).json();
    const assertion = signWithPasskey(passkey, signInOptions, ORIGIN);
    const signedIn = await s.post("/webauthn/signin", {
      webauthnGeneratedOptionsId: signInOptions.webauthnGeneratedOptionsId,
      credential: assertion,
    });
    expect(await signedIn.json()).toMatchObject({ status: "OK", user: { id: body.user.id } });

    const more = await (await s.post("/webauthn/options/register", { email: "ada@example.com" })).json();
    const second = createPasskey(more, ORIGIN);
    const add = { webauthnGeneratedOptionsId: more.webauthnGeneratedOptionsId, recipeUserId: body.user.id, credential: second.response };
    expect(await (await s.post("/webauthn/credential", { ...add, recipeUserId: "someone-else" })).json()).toMatchObject({
      status: "REGISTER_CREDENTIAL_NOT_ALLOWED",
    });
    expect(await (await s.post("/webauthn/credential", add)).json()).toEqual({ status: "OK" });
    const notices = s.delivery.sent.filter((e) => e.kind === "SECURITY_NOTICE" && e.notice === "PASSKEY_ADDED");
    expect(notices.map((e) => e.to)).toEqual(["ada@example.com"]);

    const listed = await (await s.get("/webauthn/credential/list")).json();
    expect(listed.credentials).toHaveLength(2);
    const id = listed.credentials[1].webauthnCredentialId;
    expect(await (await s.post("/webauthn/credential/rename", { webauthnCredentialId: id, name: "Phone" })).json()).toEqual({ status: "OK" });
    expect(await (await s.post("/webauthn/credential/remove", { webauthnCredentialId: id })).json()).toEqual({ status: "OK" });
    // A way into the account went: its owner hears of it, as of an authenticator removed.
    const removed = () => s.delivery.sent.filter((e) => e.kind === "SECURITY_NOTICE" && e.notice === "PASSKEY_REMOVED");
    expect(removed().map((e) => e.to)).toEqual(["ada@example.com"]);
    expect(await (await s.post("/webauthn/credential/remove", { webauthnCredentialId: id })).json()).toEqual({
      status: "CREDENTIAL_NOT_FOUND_ERROR",
    });
    // Nothing was removed the second time: no second notice.
    expect(removed()).toHaveLength(1);
    expect((await (await s.get("/webauthn/credential/list")).json()).credentials).toHaveLength(1);
    expect(await (await s.get("/webauthn/email/exists?email=ada%40example.com")).json()).toEqual({ status: "OK", exists: true });
  });

  it("excludes the signed-in user's own passkeys from options for their own address, and tells nobody else of any", async () => {
    const s = setup();
    const { passkey } = await signUpOverHttp(s, "ada@example.com");
    const excluded = async (post: typeof s.post, email: string) =>
      ((await (await post("/webauthn/options/register", { email })).json()).excludeCredentials as { id: string }[]).map((c) => c.id);

    expect(await excluded(s.post, "ada@example.com")).toEqual([passkey.credentialId.toString("base64url")]);
    expect(await excluded(s.post, "bob@example.com")).toEqual([]);
    // No session: nothing listed for an address that has an account.
    const anonymous = (path: string, body?: unknown) => createAuthClient(s.ctx).send("POST", `${API}${path}`, { body, headers: { rid: "webauthn" } });
    expect(await excluded(anonymous, "ada@example.com")).toEqual([]);
  });

  it("recovers by email: a link, options for the account, a new passkey, the link spent", async () => {
    const s = setup();
    const { body } = await signUpOverHttp(s, "ada@example.com");
    // A verified address: recovery then adds the passkey beside the first (an unverified one is taken over, passkey-recovery-takeover.test.ts).
    expect(await s.stores.users.markEmailVerified(body.user.id, "ada@example.com")).toBe(true);
    expect(await (await s.post("/user/webauthn/reset/token", { email: "ada@example.com" })).json()).toEqual({ status: "OK" });
    expect(await (await s.post("/user/webauthn/reset/token", { email: "nobody@example.com" })).json()).toEqual({ status: "OK" });
    await s.ctx.audit.settled();
    const recover = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER");
    expect(recover.map((e) => e.to)).toEqual(["ada@example.com"]);
    const token = new URL(recover[0].link).searchParams.get("token")!;
    expect(recover[0].link.startsWith(`${ORIGIN}/auth/webauthn/recover?token=`)).toBe(true);
    const options = await (await s.post("/webauthn/options/register", { recoverAccountToken: token })).json();
    expect(options).toMatchObject({ status: "OK", user: { name: "ada@example.com" } });
    const { response } = createPasskey(options, ORIGIN);
    const reset = { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response };
    expect(await (await s.post("/user/webauthn/reset", reset)).json()).toMatchObject({
      status: "OK",
      email: "ada@example.com",
      user: { id: body.user.id },
    });
    expect(await (await s.post("/webauthn/options/register", { recoverAccountToken: token })).json()).toEqual({
      status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR",
    });
    expect((await s.stores.webauthn.listCredentials(body.user.id)).length).toBe(2);
  });

  it('answers a recovery link that came without its token (`?token=`, sent as "") with 200 RECOVER_ACCOUNT_TOKEN_INVALID_ERROR, as SuperTokens does', async () => {
    // supertokens-auth-react reads the token from the link's query and hands it to web-js as it
    // is; the FDI's answer to a token that is no token is the status the page shows ("ask again").
    const s = setup();
    const invalid = { status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" };
    const options = await s.post("/webauthn/options/register", { recoverAccountToken: "" });
    expect(options.status).toBe(200);
    expect(await options.json()).toEqual(invalid);
    const signUpOptions = await (await s.post("/webauthn/options/register", { email: "ada@example.com" })).json();
    const { response } = createPasskey(signUpOptions, ORIGIN);
    const reset = await s.post("/user/webauthn/reset", {
      token: "",
      webauthnGeneratedOptionsId: signUpOptions.webauthnGeneratedOptionsId,
      credential: response,
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual(invalid);
  });

  it("answers a sign-up past rateLimits.signUpGlobal with 429 and Retry-After, and makes no account; new sign-up options wait too", async () => {
    const s = setup({ rateLimits: { signUpGlobal: { points: 1, durationSeconds: 3600 } } });
    // Options asked while the budget still had room; the sign-up that uses them comes after it is spent.
    const early = await (await s.post("/webauthn/options/register", { email: "bob@example.com" })).json();
    expect(early.status).toBe("OK");
    expect((await signUpOverHttp(s, "ada@example.com")).body.status).toBe("OK");
    const { response } = createPasskey(early, ORIGIN);
    const signedUp = await s.post("/webauthn/signup", { webauthnGeneratedOptionsId: early.webauthnGeneratedOptionsId, credential: response });
    expect(signedUp.status).toBe(429);
    expect(Number(signedUp.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(signedUp.headers.get("front-token")).toBeNull();
    expect(await s.stores.thirdParty.findUserByEmail("bob@example.com")).toBeNull();
    // Before the authenticator makes a passkey that no sign-up would take: the options wait too.
    const options = await s.post("/webauthn/options/register", { email: "carol@example.com" });
    expect(options.status).toBe(429);
    expect(Number(options.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers bad input with 4xx and a message, never 5xx", async () => {
    const s = setup();
    const cases: [string, unknown][] = [
      ["/webauthn/options/register", {}],
      ["/webauthn/options/register", { email: 42 }],
      ["/webauthn/signup", { webauthnGeneratedOptionsId: "x", credential: { id: "not base64url!" } }],
      ["/webauthn/signin", { webauthnGeneratedOptionsId: "x".repeat(65), credential: {} }],
      ["/webauthn/signin", "just a string"],
      ["/user/webauthn/reset", { token: "", webauthnGeneratedOptionsId: "x", credential: {} }],
    ];
    for (const [path, body] of cases) {
      const response = await s.post(path, body);
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ message: expect.any(String) });
    }
    expect(await (await s.post("/webauthn/options/register", { email: "not-an-email" })).json()).toMatchObject({ status: "INVALID_EMAIL_ERROR" });
    // Addresses whose mail goes to victim@example.com, as at an email+password sign-up.
    for (const email of ["victim@example.com\u200b", "x,victim@example.com", "victim@ｅxample.com"]) {
      expect(await (await s.post("/webauthn/options/register", { email })).json(), email).toEqual({
        status: "INVALID_EMAIL_ERROR",
        err: "Email is invalid",
      });
    }
    expect((await s.get("/webauthn/credential/list")).status).toBe(401);
    expect((await s.post("/webauthn/options/signin", undefined, { origin: "https://evil.example" })).status).toBe(403);
    // Options that exist but a credential made for other ones: refused, not a crash.
    const options = await (await s.post("/webauthn/options/signin")).json();
    const fake = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      clientExtensionResults: {},
      response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
    };
    const refused = await s.post("/webauthn/signin", { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: fake });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
  });

  it("answers 404 everywhere when passkeys are off", async () => {
    const s = setup({ webauthn: { enabled: false } });
    expect((await s.post("/webauthn/options/signin")).status).toBe(404);
    expect((await s.get("/webauthn/email/exists?email=a%40b.co")).status).toBe(404);
  });
});
