/** A signed-up user with a cookie-keeping client, and the TOTP set-up, for the MFA tests. */
import { expect } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import { createTestEngine, type TestEngineOptions } from "../../auth/testing/test-engine";
import { createCapturingDelivery } from "../../auth/testing/email-fixtures";
import { totpCode } from "../../auth/testing/rfc6238";
import { createPasskey } from "../../auth/testing/soft-authenticator";
import { ORIGIN } from "../../auth/testing/webauthn-fixtures";
import { createAuthClient, credentials } from "./client";

export const API = "/api/auth";

/** The access-token payload the front-token header carries. */
export function payloadOf(response: Response): Record<string, unknown> {
  const header = response.headers.get("front-token");
  expect(header).toBeTruthy();
  return JSON.parse(Buffer.from(header!, "base64").toString("utf8")).up;
}

/** `stores`: the database's, for a test on each one; in-memory ones when absent. */
export function createMfaHarness(config: GatehouseConfig = { mfa: {} }, options: Pick<TestEngineOptions, "stores"> = {}) {
  const delivery = createCapturingDelivery();
  const background: Promise<unknown>[] = [];
  const engine = createTestEngine(config, { ...options, emailDelivery: delivery, waitUntil: (task) => void background.push(task) });
  /** The security notices sent so far, once the work after the answers has settled. */
  const notices = async () => {
    while (background.length > 0) await Promise.all(background.splice(0));
    return delivery.sent.filter((m) => m.kind === "SECURITY_NOTICE");
  };
  const client = createAuthClient(engine.ctx);
  const send = (method: string, path: string, body?: unknown) => client.send(method, `${API}${path}`, { body });
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await send(method, path, body);
    return { response, status: response.status, body: await response.json() };
  };
  const email = `mfa-${Math.random().toString(36).slice(2)}@example.com`;
  const password = "mfa-test-pw-1";

  async function signUp(): Promise<Response> {
    const response = await send("POST", "/signup", credentials(email, password));
    expect(response.status).toBe(200);
    return response;
  }

  async function signIn(): Promise<Response> {
    const response = await send("POST", "/signin", credentials(email, password));
    expect(response.status).toBe(200);
    return response;
  }

  /** Sets up and verifies a TOTP device; returns its secret. */
  async function setUpTotp(deviceName = "Phone"): Promise<string> {
    const created = await json("POST", "/totp/device", { deviceName });
    expect(created.body).toMatchObject({ status: "OK", deviceName });
    const verified = await json("POST", "/totp/device/verify", { deviceName, totp: totpCode(created.body.secret, engine.clock.now()) });
    expect(verified.body).toEqual({ status: "OK", wasAlreadyVerified: false });
    return created.body.secret;
  }

  /** Adds a passkey to the signed-in `userId` (webauthn on, the app at ORIGIN); the answer's body. */
  async function addPasskey(userId: string): Promise<unknown> {
    const options = await json("POST", "/webauthn/options/register", { email });
    const { response } = createPasskey(options.body, ORIGIN);
    const credential = { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, recipeUserId: userId, credential: response };
    return (await json("POST", "/webauthn/credential", credential)).body;
  }

  return { ...engine, delivery, client, send, json, email, password, signUp, signIn, setUpTotp, addPasskey, notices };
}
