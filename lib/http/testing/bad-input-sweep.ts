/**
 * The bad-input sweep (every-route-bad-input.test.ts on memory stores,
 * every-route-bad-input.db.test.ts on the three databases). Every route of the auth API (ROUTES, so a new route is covered the day it is added) gets
 * malformed and random input from three callers: no session, a signed-in user's session, and
 * an admin API key. Whatever it is, the answer is a 4xx or 2xx/3xx, never a 5xx, and an error
 * answer never carries a stack. The sweep must reach the handlers: for each route, some caller
 * must get past authentication (an answer other than 401/403), or the test says which did not.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { createApiKey } from "../../auth/apikeys/api-keys";
import { createOrganization } from "../../auth/organizations/organizations";
import type { EngineContext } from "../../auth/context";
import { ROUTES } from "../routes";
import { createAuthClient, credentials } from "./client";

const API = "/api/auth";
const RAW_BODIES = [
  "",
  "{",
  "null",
  "[]",
  "1",
  '"text"',
  "{}",
  '{"unknown":1}',
  `${"[".repeat(40)}${"]".repeat(40)}`,
  '{"__proto__":{"polluted":1}}',
  '{"formFields":[{"id":"email","value":null}]}',
  '{"formFields":{}}',
  // U+0000, which PostgreSQL cannot store or compare, in a field and in a key.
  JSON.stringify({
    formFields: [
      { id: "email", value: "a\u0000@example.com" },
      { id: "password", value: "pw\u0000" },
    ],
  }),
  JSON.stringify({ email: "a\u0000b", organizationId: "\u0000", deviceName: "\u0000", userId: "\u0000", "\u0000": 1 }),
  // A lone surrogate: no UTF-8 spelling.
  JSON.stringify({
    formFields: [
      { id: "email", value: "\ud800@example.com" },
      { id: "password", value: "\udfff" },
    ],
    email: "\ud800",
  }),
  // Longer than a VARCHAR(255) column of MariaDB.
  JSON.stringify({ deviceName: "d".repeat(300), name: "n".repeat(300), slug: "s".repeat(300), email: `${"a".repeat(300)}@example.com` }),
];
const QUERIES = [
  "",
  "?email=",
  "?email=%E0%A4%A",
  "?limit=abc&paginationToken=%%%",
  "?limit=-1",
  "?limit=1e308",
  "?thirdPartyId=x&redirectURIOnProviderDashboard=javascript:alert(1)",
  "?phoneNumber=++",
  "?email=a&email=b",
  "?tenantId=../../x",
  "?email=a%00b@example.com&phoneNumber=%00",
  "?%00=1",
];
/** Keys the endpoints read, so that random objects reach past "unknown field" more often. */
const KEYS = [
  "email",
  "password",
  "formFields",
  "deviceName",
  "totp",
  "recoveryCode",
  "organizationId",
  "userId",
  "role",
  "slug",
  "name",
  "confirm",
  "preAuthSessionId",
  "deviceId",
  "userInputCode",
  "linkCode",
  "phoneNumber",
  "token",
  "method",
  "credential",
  "webauthnGeneratedOptionsId",
  "thirdPartyId",
  "redirectURIInfo",
  "sessionHandles",
  "oldPassword",
  "newPassword",
  "permissions",
];
const VALUE = fc.oneof(
  fc.string(),
  fc.constant("a\u0000b"),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.string()),
);
const RANDOM_BODY = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom(...KEYS), VALUE).map((v) => JSON.stringify(v)),
);
/** Odd headers, each sent alone with an empty JSON object (GET and DELETE: no body). */
const HEADER_VARIANTS: { headers: Record<string, string | null>; cookies?: false }[] = [
  { headers: { "st-auth-mode": "sideways" } },
  { headers: { "st-auth-mode": "header", authorization: "Bearer x.y.z" } },
  { headers: { authorization: `Bearer ${"a".repeat(10_000)}` } },
  { headers: { authorization: "Basic Zm9vOmJhcg==" } },
  { headers: { authorization: "Bearer" } },
  { headers: { rid: "nope" } },
  { headers: { rid: "" } },
  { headers: { origin: "null" } },
  { headers: { origin: "http://evil.example" } },
  { headers: { "content-type": "text/plain" } },
  { headers: { "content-type": "application/x-www-form-urlencoded" } },
  { headers: { "anti-csrf": "garbage" } },
  { headers: { "accept-language": "x".repeat(5_000) } },
  { headers: { "x-forwarded-for": "::::, 999.1.1.1, unknown" } },
  { headers: { cookie: "sAccessToken=garbage; sAccessToken=other" }, cookies: false },
  { headers: { cookie: `sAccessToken=${"%".repeat(100)}; sRefreshToken=a.b.c.d; sFrontToken=zz` }, cookies: false },
  { headers: { cookie: "sAccessToken=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.; sIdRefreshToken=1" }, cookies: false },
];
/**
 * Routes that can end the caller's session (a refresh refused with cleared cookies, a
 * revocation, a sign-out): swept last, each with a session signed in afresh.
 */
