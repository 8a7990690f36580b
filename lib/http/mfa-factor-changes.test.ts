/**
 * A session signed in before its owner set up a factor elsewhere still holds a token that says
 * MFA is met. Changing factors (removing one, adding one, making recovery codes) checks the
 * requirements as they are now, not as that token last saw them.
 */
import { describe, expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createAuthClient, credentials } from "./testing/client";
import { API, createMfaHarness } from "./testing/mfa-harness";

describe("MFA: changing factors takes the requirements as they are now, not as the access token last saw them", () => {
  /** A session signed in before the owner set up an authenticator elsewhere; its token still says v true. */
  async function staleSession() {
    // No step-up: what is tested is the requirements check alone.
    const h = createMfaHarness({ mfa: { stepUpSeconds: 0 }, webauthn: {}, appOrigin: ORIGIN });
    await h.signUp();
    const stale = createAuthClient(h.ctx);
    expect((await stale.send("POST", `${API}/signin`, { body: credentials(h.email, h.password) })).status).toBe(200);
    await h.setUpTotp();
    const post = async (path: string, body: unknown) => {
      const response = await stale.send("POST", `${API}${path}`, { body });
      return { status: response.status, body: await response.json() };
    };
    return { h, post };
  }

  it("refuses to remove the owner's authenticator, add another, or make recovery codes", async () => {
    const { h, post } = await staleSession();
    expect((await post("/totp/device/remove", { deviceName: "Phone" })).status).toBe(403);
    expect((await post("/totp/device", { deviceName: "Thief" })).status).toBe(403);
    expect((await post("/mfa/recovery-codes", {})).status).toBe(403);
    expect((await h.json("GET", "/totp/device/list")).body.devices.map((d: { name: string }) => d.name)).toEqual(["Phone"]);
  });

  it("refuses to remove the owner's passkey", async () => {
    const h = createMfaHarness({ mfa: { stepUpSeconds: 0 }, webauthn: {}, appOrigin: ORIGIN });
    await h.signUp();
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    expect(await h.addPasskey(userId)).toEqual({ status: "OK" });
    const stale = createAuthClient(h.ctx);
    expect((await stale.send("POST", `${API}/signin`, { body: credentials(h.email, h.password) })).status).toBe(200);
    await h.setUpTotp();
    const [{ credentialId }] = await h.stores.webauthn.listCredentials(userId);
    const removed = await stale.send("POST", `${API}/webauthn/credential/remove`, { body: { webauthnCredentialId: credentialId } });
    expect(removed.status).toBe(403);
    expect(await h.stores.webauthn.listCredentials(userId)).toHaveLength(1);
  });

  it("refuses to add a passkey, which would meet MFA by itself", async () => {
    const { h, post } = await staleSession();
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    const options = await post("/webauthn/options/register", { email: h.email });
    const { response } = createPasskey(options.body, ORIGIN);
    const added = await post("/webauthn/credential", {
      webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId,
      recipeUserId: userId,
      credential: response,
    });
    expect(added.status).toBe(403);
    expect(await h.stores.webauthn.listCredentials(userId)).toEqual([]);
  });
});
