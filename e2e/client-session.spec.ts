// lib/client in the built-in UI: the /auth form stores the front token (cookie compatible with
// supertokens-web-js), useSession shows it and follows sign-out in another tab, and the
// /auth/refresh page refreshes, returns safely and cannot loop.
import { expect, test } from "@playwright/test";
import { REFRESH_PATH, WAIT_FOR_EXPIRY_MS, decodeFrontToken, freshEmail } from "./support";
import { CLIENT_PAGE, openClientPage, recordRequests, signUpThroughForm, waitForClient } from "./client-support";

test("sign-up stores the front token; useSession shows it; sign-out in one tab signs out the other", async ({ context }) => {
  const page = await context.newPage();
  await signUpThroughForm(page, freshEmail("usesession"));

  const cookie = (await context.cookies()).find((c) => c.name === "sFrontToken");
  expect(cookie, "sFrontToken cookie").toBeDefined();
  // The attributes supertokens-web-js uses, so that both clients share one cookie.
  expect(cookie).toMatchObject({ path: "/", httpOnly: false, sameSite: "Lax" });
  const front = decodeFrontToken(cookie!.value);

  await expect(page.getByTestId("session-state")).toHaveAttribute("data-state", "signed-in");
  await expect(page.getByTestId("session-user-id")).toHaveText(front.uid);
  expect(JSON.parse(await page.getByTestId("session-payload").innerText())).toEqual(front.up);

  await page.getByRole("button", { name: "Call /api/me" }).click();
  await expect(page.getByTestId("me-result")).toContainText(`"userId":"${front.uid}"`);

  const other = await openClientPage(context);
  await expect(other.getByTestId("session-user-id")).toHaveText(front.uid);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  await expect(other.getByTestId("session-state")).toHaveAttribute("data-state", "signed-out");
  const names = (await context.cookies()).map((c) => c.name);
  expect(names).not.toContain("sFrontToken");
  expect(names).not.toContain("sAccessToken");
});

test("sign-out with an expired access token refreshes once, then revokes the session", async ({ context }) => {
  const refreshes = recordRequests(context, REFRESH_PATH);
  const signouts = recordRequests(context, "/api/auth/signout");
  const page = await context.newPage();
  await signUpThroughForm(page, freshEmail("signout-expired"));
  const refreshCookie = (await context.cookies()).find((c) => c.name === "sRefreshToken")!;
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  expect(refreshes).toHaveLength(1);
  expect(signouts).toHaveLength(2);

  // Revoked on the server, not merely forgotten: the old refresh token no longer works.
  const res = await context.request.post(REFRESH_PATH, {
    headers: { rid: "session", origin: new URL(page.url()).origin, cookie: `sRefreshToken=${refreshCookie.value}` },
  });
  expect(res.status()).toBe(401);
});

test.describe("/auth/refresh", () => {
  test("refreshes and returns; a third return within seconds goes to sign-in instead (loop breaker)", async ({ context }) => {
    const refreshes = recordRequests(context, REFRESH_PATH);
    const page = await context.newPage();
    await signUpThroughForm(page, freshEmail("loop"));
    const target = `/auth/refresh?redirectToPath=${encodeURIComponent(CLIENT_PAGE)}`;

    for (let i = 1; i <= 2; i++) {
      await page.goto(target);
      await expect(page).toHaveURL((url) => url.pathname === CLIENT_PAGE);
      await waitForClient(page);
      expect(refreshes).toHaveLength(i);
    }
    await page.goto(target);
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === CLIENT_PAGE);
    expect(refreshes, "the loop breaker does not even refresh").toHaveLength(2);
  });

  test("without a session it goes to sign-in with redirectToPath", async ({ page }) => {
    await page.goto("/auth/refresh?redirectToPath=%2Fdashboard");
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/dashboard");
  });

  test("an unsafe redirectToPath returns to / after the refresh", async ({ context, baseURL }) => {
    const page = await context.newPage();
    await signUpThroughForm(page, freshEmail("unsafe-refresh"));
    await page.goto(`/auth/refresh?redirectToPath=${encodeURIComponent("//evil.example/x")}`);
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === "/");
  });

  test("renders only a status line, no signed-in or signed-out content", async ({ request }) => {
    const html = await (await request.get("/auth/refresh?redirectToPath=%2Fdashboard")).text();
    expect(html).toContain("Refreshing your session");
    expect(html).not.toMatch(/<form|<button|Sign in|Dashboard/);
  });
});