const ENDS_SESSION = ["/session/refresh", "/user/sessions/revoke", "/signout"];

/** What the sweep's engine must be configured with: every recipe on, no rate limits in the way. */
export const SWEEP_CONFIG = { rateLimits: { enabled: false }, mfa: {}, webauthn: {}, passwordless: { contactMethod: "EMAIL_OR_PHONE" as const } };

/** Sweeps every route on `ctx` (made with SWEEP_CONFIG); `randomRuns` random bodies per route, method, caller and ids. */
export async function sweepEveryRoute(ctx: EngineContext, randomRuns: number): Promise<void> {
  const user = createAuthClient(ctx);
  const signedUp = await (await user.send("POST", `${API}/signup`, { body: credentials("user@example.com", "fixture-pw-1") })).json();
  const other = await (await createAuthClient(ctx).send("POST", `${API}/signup`, { body: credentials("other@example.com", "fixture-pw-1") })).json();
  expect(await createOrganization(ctx, { userId: signedUp.user.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  const key = await createApiKey(ctx, { name: "sweep", expiresAt: new Date(ctx.now().getTime() + 3600_000) });
  if (key.status !== "OK") throw new Error(`no API key: ${key.status}`);
  const callers = {
    anonymous: { client: createAuthClient(ctx), options: {} },
    session: { client: user, options: {} },
    apiKey: { client: createAuthClient(ctx), options: { cookies: false, headers: { origin: null, rid: null, authorization: `Bearer ${key.key}` } } },
  };
  // Real ids (another user's, so an admin deletion leaves the session alone) and garbage.
  const params = [
    { userId: other.user.id, role: "admin", organizationId: "acme", invitationId: "x", keyId: "x" },
    { userId: "%00", role: "r".repeat(300), organizationId: "ZZ%2F..", invitationId: "%E0", keyId: "-1" },
  ];
  const failures: string[] = [];
  const reached = new Map<string, Set<number>>();

  async function send(
    caller: keyof typeof callers,
    method: string,
    route: string,
    path: string,
    rawBody?: string,
    variant?: (typeof HEADER_VARIANTS)[number],
  ) {
    const { options } = callers[caller];
    // A variant with its own cookies may be answered with cleared cookies: kept out of the caller's jar.
    const client = variant?.cookies === false ? createAuthClient(ctx) : callers[caller].client;
    const headers = { ...("headers" in options ? options.headers : {}), ...variant?.headers };
    const cookies = variant?.cookies ?? ("cookies" in options ? options.cookies : undefined);
    const response = await client.send(method, path, { headers, cookies, ...(rawBody === undefined ? {} : { rawBody }) });
    const text = await response.text();
    reached.set(route, (reached.get(route) ?? new Set()).add(response.status));
    const shown = `${caller} ${method} ${path} ${JSON.stringify(rawBody?.slice(0, 60))}${variant ? ` ${JSON.stringify(variant.headers).slice(0, 80)}` : ""}`;
    if (response.status >= 500) failures.push(`${response.status} ${shown}: ${text.slice(0, 200)}`);
    else if (/\bat .*\.[jt]s:\d+|Error:/.test(text)) failures.push(`stack in ${shown}: ${text.slice(0, 200)}`);
  }

  const routes = [...Object.keys(ROUTES).filter((route) => !ENDS_SESSION.includes(route)), ...ENDS_SESSION];
  for (const route of routes) {
    if (ENDS_SESSION.includes(route)) {
      const client = createAuthClient(ctx);
      expect((await client.send("POST", `${API}/signin`, { body: credentials("user@example.com", "fixture-pw-1") })).status).toBe(200);
      callers.session.client = client;
    }
    for (const method of Object.keys(ROUTES[route]!)) {
      for (const values of params) {
        const path = API + route.replace(/:(\w+)/g, (_, name: string) => values[name as keyof typeof values] ?? "x");
        for (const caller of Object.keys(callers) as (keyof typeof callers)[]) {
          if (method === "GET" || method === "DELETE") {
            for (const query of QUERIES) await send(caller, method, route, path + query);
            if (values === params[0]) for (const variant of HEADER_VARIANTS) await send(caller, method, route, path, undefined, variant);
            continue;
          }
          for (const raw of RAW_BODIES) await send(caller, method, route, path, raw);
          if (values === params[0]) for (const variant of HEADER_VARIANTS) await send(caller, method, route, path, "{}", variant);
          await fc.assert(
            fc.asyncProperty(RANDOM_BODY, (raw) => send(caller, method, route, path, raw)),
            { numRuns: randomRuns, seed: 2026 },
          );
        }
      }
    }
  }
  expect(failures).toEqual([]);
  const neverPastAuth = routes.filter((route) => [...reached.get(route)!].every((status) => status === 401 || status === 403));
  expect(neverPastAuth).toEqual([]);
}
