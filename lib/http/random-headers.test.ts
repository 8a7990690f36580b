/**
 * Property tests beyond bad-input.test.ts (random bodies to sign-in/up) and
 * email-endpoints-bad-input.test.ts (their bodies): random headers AND cookies, with or without
 * bodies, to EVERY endpoint of the route table (issue 9, reliability) → never a 5xx, always an
 * answer without a stack trace. And random single-byte mutations of a valid access token, at the
 * byte level of the token and of its decoded payload, over HTTP and in the engine → never
 * accepted with changed claims.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createApiKey } from "../auth/apikeys/api-keys";
import { getSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest, ROUTES } from "./routes";
import { credentials, ORIGIN } from "./testing/client";

const ENDPOINTS = Object.entries(ROUTES).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
const STACK_TRACE = /\bat [\w.<>]+ \(|\.ts:\d+:\d+|node_modules/;

async function signedUp() {
  const { ctx } = createTestEngine();
  const up = await handleAuthRequest(
    ctx,
    new Request(`${ORIGIN}/api/auth/signup`, {
      method: "POST",
      headers: { origin: ORIGIN, rid: "emailpassword", "st-auth-mode": "header", "content-type": "application/json" },
      body: JSON.stringify(credentials("prop@example.com", "Quiet-Lantern-58")),
    }),
  );
  const body = await up.json();
  const accessToken = up.headers.get("st-access-token");
  const refreshToken = up.headers.get("st-refresh-token");
  if (body.status !== "OK" || !accessToken || !refreshToken) throw new Error("sign-up failed");
  const key = await createApiKey(ctx, { name: "prop" });
  if (key.status !== "OK") throw new Error("no api key");
  return { ctx, userId: body.user.id as string, accessToken, refreshToken, apiKey: key.key };
}

/** A header value the Fetch API accepts (no CR, LF or NUL; Latin-1 only), often a hostile one. */
function headerValue(known: string[]) {
  const latin1 = fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  });
  return fc.oneof(
    latin1,
    fc.constantFrom(
      ...known,
      "",
      "null",
      "undefined",
      "header",
      "cookie",
      "any",
      "emailpassword",
      "thirdparty",
      "session",
      ORIGIN,
      "https://evil.example",
      "null, null",
    ),
    fc.constantFrom(...known).map((token) => `Bearer ${token}`),
    latin1.map((s) => `Bearer ${s}`),
    latin1.map((s) => `Bearer gh_${s}`),
    fc.constantFrom("x".repeat(8 * 1024), "%".repeat(300), "\u00ff".repeat(500)),
    fc.constantFrom("1.2.3.4", "::1", "999.999.999.999", "1.2.3.4, 5.6.7.8", "unknown", "[::1]:80", "' OR 1=1 --"),
  );
}

const HEADER_NAMES = [
  "authorization",
  "rid",
  "st-auth-mode",
  "anti-csrf",
  "origin",
  "referer",
  "sec-fetch-site",
  "content-type",
  "x-forwarded-for",
  "x-real-ip",
  "user-agent",
  "accept-language",
  "fdi-version",
  "front-token",
  "st-access-token",
  "st-refresh-token",
  "accept",
  "x-forwarded-host",
  "host",
  "forwarded",
];
const COOKIE_NAMES = ["sAccessToken", "sRefreshToken", "sFrontToken", "sThirdPartyState", "sIdRefreshToken", "sAntiCsrf"];

