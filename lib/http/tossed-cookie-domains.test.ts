// Which domains a tossed cookie is expired on. Under `next start` (and the standalone server.js
// of the Docker image) a route handler's `request.url` names the server's own bind address,
// `http://localhost:3000/api/auth/…`, whatever host the browser asked for (seen with Next
// 16.5: Host: app.example.com still gives request.url http://localhost:<port>/…), so the
// parent domains have to come from the configured origins, the browser's Host only choosing
// among them.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineContext } from "../auth/context";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { credentials } from "./testing/client";

const APP = "https://app.example.com";
const REFRESH = "__Secure-sRefreshToken";
/** What Next hands a route handler behind `next start -p 3000`, whatever the browser's host. */
const SERVER_URL = "http://localhost:3000";

async function attackerRefreshToken(ctx: EngineContext): Promise<string> {
  const response = await handleAuthRequest(
    ctx,
    new Request(`${APP}/api/auth/signup`, {
      method: "POST",
      headers: { origin: APP, rid: "emailpassword", "content-type": "application/json" },
      body: JSON.stringify(credentials(`planter-${randomUUID().slice(0, 8)}@example.com`, "fixture-pw-1")),
    }),
  );
  expect(response.status).toBe(200);
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH}=`))!;
  return line.split(";")[0]!.slice(REFRESH.length + 1);
}

/** A signed-out browser holding only a planted refresh cookie, as `next start` passes it on. */
async function plantedRefresh(ctx: EngineContext, host: string | null): Promise<Response> {
  const headers: Record<string, string> = { origin: APP, rid: "session", cookie: `${REFRESH}=${await attackerRefreshToken(ctx)}` };
  if (host !== null) headers.host = host;
  return handleAuthRequest(ctx, new Request(`${SERVER_URL}/api/auth/session/refresh`, { method: "POST", headers }));
}

/** The domains on which the response expires the refresh cookie at its path. */
function expiredDomains(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .filter((c) => c.startsWith(`${REFRESH}=;`) && c.includes("Path=/api/auth/session/refresh;"))
    .map((c) => /; Domain=\.?([^;]+)/.exec(c)?.[1])
    .filter((domain): domain is string => domain !== undefined);
}

describe("a tossed cookie is expired on the app's parent domains, not on the server's bind address", () => {
  it("behind next start (request.url http://localhost:3000, Host the app's): expired on example.com", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const response = await plantedRefresh(ctx, "app.example.com");
    expect(response.status).toBe(401);
    expect(expiredDomains(response)).toContain("example.com");
  });

  it("without a Host header: the configured app origin's parent domains", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    expect(expiredDomains(await plantedRefresh(ctx, null))).toContain("example.com");
  });

  it("a trusted origin's host, as the browser asked for it: that host's parent domains", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP, trustedOrigins: ["https://admin.example.org"] });
    const domains = expiredDomains(await plantedRefresh(ctx, "admin.example.org"));
    expect(domains).toContain("example.org");
    expect(domains).not.toContain("example.com");
  });

  it("a forged Host names no domain of its own: the app origin's are used", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const domains = expiredDomains(await plantedRefresh(ctx, "evil.example:3000"));
    expect(domains).toContain("example.com");
    expect(domains.some((d) => d.includes("evil"))).toBe(false);
  });
});
