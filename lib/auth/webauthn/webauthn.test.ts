import { describe, expect, it } from "vitest";
import { createPasskey, signWithPasskey } from "../testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../testing/webauthn-fixtures";
import { createRegisterOptions, createSignInOptions } from "./ceremony-options";
import { generateRecoverAccountToken } from "./recover";
import { relyingPartyFor } from "./relying-party";
import { signInWithPasskey, signUpWithPasskey } from "./sign-in-up";

describe("passkeys: sign-up and sign-in", () => {
  it("signs up with a passkey, then signs in with it; the user has a webauthn login method", async () => {
    const { signUp, signIn, stores } = createWebauthnEngine();
    const { passkey, result } = await signUp("ada@example.com");
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    expect(result.user.loginMethods).toEqual([
      expect.objectContaining({
        recipeId: "webauthn",
        email: "ada@example.com",
        verified: false,
        webauthn: { credentialIds: [passkey.credentialId.toString("base64url")] },
      }),
    ]);
    // And on the user itself, where supertokens-web-js's User type has it (always present).
    expect(result.user.webauthn).toEqual({ credentialIds: [passkey.credentialId.toString("base64url")] });
    const signedIn = await signIn(passkey);
    expect(signedIn).toMatchObject({ status: "OK", user: { id: result.user.id } });
    const [stored] = await stores.webauthn.listCredentials(result.user.id);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("makes options that require user verification and resident keys, attestation none, rp from the app origin", async () => {
    const { ctx, rp } = createWebauthnEngine({
      appOrigin: "https://app.example.com",
      trustedOrigins: ["https://admin.example.com", "https://other.test"],
    });
    expect(rp()).toEqual({ id: "app.example.com", name: "Gatehouse", origins: ["https://app.example.com"] });
    expect(relyingPartyFor({ ...ctx.config, webauthn: { ...ctx.config.webauthn, rpId: "example.com" } })).toMatchObject({
      id: "example.com",
      origins: ["https://app.example.com", "https://admin.example.com"],
    });
    const options = await createRegisterOptions(ctx, rp(), { email: "ada@example.com" });
    expect(options).toMatchObject({
      rp: { id: "app.example.com" },
      attestation: "none",
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    });
    expect(options.user.id).not.toContain("ada");
    expect(await createSignInOptions(ctx, rp())).toMatchObject({ rpId: "app.example.com", userVerification: "required" });
  });

  it("refuses an address any user holds already", async () => {
    const { signUp } = createWebauthnEngine();
    await signUp("ada@example.com");
    expect((await signUp("ADA@example.com".toLowerCase())).result).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
  });

  it("refuses a registration from another origin, for another rp id, or without user verification", async () => {
    const { signUp } = createWebauthnEngine();
    expect((await signUp("a@example.com", { origin: "https://evil.example" })).result).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signUp("b@example.com", { rpId: "evil.example" })).result).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signUp("c@example.com", { userVerified: false })).result).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signUp("d@example.com")).result.status).toBe("OK");
  });

  it("refuses a sign-in from another origin, for another rp id, or without user verification", async () => {
    const { signUp, signIn } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    expect(await signIn(passkey, { origin: "https://evil.example" })).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await signIn(passkey, { rpId: "evil.example" })).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await signIn(passkey, { userVerified: false })).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signIn(passkey)).status).toBe("OK");
  });

  it("refuses a sign-in whose authenticator names another user handle than the passkey was made with", async () => {
    const { signUp, signIn } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    // The signature does not cover the user handle: only the comparison with the stored one refuses it.
    const otherHandle = { ...passkey, userHandle: Buffer.from("someone-else").toString("base64url") };
    expect(await signIn(otherHandle)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signIn(passkey)).status).toBe("OK");
  });

  it("uses options once: a second finish, and ten concurrent ones, get one session", async () => {
    const { ctx, rp, signUp, client } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    const options = await createSignInOptions(ctx, rp());
    const response = signWithPasskey(passkey, options, ORIGIN);
    const finish = () =>
      signInWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response }, client);
    const results = await Promise.all(Array.from({ length: 10 }, finish));
    expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
    expect(await finish()).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
  });

  it("refuses a response signed over another options' challenge, presented with fresh options (replay)", async () => {
    const { ctx, rp, signUp, client } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    // A sign-in assertion captured once, replayed later against options the attacker asked for.
    const captured = signWithPasskey(passkey, await createSignInOptions(ctx, rp()), ORIGIN);
    const fresh = await createSignInOptions(ctx, rp());
    expect(
      await signInWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: fresh.webauthnGeneratedOptionsId, credential: captured }, client),
    ).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    // The same for a registration: a passkey made for one sign-up's options, finished with another's.
    const made = createPasskey(await createRegisterOptions(ctx, rp(), { email: "bob@example.com" }), ORIGIN);
    const other = await createRegisterOptions(ctx, rp(), { email: "bob@example.com" });
    expect(
      (await signUpWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: other.webauthnGeneratedOptionsId, credential: made.response }, client))
        .status,
    ).toBe("INVALID_CREDENTIALS_ERROR");
    // Each signed over its own options, both go through.
    const own = await createSignInOptions(ctx, rp());
    const signed = signWithPasskey(passkey, own, ORIGIN);
    expect(
      (await signInWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: own.webauthnGeneratedOptionsId, credential: signed }, client)).status,
    ).toBe("OK");
  });

  it("lets options expire: a finish after their lifetime is refused", async () => {
    const { ctx, rp, clock, client } = createWebauthnEngine({ webauthn: { optionsLifetimeSeconds: 60 } });
    const options = await createRegisterOptions(ctx, rp(), { email: "ada@example.com" });
    const { response } = createPasskey(options, ORIGIN);
    clock.advanceSeconds(60);
    expect(
      await signUpWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response }, client),
    ).toEqual({
      status: "OPTIONS_NOT_FOUND_ERROR",
    });
  });

  it("refuses sign-in options for a sign-up and the reverse", async () => {
    const { ctx, rp, signUp, client } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    const registerOptions = await createRegisterOptions(ctx, rp(), { email: "bob@example.com" });
    const wrong = signWithPasskey(passkey, registerOptions, ORIGIN);
    expect(
      await signInWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: registerOptions.webauthnGeneratedOptionsId, credential: wrong }, client),
    ).toEqual({
      status: "INVALID_CREDENTIALS_ERROR",
    });
  });

  it("refuses a counter that goes backwards as a cloned authenticator, and records it", async () => {
    const { ctx, signUp, signIn, stores } = createWebauthnEngine();
    const { passkey, result } = await signUp("ada@example.com", { counter: 5 });
    expect((await signIn(passkey, { counter: 6 })).status).toBe("OK");
    expect(await signIn(passkey, { counter: 6 })).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await signIn(passkey, { counter: 2 })).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await signIn(passkey, { counter: 7 })).status).toBe("OK");
    if (result.status !== "OK") throw new Error("sign-up failed");
    await ctx.audit.settled();
    const events = await stores.audit.listEvents({ userId: result.user.id, limit: 50 });
    expect(events.filter((e) => e.type === "webauthn.clone_detected")).toHaveLength(2);
  });

  it("accepts authenticators that keep no counter (always 0)", async () => {
    const { signUp, signIn } = createWebauthnEngine();
    const { passkey } = await signUp("ada@example.com");
    expect((await signIn(passkey, { counter: 0 })).status).toBe("OK");
    expect((await signIn(passkey, { counter: 0 })).status).toBe("OK");
  });

  it("refuses an unknown passkey", async () => {
    const { ctx, rp, signIn } = createWebauthnEngine();
    const options = await createRegisterOptions(ctx, rp(), { email: "ghost@example.com" });
    const { passkey } = createPasskey(options, ORIGIN);
    expect(await signIn(passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
  });
});

describe("passkeys: recovery link requests", () => {
  it("makes one token-table write for a known and for an unknown address, so the work does not tell them apart", async () => {
    const { ctx, signUp } = createWebauthnEngine();
    await signUp("ada@example.com");
    const writes: string[] = [];
    const store = ctx.stores.webauthnRecoverTokens;
    const replaceTokensForUser = store.replaceTokensForUser.bind(store);
    const deleteTokensForUser = store.deleteTokensForUser.bind(store);
    store.replaceTokensForUser = (row) => (writes.push("replace"), replaceTokensForUser(row));
    store.deleteTokensForUser = (userId) => (writes.push("delete"), deleteTokensForUser(userId));

    expect(await generateRecoverAccountToken(ctx, { email: "ada@example.com" })).toMatchObject({ status: "OK" });
    expect(writes).toEqual(["replace"]);
    expect(await generateRecoverAccountToken(ctx, { email: "nobody@example.com" })).toMatchObject({ status: "OK" });
    expect(writes).toEqual(["replace", "delete"]);
  });
});
