/**
 * A pre-registrant and the victim whose address it signed up with, for the tests of a password
 * reset that takes an unproven account over (password-reset-takeover*.test.ts).
 */
import { expect } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import { createMemoryStores } from "../../auth/testing/memory-stores";
import { credentials } from "./client";
import { setup as setupPasskeys, type Browser } from "./passkey-recovery-harness";

export const VICTIM = "victim@example.com";

export function setup(config: GatehouseConfig = {}, stores = createMemoryStores()) {
  const held: Promise<unknown>[] = [];
  const s = setupPasskeys(config, { stores, waitUntil: (task) => void held.push(task) });
  /** The work after the answers (emails, audit), done. */
  const settle = async () => {
    while (held.length > 0) await Promise.all(held.splice(0));
    await s.ctx.audit.settled();
  };
  /** The victim asks for a link and sets `password` with it; the reset's answer. */
  const resetByVictim = async (password = "victim-pw-2") => {
    const victim = s.browser();
    const asked = await victim.post("/user/password/reset/token", { formFields: [{ id: "email", value: VICTIM }] }, "emailpassword");
    expect(await asked.json()).toEqual({ status: "OK" });
    await settle();
    const link = s.delivery.sent.filter((m) => m.kind === "PASSWORD_RESET" && m.to === VICTIM).at(-1)!;
    const token = new URL(link.link).searchParams.get("token")!;
    const body = { method: "token", token, formFields: [{ id: "password", value: password }] };
    return (await victim.post("/user/password/reset", body, "emailpassword")).json();
  };
  return { ...s, settle, resetByVictim };
}

export async function signUp(b: Browser, email: string, password: string): Promise<string> {
  const body = await (await b.post("/signup", credentials(email, password), "emailpassword")).json();
  expect(body.status).toBe("OK");
  return body.user.id;
}
