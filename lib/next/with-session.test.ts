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

  it("is no-store whatever the handler chose once it carries the session's tokens (re-issued or cleared)", async () => {
    // A handler may mark its body public; the access token written beside it is still this user's.
    const publicBody = { "cache-control": "public, max-age=60" };
    const promote = withSession(async (_request, session) => {
      await session.mergeIntoAccessTokenPayload({ plan: "pro" });
      return new Response("public page", { headers: publicBody });
    });
    const reissued = await get(promote, "u-public");
    expect(reissued.headers.get("front-token")).toBeTruthy();
    expect(reissued.headers.get("cache-control")).toBe("no-store");
    const signOut = withSession(async (_request, session) => {
      await session.revokeSession();
      return new Response("bye", { headers: publicBody });
    });
    const cleared = await get(signOut, "u-public");
    expect(cleared.headers.get("front-token")).toBe("remove");
    expect(cleared.headers.get("cache-control")).toBe("no-store");
  });
});
