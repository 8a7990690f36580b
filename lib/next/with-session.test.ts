import { afterAll, describe, expect, it } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { withSession } from "./with-session";

describe("withSession: what the handler answers is this user's", () => {
  const { ctx } = createTestEngine();
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  const get = async (handler: ReturnType<typeof withSession>, userId: string) => {
    const { accessToken } = await createNewSession(ctx, { userId });
    return handler(new Request("http://localhost:3000/api/me", { headers: { authorization: `Bearer ${accessToken}` } }), {});
  };

  it("is never stored by a cache: a shared one would hand one user's answer (and any re-issued token) to the next", async () => {
    const me = withSession(async (_request, session) => Response.json({ userId: session.userId }));
    const response = await get(me, "u-cache");
    expect(await response.json()).toEqual({ userId: "u-cache" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    // With a re-issued access token too (here in headers: the request came with a Bearer token).
    const promote = withSession(async (_request, session) => {
      await session.mergeIntoAccessTokenPayload({ plan: "pro" });
      return Response.json({ ok: true });
    });
    const reissued = await get(promote, "u-cache");
    expect(reissued.headers.get("front-token")).toBeTruthy();
    expect(reissued.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps a Cache-Control the handler chose, and works with immutable headers (Response.redirect)", async () => {
    const chosen = withSession(async () => new Response("hi", { headers: { "cache-control": "private, max-age=60" } }));
    expect((await get(chosen, "u-own")).headers.get("cache-control")).toBe("private, max-age=60");
    const redirect = withSession(async () => Response.redirect("http://localhost:3000/dashboard", 303));
    const answer = await get(redirect, "u-own");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("http://localhost:3000/dashboard");
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("a cacheable Cache-Control the handler chose gives way to no-store once the answer carries new or cleared session cookies", async () => {
    // Cookie mode, as a browser calls it: the re-issued access token goes out in Set-Cookie.
    const viaCookie = async (handler: ReturnType<typeof withSession>) => {
      const { accessToken } = await createNewSession(ctx, { userId: "u-public" });
      return handler(new Request("http://localhost:3000/api/me", { headers: { cookie: `sAccessToken=${accessToken}` } }), {});
    };
    const publicAnswer = () => Response.json({ ok: true }, { headers: { "cache-control": "public, max-age=300" } });
    const promote = withSession(async (_request, session) => {
      await session.mergeIntoAccessTokenPayload({ plan: "pro" });
      return publicAnswer();
    });
    const reissued = await viaCookie(promote);
    expect(reissued.headers.getSetCookie().some((c) => /^sAccessToken=ey/.test(c))).toBe(true);
    expect(reissued.headers.get("cache-control")).toBe("no-store");
    const leave = withSession(async (_request, session) => {
      await session.revokeSession();
      return publicAnswer();
    });
    const cleared = await viaCookie(leave);
    expect(cleared.headers.getSetCookie().some((c) => c.startsWith("sAccessToken=;"))).toBe(true);
    expect(cleared.headers.get("cache-control")).toBe("no-store");
  });
});
