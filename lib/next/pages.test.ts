import type { GetServerSidePropsContext } from "next";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createNewSession } from "../auth/session/session";
import { accessTokenWithEmailVerified } from "../auth/testing/email-verified-session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { getSessionSSR, withSessionSSR } from "./pages";

/** getServerSideProps helpers against an in-memory engine, with a fake `req` holding only headers. */
describe("getSessionSSR / withSessionSSR", () => {
  const { ctx, clock, stores } = createTestEngine({ setJwtPayload: () => ({ role: "admin" }) });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  const context = (cookie: string | undefined, resolvedUrl = "/ssr-example?tab=2") => ({
    req: { headers: cookie === undefined ? {} : { cookie } },
    resolvedUrl,
  });

  async function signedIn(userId: string) {
    const tokens = await createNewSession(ctx, { userId, jwtPayload: { role: "admin" } });
    return `theme=dark; sAccessToken=${tokens.accessToken}; other=1`;
  }

  it("returns the session from the sAccessToken cookie among others", async () => {
    const result = await getSessionSSR(context(await signedIn("user-ssr-1")));
    expect(result).toMatchObject({ session: { userId: "user-ssr-1", accessTokenPayload: { role: "admin", sub: "user-ssr-1" } } });
  });

  it("redirects to sign-in without a cookie, or with a forged token, back to resolvedUrl", async () => {
    const expected = { redirect: { destination: "/auth?redirectToPath=%2Fssr-example%3Ftab%3D2", permanent: false } };
    expect(await getSessionSSR(context(undefined))).toEqual(expected);
    expect(await getSessionSSR(context("sAccessToken="))).toEqual(expected);
    const cookie = await signedIn("user-ssr-2");
    const forged = cookie.replace(/(sAccessToken=[^.]+\.)[^.]+/, `$1${Buffer.from('{"sub":"someone-else"}').toString("base64url")}`);
    expect(forged).not.toBe(cookie);
    expect(await getSessionSSR(context(forged))).toEqual(expected);
  });

  it("sends an expired access token to the refresh page; redirectToPath overrides resolvedUrl", async () => {
    const cookie = await signedIn("user-ssr-3");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    expect(await getSessionSSR(context(cookie))).toEqual({
      redirect: { destination: "/auth/refresh?redirectToPath=%2Fssr-example%3Ftab%3D2", permanent: false },
    });
    expect(await getSessionSSR(context(cookie), { redirectToPath: "/elsewhere" })).toEqual({
      redirect: { destination: "/auth/refresh?redirectToPath=%2Felsewhere", permanent: false },
    });
  });

  it("an off-site resolvedUrl cannot become the return path", async () => {
    expect(await getSessionSSR(context(undefined, "//evil.example/x"))).toEqual({
      redirect: { destination: "/auth?redirectToPath=%2F", permanent: false },
    });
  });

  it("checkDatabase refuses a revoked session whose token still verifies", async () => {
    const tokens = await createNewSession(ctx, { userId: "user-ssr-4" });
    const cookie = `sAccessToken=${tokens.accessToken}`;
    // Deleted behind the engine's back (as by another instance this one has not synced with):
    // the token still verifies alone, and only checkDatabase sees the row is gone.
    await stores.sessions.deleteSession(tokens.sessionHandle);
    expect(await getSessionSSR(context(cookie))).toHaveProperty("session");
    expect(await getSessionSSR(context(cookie), { checkDatabase: true })).toHaveProperty(
      "redirect.destination",
      "/auth?redirectToPath=%2Fssr-example%3Ftab%3D2",
    );
  });

  it("withSessionSSR runs the handler only with a session", async () => {
    const handler = vi.fn(async (_context: GetServerSidePropsContext, session: { userId: string }) => ({
      props: { userId: session.userId },
    }));
    const getServerSideProps = withSessionSSR(handler);
    const asContext = (c: ReturnType<typeof context>) => c as unknown as GetServerSidePropsContext;

    expect(await getServerSideProps(asContext(context(await signedIn("user-ssr-5"))))).toEqual({ props: { userId: "user-ssr-5" } });
    expect(handler).toHaveBeenCalledTimes(1);

    expect(await getServerSideProps(asContext(context(undefined, "/ssr-example")))).toEqual({
      redirect: { destination: "/auth?redirectToPath=%2Fssr-example", permanent: false },
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe("getSessionSSR with a renamed access-token cookie", () => {
  it("reads session.accessTokenCookieName, not sAccessToken", async () => {
    const { ctx } = createTestEngine({ session: { accessTokenCookieName: "appAT" } });
    setGatehouse(ctx);
    try {
      const { accessToken } = await createNewSession(ctx, { userId: "user-ssr-renamed" });
      const at = (cookie: string) => getSessionSSR({ req: { headers: { cookie } }, resolvedUrl: "/p" });
      expect(await at(`appAT=${accessToken}`)).toMatchObject({ session: { userId: "user-ssr-renamed" } });
      expect(await at(`sAccessToken=${accessToken}`)).toHaveProperty("redirect");
    } finally {
      setGatehouse(undefined);
    }
  });
});

describe("getSessionSSR in REQUIRED email-verification mode", () => {
  const { ctx } = createTestEngine({ emailVerification: { mode: "REQUIRED" } });
  const context = (cookie: string) => ({ req: { headers: { cookie } }, resolvedUrl: "/ssr-example?tab=2" });
  let verifiedUserId = "";
  const cookieFor = async (verified: boolean) => {
    const made = await accessTokenWithEmailVerified(ctx, verified);
    if (verified) verifiedUserId = made.userId;
    return `sAccessToken=${made.accessToken}`;
  };

  it("redirects an unverified user to the verify-email page and passes a verified one", async () => {
    setGatehouse(ctx);
    try {
      expect(await getSessionSSR(context(await cookieFor(false)))).toEqual({
        redirect: { destination: "/auth/verify-email?redirectToPath=%2Fssr-example%3Ftab%3D2", permanent: false },
      });
      const verified = await getSessionSSR(context(await cookieFor(true)));
      expect(verified).toMatchObject({ session: { userId: verifiedUserId } });
    } finally {
      setGatehouse(undefined);
    }
  });
});
