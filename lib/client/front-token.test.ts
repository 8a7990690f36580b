import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseFrontToken } from "./front-token";
import { FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";
import { frontToken, installFakeBrowser, openTab, type FakeBrowser } from "./testing/fake-browser";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("parseFrontToken", () => {
  it("decodes the server's encoding, UTF-8 payloads included", () => {
    const token = frontToken("u-1", 1_700_000_000_000, { name: "Zoë 日本", roles: ["admin"] });
    expect(parseFrontToken(token)).toEqual({ uid: "u-1", ate: 1_700_000_000_000, up: { name: "Zoë 日本", roles: ["admin"] } });
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["empty", ""],
    ["not base64", "%%%not-base64%%%"],
    ["base64 with a cookie attribute", `${b64('{"uid":"u","ate":1,"up":{}}')};path=/`],
    ["base64 of non-JSON", b64("hello")],
    ["invalid UTF-8", Buffer.from([0xff, 0xfe, 0x7b]).toString("base64")],
    ["JSON null", b64("null")],
    ["JSON array", b64("[1,2]")],
    ["JSON string", b64('"uid"')],
    ["missing uid", b64('{"ate":1,"up":{}}')],
    ["empty uid", b64('{"uid":"","ate":1,"up":{}}')],
    ["numeric uid", b64('{"uid":5,"ate":1,"up":{}}')],
    ["ate as a string", b64('{"uid":"u","ate":"1","up":{}}')],
    ["ate missing", b64('{"uid":"u","up":{}}')],
    ["up missing", b64('{"uid":"u","ate":1}')],
    ["up an array", b64('{"uid":"u","ate":1,"up":[]}')],
    ["up null", b64('{"uid":"u","ate":1,"up":null}')],
    ["oversized", "A".repeat(20_000)],
  ])("treats %s as no session", (_label, value) => {
    expect(parseFrontToken(value as string | null | undefined)).toBeNull();
  });
});

describe("front-token storage (supertokens-web-js compatible)", () => {
  let browser: FakeBrowser;
  beforeEach(() => {
    browser = installFakeBrowser();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("writes sFrontToken and st-last-access-token-update the way web-js does, and removes them by expiry", async () => {
    const client = await openTab();
    const token = frontToken("u-1", Date.now() + 60_000);
    browser.server.overrides.set("/signin", () => new Response("{}", { headers: { "front-token": token } }));
    browser.server.overrides.set("/signout", () => new Response("{}", { headers: { "front-token": "remove" } }));

    await client.gatehouseFetch("/signin", { method: "POST" });
    expect(browser.jar.writes).toContain(`${FRONT_TOKEN_COOKIE}=${token};expires=Fri, 31 Dec 9999 23:59:59 GMT;path=/;samesite=lax`);
    expect(browser.jar.writes.some((w) => w.startsWith(`${LAST_UPDATE_COOKIE}=`) && w.endsWith(";path=/;samesite=lax"))).toBe(true);

    await client.gatehouseFetch("/signout", { method: "POST" });
    expect(browser.jar.writes).toContain(`${FRONT_TOKEN_COOKIE}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/;samesite=lax`);
    // Like web-js: the timestamp stays, so "token gone, timestamp present" reads as signed out.
    expect(browser.jar.values.has(LAST_UPDATE_COOKIE)).toBe(true);
  });

  it("reads a token that supertokens-web-js stored, among other cookies", async () => {
    const client = await openTab();
    const token = frontToken("web-js-user", 1, { from: "web-js" });
    browser.jar.values.set("theme", "dark");
    browser.jar.values.set(FRONT_TOKEN_COOKIE, token);
    browser.jar.values.set(LAST_UPDATE_COOKIE, "123");
    expect(client.doesSessionExist()).toBe(true);
    expect(client.getUserId()).toBe("web-js-user");
    expect(client.getAccessTokenPayload()).toEqual({ from: "web-js" });
  });

  it("a corrupted sFrontToken cookie means no session, without throwing", async () => {
    const client = await openTab();
    browser.jar.values.set(FRONT_TOKEN_COOKIE, b64("{not json"));
    expect(client.doesSessionExist()).toBe(false);
    expect(client.getUserId()).toBeUndefined();
    expect(client.getAccessTokenPayload()).toBeUndefined();
  });

  it("where document.cookie throws (a sandboxed frame), there is no session and requests still answer", async () => {
    const blocked = () => {
      throw new DOMException("The document is sandboxed and lacks the 'allow-same-origin' flag.", "SecurityError");
    };
    vi.stubGlobal("document", Object.defineProperty({}, "cookie", { get: blocked, set: blocked }));
    const client = await openTab();
    expect(client.doesSessionExist()).toBe(false);
    expect(client.getUserId()).toBeUndefined();
    browser.server.overrides.set("/signin", () => new Response("{}", { headers: { "front-token": frontToken("u-1", 1) } }));
    expect((await client.gatehouseFetch("/signin", { method: "POST" })).status).toBe(200);
    await expect(client.signOut()).resolves.toBe(false);
  });

  it("without a document (server rendering) there is no session and nothing throws", async () => {
    vi.stubGlobal("document", undefined);
    const client = await openTab();
    expect(client.doesSessionExist()).toBe(false);
    expect(client.getUserId()).toBeUndefined();
  });
});