describe("random headers and cookies to every endpoint never yield a 5xx", () => {
  it("covers the whole route table", () => {
    expect(ENDPOINTS.length).toBeGreaterThan(20);
    expect(ENDPOINTS).toContainEqual({ path: "/session/refresh", method: "POST" });
  });

  it("property: any endpoint, any method, random headers, cookies and bodies", async () => {
    const { ctx, userId, accessToken, refreshToken, apiKey } = await signedUp();
    const known = [accessToken, refreshToken, apiKey, accessToken.slice(0, -3), `${refreshToken}x`];
    const cookieValue = fc.oneof(
      fc.constantFrom(...known, "", "%ZZ", "%00", "deleted", `"${accessToken}"`),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.=%+/"\\ ,'), maxLength: 80 }),
    );
    const cookie = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...COOKIE_NAMES), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/)), cookieValue), {
      maxLength: 5,
    });
    const header = fc.dictionary(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)), headerValue(known), {
      maxKeys: 8,
    });
    const param = fc.oneof(fc.constantFrom(userId, "admin", "nobody", "%E0%A4%A", "..", "%2F"), fc.string({ maxLength: 20 }).map(encodeURIComponent));
    const body = fc.option(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        fc.constant(JSON.stringify(credentials("prop@example.com", "Quiet-Lantern-58"))),
        fc.constant(JSON.stringify({ formFields: [{ id: "email", value: "prop@example.com" }] })),
      ),
      { nil: undefined },
    );
    const method = fc.oneof(
      { arbitrary: fc.constant<string | null>(null), weight: 4 },
      { arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), weight: 1 },
    );
    // Half the requests start as a signed-in browser would send them, so the random parts reach
    // past the CSRF and session checks into the handlers.
    const base = fc.constantFrom<Record<string, string>>(
      {},
      {
        origin: ORIGIN,
        rid: "emailpassword",
        "content-type": "application/json",
        cookie: `sAccessToken=${accessToken}; sRefreshToken=${refreshToken}`,
      },
      { origin: ORIGIN, rid: "emailpassword", "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        method,
        fc.array(param, { minLength: 3, maxLength: 3 }),
        base,
        header,
        cookie,
        body,
        async (endpoint, otherMethod, params, baseHeaders, headers, cookies, rawBody) => {
          let i = 0;
          const path = endpoint.path.replace(/:\w+/g, () => params[i++] || "x");
          const verb = otherMethod ?? endpoint.method;
          const requestHeaders = new Headers(baseHeaders);
          for (const [name, value] of Object.entries(headers)) {
            try {
              requestHeaders.set(name, value);
            } catch {
              // A value the Fetch API refuses could never reach a route handler.
            }
          }
          if (cookies.length > 0) requestHeaders.append("cookie", cookies.map(([n, v]) => `${n}=${v}`).join("; "));
          const canHaveBody = verb !== "GET" && verb !== "HEAD";
          const response = await handleAuthRequest(
            ctx,
            new Request(`${ORIGIN}/api/auth${path}`, { method: verb, headers: requestHeaders, body: canHaveBody ? rawBody : undefined }),
          );
          const text = await response.text();
          expect(response.status, `${verb} ${path} → ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(text).not.toMatch(STACK_TRACE);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe("mutated access tokens are never accepted with changed claims", () => {
  it("property (engine): any byte of the token replaced by any printable byte", async () => {
    const { ctx, accessToken } = await signedUp();
    const original = await getSession(ctx, { accessToken });
    if (original.status !== "OK") throw new Error("the original does not verify");
    const claims = JSON.stringify(original.session.accessTokenPayload);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: accessToken.length - 1 }), fc.integer({ min: 0x20, max: 0x7e }), async (index, code) => {
        const mutated = accessToken.slice(0, index) + String.fromCharCode(code) + accessToken.slice(index + 1);
        const result = await getSession(ctx, { accessToken: mutated });
        if (result.status === "OK") expect(JSON.stringify(result.session.accessTokenPayload)).toBe(claims);
      }),
      { numRuns: 400 },
    );
  });

  it("property (engine): any byte of the decoded header or payload changed, re-encoded, keeps the signature", async () => {
    const { ctx, accessToken } = await signedUp();
    const parts = accessToken.split(".");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), fc.nat(), fc.integer({ min: 1, max: 255 }), async (part, at, xor) => {
        const bytes = Buffer.from(parts[part], "base64url");
        const index = at % bytes.length;
        bytes[index] ^= xor;
        const forged = parts.map((p, i) => (i === part ? bytes.toString("base64url") : p)).join(".");
        expect((await getSession(ctx, { accessToken: forged })).status).not.toBe("OK");
      }),
      { numRuns: 300 },
    );
  });

  it("property (HTTP): a mutated token in the Authorization header or the cookie opens nobody else's sessions", async () => {
    const { ctx, accessToken } = await signedUp();
    const list = (headers: Record<string, string>) =>
      handleAuthRequest(ctx, new Request(`${ORIGIN}/api/auth/user/sessions`, { headers: { origin: ORIGIN, rid: "session", ...headers } }));
    const baseline = await (await list({ authorization: `Bearer ${accessToken}` })).json();
    expect(baseline.status).toBe("OK");
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: accessToken.length - 1 }),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/"),
        fc.boolean(),
        async (index, char, inCookie) => {
          const mutated = accessToken.slice(0, index) + char + accessToken.slice(index + 1);
          const response = await list(inCookie ? { cookie: `sAccessToken=${mutated}` } : { authorization: `Bearer ${mutated}` });
          expect(response.status).toBeLessThan(500);
          if (response.status === 200) expect(await response.json()).toEqual(baseline);
          else expect(response.status).toBe(401);
        },
      ),
      { numRuns: 300 },
    );
  });
});
