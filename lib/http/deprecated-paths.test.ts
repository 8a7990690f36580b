/**
 * The FDI's deprecated exists paths, which the spec still lists and older SuperTokens clients
 * call: `/signup/email/exists` answers for email+password or passwordless by `rid`, and
 * `/signup/phonenumber/exists` (`phoneNumber` in the older clients and the spec) for passwordless,
 * each as today's path does, tenant segment, limits and bad input included.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createPasswordlessEngine } from "../auth/testing/passwordless-fixtures";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

async function setUp(config: GatehouseConfig = {}) {
  const engine = createPasswordlessEngine({ passwordless: { contactMethod: "EMAIL_OR_PHONE" }, ...config });
  const client = createAuthClient(engine.ctx);
  // Ana has an email+password account, Zoe a passwordless one.
  expect((await client.send("POST", `${API}/signup`, { body: credentials("ana@example.com", "fixture-pw-1") })).status).toBe(200);
  const post = (path: string, body: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "passwordless" } });
  const { deviceId, preAuthSessionId } = await (await post("/signinup/code", { phoneNumber: "+491701234567" })).json();
  const consumed = await post("/signinup/code/consume", { deviceId, preAuthSessionId, userInputCode: engine.sms.sent.at(-1)!.userInputCode });
  expect((await consumed.json()).status).toBe("OK");
  const get = async (path: string, rid: string | null) => {
    const response = await client.send("GET", `${API}${path}`, { headers: { rid }, cookies: false });
    return { status: response.status, body: await response.json() };
  };
  return { get };
}

describe("GET /signup/email/exists (deprecated)", () => {
  it("answers for email+password accounts, with rid emailpassword or none, as /emailpassword/email/exists does", async () => {
    const { get } = await setUp();
    for (const rid of ["emailpassword", "thirdpartyemailpassword", null]) {
      expect(await get("/signup/email/exists?email=ana%40example.com", rid), String(rid)).toEqual({
        status: 200,
        body: { status: "OK", exists: true },
      });
      expect(await get("/signup/email/exists?email=nobody%40example.com", rid)).toEqual({ status: 200, body: { status: "OK", exists: false } });
    }
  });

  it("answers for passwordless accounts with rid passwordless (or the old thirdpartypasswordless)", async () => {
    const { get } = await setUp();
    for (const rid of ["passwordless", "thirdpartypasswordless"]) {
      // Ana's account is email+password: no passwordless account has her address.
      expect(await get("/signup/email/exists?email=ana%40example.com", rid), rid).toEqual({ status: 200, body: { status: "OK", exists: false } });
    }
  });

  it("refuses bad input as today's paths do, and answers under a tenant segment", async () => {
    const { get } = await setUp();
    for (const rid of ["emailpassword", "passwordless"]) {
      expect((await get("/signup/email/exists", rid)).status, rid).toBe(400);
      expect((await get("/signup/email/exists?email=not-an-email", rid)).status, rid).toBe(400);
      expect((await get("/public/signup/email/exists?email=ana%40example.com", rid)).status, rid).toBe(200);
      expect((await get("/nobody-here/signup/email/exists?email=ana%40example.com", rid)).body, rid).toMatchObject({
        status: "TENANT_NOT_FOUND_ERROR",
      });
    }
  });
});

describe("GET /signup/email/exists (deprecated) and emailPassword.emailExistsEndpoint", () => {
  it("is off with the email+password path when the deployer turns that oracle off (404)", async () => {
    const { get } = await setUp({ emailPassword: { emailExistsEndpoint: false } });
    for (const path of ["/emailpassword/email/exists", "/signup/email/exists"]) {
      expect((await get(`${path}?email=ana%40example.com`, "emailpassword")).status, path).toBe(404);
    }
  });
});

describe("GET /signup/phonenumber/exists (deprecated) and the spec's /passwordless/phoneNumber/exists", () => {
  it("answer for passwordless accounts, in either spelling", async () => {
    const { get } = await setUp();
    for (const path of ["/signup/phonenumber/exists", "/signup/phoneNumber/exists", "/passwordless/phoneNumber/exists"]) {
      expect(await get(`${path}?phoneNumber=%2B491701234567`, "passwordless"), path).toEqual({ status: 200, body: { status: "OK", exists: true } });
      expect(await get(`${path}?phoneNumber=%2B491709999999`, "passwordless"), path).toEqual({ status: 200, body: { status: "OK", exists: false } });
      expect((await get(`${path}?phoneNumber=call-me`, "passwordless")).status, path).toBe(400);
    }
  });

  it("answer 404 when passwordless is off, as today's path does", async () => {
    const { get } = await setUp();
    const off = createAuthClient(createPasswordlessEngine({ passwordless: { enabled: false } }).ctx);
    for (const path of ["/passwordless/phonenumber/exists", "/signup/phonenumber/exists"]) {
      const response = await off.send("GET", `${API}${path}?phoneNumber=%2B491701234567`, { headers: { rid: "passwordless" } });
      expect(response.status, path).toBe(404);
    }
    expect((await get("/signup/phonenumber/exists?phoneNumber=%2B491701234567", "passwordless")).status).toBe(200);
  });
});
