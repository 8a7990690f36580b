/**
 * One engine with passkeys and browsers with their own cookie jars, for the tests of a passkey
 * recovery that takes an unproven account over (passkey-recovery-takeover*.test.ts).
 */
import { expect } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import { createPasskey, signWithPasskey, type SoftPasskey } from "../../auth/testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../../auth/testing/webauthn-fixtures";
import type { TestEngineOptions } from "../../auth/testing/test-engine";
import { createAuthClient } from "./client";

const API = "/api/auth";

export function setup(config: GatehouseConfig = {}, options: TestEngineOptions = {}) {
  const engine = createWebauthnEngine(config, options);
  /** One browser: its own cookie jar. */
  const browser = () => {
    const client = createAuthClient(engine.ctx);
    const post = async (path: string, body?: unknown, rid = "webauthn") => client.send("POST", `${API}${path}`, { body, headers: { rid } });
    const get = (path: string, rid = "webauthn") => client.send("GET", `${API}${path}`, { headers: { rid } });
    return { client, post, get };
  };
  return { ...engine, browser };
}
export type Setup = ReturnType<typeof setup>;
export type Browser = ReturnType<Setup["browser"]>;

export async function signUpWithPasskey(b: Browser, email: string) {
  const options = await (await b.post("/webauthn/options/register", { email })).json();
  const { passkey, response } = createPasskey(options, ORIGIN);
  const body = await (
    await b.post("/webauthn/signup", { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response })
  ).json();
  return { passkey, body };
}

export async function signInWithPasskey(b: Browser, passkey: SoftPasskey) {
  const options = await (await b.post("/webauthn/options/signin")).json();
  const credential = signWithPasskey(passkey, options, ORIGIN);
  return (await b.post("/webauthn/signin", { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential })).json();
}

/** The victim asks for a link and makes a new passkey with it; the answer of /user/webauthn/reset. */
export async function recover(s: Setup, b: Browser, email: string) {
  expect(await (await b.post("/user/webauthn/reset/token", { email })).json()).toEqual({ status: "OK" });
  await s.ctx.audit.settled();
  const sent = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER" && e.to === email).at(-1)!;
  const token = new URL(sent.link).searchParams.get("token")!;
  const options = await (await b.post("/webauthn/options/register", { recoverAccountToken: token })).json();
  const { passkey, response } = createPasskey(options, ORIGIN);
  const body = await (
    await b.post("/user/webauthn/reset", { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response })
  ).json();
  return { passkey, body };
}

/** Whether the browser's session still stands: the database-checked endpoint, and a refresh. */
export async function sessionStands(b: Browser): Promise<{ checked: number; refreshed: number }> {
  const checked = (await b.get("/user/sessions", "session")).status;
  const refreshed = (await b.post("/session/refresh", undefined, "session")).status;
  return { checked, refreshed };
}
