/**
 * The passwordless FDI endpoints through the real route table (in-memory stores): the answers
 * the spec gives, sessions set like every other sign-in, bad input as 4xx, the limits, off → 404.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { decodeFrontToken } from "../auth/session/front-token";
import { createPasswordlessEngine, linkPartsOf } from "../auth/testing/passwordless-fixtures";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";

function setup(config: GatehouseConfig = {}) {
  const engine = createPasswordlessEngine(config);
  const client = createAuthClient(engine.ctx);
  const post = (path: string, body: unknown, headers: Record<string, string | null> = {}) =>
    client.send("POST", `${API}${path}`, { body, headers: { rid: "passwordless", ...headers } });
  return { ...engine, client, post };
}

async function started(s: ReturnType<typeof setup>, email = "zoe@example.com") {
  const response = await s.post("/signinup/code", { email });
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body).toEqual({
    status: "OK",
    deviceId: expect.any(String),
    preAuthSessionId: expect.any(String),
    flowType: "USER_INPUT_CODE_AND_MAGIC_LINK",
  });
  return { ...body, code: s.lastEmail().userInputCode!, link: s.lastEmail().link };
}

describe("passwordless endpoints", () => {
  it("signs up by code: OK with the FDI user, session cookies and front-token", async () => {
    const s = setup();
    const { deviceId, preAuthSessionId, code } = await started(s);
    const response = await s.post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode: code });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "OK",
      createdNewRecipeUser: true,
      user: { emails: ["zoe@example.com"], loginMethods: [{ recipeId: "passwordless" }] },
    });
    expect(response.headers.get("front-token")).toBeTruthy();
    expect([...s.client.jar.keys()]).toEqual(expect.arrayContaining(["sAccessToken", "sRefreshToken"]));
  });

  it("answers a wrong code with the attempt counts, then RESTART_FLOW_ERROR", async () => {
    const s = setup({ passwordless: { maxCodeAttempts: 2 } });
    const { deviceId, preAuthSessionId, code } = await started(s);
    const wrong = code === "000000" ? "111111" : "000000";
    const first = await s.post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode: wrong });
    expect(await first.json()).toEqual({ status: "INCORRECT_USER_INPUT_CODE_ERROR", failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 2 });
    const second = await s.post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode: wrong });
    expect(await second.json()).toEqual({ status: "RESTART_FLOW_ERROR" });
  });

  it("weighs no more than maxCodeAttempts of a burst of guesses sent at once", async () => {
    const s = setup();
    const { deviceId, preAuthSessionId, code } = await started(s);
    const guesses = Array.from({ length: 20 }, (_, i) => String(i).padStart(6, "0")).filter((g) => g !== code);
    const responses = await Promise.all(
      [...guesses, code].map((userInputCode) => s.post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode })),
    );
    const statuses = await Promise.all(responses.map(async (r) => (await r.json()).status));
    expect(statuses).not.toContain("OK");
    expect(statuses.filter((status) => status === "INCORRECT_USER_INPUT_CODE_ERROR").length).toBeLessThanOrEqual(4);
  });

  it("signs in by link, and resends with OK then RESTART_FLOW_ERROR once consumed", async () => {
    const s = setup();
    const first = await started(s);
    expect(await (await s.post("/signinup/code/resend", { deviceId: first.deviceId, preAuthSessionId: first.preAuthSessionId })).json()).toEqual({
      status: "OK",
    });
    const consumed = await s.post("/signinup/code/consume", linkPartsOf(first.link));
    expect((await consumed.json()).status).toBe("OK");
    expect(await (await s.post("/signinup/code/resend", { deviceId: first.deviceId, preAuthSessionId: first.preAuthSessionId })).json()).toEqual({
      status: "RESTART_FLOW_ERROR",
    });
  });

  it("in REQUIRED email verification, a user with no email (signed in by phone) counts verified: st-ev true at sign-in and refresh", async () => {
    const s = setup({ passwordless: { contactMethod: "EMAIL_OR_PHONE" }, emailVerification: { mode: "REQUIRED" } });
    const start = await (await s.post("/signinup/code", { phoneNumber: "+491701234567" })).json();
    const consumed = await s.post("/signinup/code/consume", {
      deviceId: start.deviceId,
      preAuthSessionId: start.preAuthSessionId,
      userInputCode: s.sms.sent.at(-1)!.userInputCode,
    });
    expect((await consumed.json()).status).toBe("OK");
    expect(decodeFrontToken(consumed.headers.get("front-token")!).up["st-ev"]).toMatchObject({ v: true });
    // Nothing to verify: the claim's gate lets the user through, and the FDI says verified.
    expect((await s.client.send("GET", `${API}/user/sessions`)).status).toBe(200);
    expect(await (await s.client.send("GET", `${API}/user/email/verify`)).json()).toEqual({ status: "OK", isVerified: true });
    const refreshed = await s.client.send("POST", `${API}/session/refresh`);
    expect(refreshed.status).toBe(200);
    expect(decodeFrontToken(refreshed.headers.get("front-token")!).up["st-ev"]).toMatchObject({ v: true });
  });

  it("answers a magic link opened without its #fragment (or query) with 200 RESTART_FLOW_ERROR, as supertokens-web-js sends it", async () => {
    // A mail client or link scanner that drops the fragment: web-js's getLinkCodeFromURL gives "",
    // and getPreAuthSessionIdFromURL gives "" for a link without its query. The FDI answer is to
    // start again (a 200 the client acts on), not a 400 it throws on.
    const s = setup();
    const { link } = await started(s);
    const { preAuthSessionId, linkCode } = linkPartsOf(link);
    for (const body of [
      { linkCode: "", preAuthSessionId },
      { linkCode, preAuthSessionId: "" },
    ]) {
      const response = await s.post("/signinup/code/consume", body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "RESTART_FLOW_ERROR" });
    }
    // Neither spent the link: the whole one still signs in.
    expect((await (await s.post("/signinup/code/consume", { linkCode, preAuthSessionId })).json()).status).toBe("OK");
  });

  it("answers exists for passwordless accounts only", async () => {
    const s = setup({ passwordless: { contactMethod: "EMAIL_OR_PHONE" } });
    const exists = async (query: string) => (await (await s.client.send("GET", `${API}/passwordless/${query}`)).json()).exists;
    expect(await exists("email/exists?email=zoe%40example.com")).toBe(false);
    const { deviceId, preAuthSessionId, code } = await started(s);
    await s.post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode: code });
    expect(await exists("email/exists?email=ZOE%40example.com")).toBe(true);
    expect(await exists("phonenumber/exists?phoneNumber=%2B491701234567")).toBe(false);
  });

  it("limits the exists queries per client address (rateLimits.emailExistsPerIp), for an email and a phone number alike", async () => {
    const s = setup({
      passwordless: { contactMethod: "EMAIL_OR_PHONE" },
      trustedProxy: { hops: 1 },
      rateLimits: { emailExistsPerIp: { points: 2, durationSeconds: 60 } },
    });
    for (const query of ["email/exists?email=zoe%40example.com", "phonenumber/exists?phoneNumber=%2B491701234567"]) {
      const ask = (ip: string) => s.client.send("GET", `${API}/passwordless/${query}`, { headers: { "x-forwarded-for": ip } });
      // Each query from its own pair of addresses, so that the two kinds are each seen to count.
      const [a, b] = query.startsWith("email") ? ["198.51.100.1", "198.51.100.2"] : ["198.51.100.3", "198.51.100.4"];
      expect([(await ask(a)).status, (await ask(a)).status, (await ask(a)).status], query).toEqual([200, 200, 429]);
      expect((await ask(b)).status, query).toBe(200);
    }
  });

  it("answers a malformed email with GENERAL_ERROR and its message, as the FDI does", async () => {
    const s = setup();
    const response = await s.post("/signinup/code", { email: "not-an-email" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", message: expect.any(String) });
    expect(s.signInEmails()).toHaveLength(0);
  });

  it("answers an address whose mail goes to another mailbox with SIGN_IN_UP_NOT_ALLOWED, as supertokens-web-js reads it", async () => {
    const s = setup();
    for (const email of ["victim@corp.com\u200b", "x,victim@corp.com"]) {
      const response = await s.post("/signinup/code", { email });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: "Email is invalid" });
    }
    expect(s.signInEmails()).toHaveLength(0);
  });

  it.each([
    ["no contact", "/signinup/code", {}],
    ["both contacts", "/signinup/code", { email: "a@example.com", phoneNumber: "+491701234567" }],
    ["a phone number when only email is on", "/signinup/code", { phoneNumber: "+491701234567" }],
    ["a number for an email", "/signinup/code", { email: 42 }],
    ["an oversized email", "/signinup/code", { email: `${"a".repeat(600)}@example.com` }],
    ["a consume without a code", "/signinup/code/consume", { preAuthSessionId: "x", deviceId: "y" }],
    ["a consume with both a code and a link", "/signinup/code/consume", { preAuthSessionId: "x", deviceId: "y", userInputCode: "1", linkCode: "z" }],
    ["an oversized link code", "/signinup/code/consume", { preAuthSessionId: "x", linkCode: "z".repeat(500) }],
    ["a resend without a device", "/signinup/code/resend", { preAuthSessionId: "x" }],
    ["an array body", "/signinup/code", []],
  ])("answers %s with 400 and a machine-readable status", async (_name, path, body) => {
    const s = setup();
    const response = await s.post(path, body);
    expect(response.status).toBe(400);
    expect((await response.json()).status).toBe("BAD_INPUT_ERROR");
  });

  it("answers invalid JSON with 400", async () => {
    const s = setup();
    const response = await s.client.send("POST", `${API}/signinup/code`, { rawBody: "{", headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
  });

  it("refuses a cross-origin request before anything is sent", async () => {
    const s = setup();
    const response = await s.post("/signinup/code", { email: "a@example.com" }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(s.signInEmails()).toHaveLength(0);
  });

  it("answers 404 everywhere when passwordless is off", async () => {
    const engine = createPasswordlessEngine({ passwordless: { enabled: false } });
    const client = createAuthClient(engine.ctx);
    for (const [method, path] of [
      ["POST", "/signinup/code"],
      ["POST", "/signinup/code/consume"],
      ["POST", "/signinup/code/resend"],
      ["GET", "/passwordless/email/exists?email=a%40b.co"],
      ["GET", "/passwordless/phonenumber/exists?phoneNumber=%2B491701234567"],
    ]) {
      expect((await client.send(method, `${API}${path}`, { body: method === "POST" ? { email: "a@example.com" } : undefined })).status).toBe(404);
    }
  });

  it("limits codes per address (429 with Retry-After) and per client", async () => {
    const s = setup({
      trustedProxy: { hops: 1 },
      passwordless: { sendLimitPerContact: { points: 2, durationSeconds: 60 }, sendLimitPerClient: { points: 3, durationSeconds: 60 } },
    });
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    expect((await s.post("/signinup/code", { email: "a@example.com" }, from("198.51.100.1"))).status).toBe(200);
    expect((await s.post("/signinup/code", { email: "a@example.com" }, from("198.51.100.2"))).status).toBe(200);
    const perAddress = await s.post("/signinup/code", { email: "a@example.com" }, from("198.51.100.3"));
    expect(perAddress.status).toBe(429);
    expect(perAddress.headers.get("retry-after")).toBeTruthy();
    for (const email of ["b@example.com", "c@example.com"])
      expect((await s.post("/signinup/code", { email }, from("198.51.100.1"))).status).toBe(200);
    expect((await s.post("/signinup/code", { email: "d@example.com" }, from("198.51.100.1"))).status).toBe(429);
  });

  it("limits code checks per client", async () => {
    const s = setup({ trustedProxy: { hops: 1 }, passwordless: { consumeLimitPerClient: { points: 2, durationSeconds: 60 } } });
    const body = { preAuthSessionId: "a".repeat(64), deviceId: "b".repeat(43), userInputCode: "123456" };
    const from = { "x-forwarded-for": "198.51.100.7" };
    expect((await s.post("/signinup/code/consume", body, from)).status).toBe(200);
    expect((await s.post("/signinup/code/consume", body, from)).status).toBe(200);
    expect((await s.post("/signinup/code/consume", body, from)).status).toBe(429);
  });
});
