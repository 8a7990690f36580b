// Reading the session everywhere in Next.js: server components (/dashboard), getServerSideProps
// (/ssr-example), proxy.ts (/examples/protected) and a server action (/examples/server-action).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { API_BASE, PASSWORD, REFRESH_PATH, WAIT_FOR_EXPIRY_MS, formFields, freshEmail } from "./support";

/** Signs up through the API; with the page's own request context the browser gets the cookies. */
async function signUpViaApi(request: APIRequestContext, baseURL: string, email: string): Promise<string> {
  const res = await request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL },
    data: formFields(email, PASSWORD),
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("OK");
  return body.user.id;
}

/** Counts POSTs to the refresh endpoint and records every page the main frame visits. */
function watch(page: Page) {
  const seen = { refreshes: 0, visited: [] as URL[] };
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === REFRESH_PATH && req.method() === "POST") seen.refreshes += 1;
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) seen.visited.push(new URL(frame.url()));
  });
  return seen;
}

const at =
  (pathname: string, search = "") =>
  (url: URL) =>
    url.pathname === pathname && url.search === search;

test("an expired access token: /dashboard and getServerSideProps both refresh and come back for the same user", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/auth?show=signup&redirectToPath=/dashboard");
  await page.locator("#email").fill(freshEmail("next-expiry"));
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL(at("/dashboard"));
  const userId = (await page.getByTestId("user-id").innerText()).trim();
  expect(userId).not.toBe("");

  await test.step("server component /dashboard", async () => {
    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const before = seen.refreshes;
    await page.goto("/dashboard");
    await expect(page).toHaveURL(at("/dashboard"));
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    expect(seen.refreshes, "a refresh happened").toBeGreaterThan(before);
  });

  await test.step("getServerSideProps /ssr-example?tab=2", async () => {
    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const before = seen.refreshes;
    const visitedBefore = seen.visited.length;
    await page.goto("/ssr-example?tab=2");
    await expect(page).toHaveURL(at("/ssr-example", "?tab=2"));
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    const payload = JSON.parse(await page.getByTestId("payload").innerText());
    expect(payload).toMatchObject({ sub: userId, role: "user" });
    expect(seen.refreshes, "a refresh happened").toBeGreaterThan(before);
    const viaRefresh = seen.visited.slice(visitedBefore).find((u) => u.pathname === "/auth/refresh");
    expect(viaRefresh?.searchParams.get("redirectToPath"), "went through /auth/refresh").toBe("/ssr-example?tab=2");
  });
});

test("getServerSideProps without a session redirects to /auth with the page as redirectToPath", async ({ page }) => {
  await page.goto("/ssr-example?tab=3");
  await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/ssr-example?tab=3");
  await expect(page.getByTestId("user-id")).toHaveCount(0);
});

test.describe("proxy.ts", () => {
  test("an anonymous visit is sent to /auth; signing in there lands back on the protected path", async ({ page, request, baseURL }) => {
    const email = freshEmail("next-proxy");
    const userId = await signUpViaApi(request, baseURL!, email);

    await page.goto("/examples/protected?from=e2e&x=1");
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/examples/protected?from=e2e&x=1");
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(at("/examples/protected", "?from=e2e&x=1"));
    await expect(page.getByTestId("user-id")).toHaveText(userId);
  });

  test("an expired access token goes through /auth/refresh and back", async ({ page, baseURL }) => {
    const seen = watch(page);
    const userId = await signUpViaApi(page.request, baseURL!, freshEmail("next-proxy-exp"));
    await page.goto("/examples/protected");
    await expect(page.getByTestId("user-id")).toHaveText(userId);

    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const before = seen.refreshes;
    await page.goto("/examples/protected/?deep=1");
    await expect(page).toHaveURL(at("/examples/protected", "?deep=1"));
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    expect(seen.refreshes).toBeGreaterThan(before);
  });

  test("answers on the wire: 307 for page loads, 401 for other methods, other paths untouched", async ({ request }) => {
    const get = await request.get("/examples/protected/a?b=c", { maxRedirects: 0 });
    expect(get.status()).toBe(307);
    expect(get.headers()["location"]).toBe(`/auth?redirectToPath=${encodeURIComponent("/examples/protected/a?b=c")}`);

    const post = await request.post("/examples/protected", { maxRedirects: 0 });
    expect(post.status()).toBe(401);
    expect(await post.json()).toEqual({ message: "unauthorised" });

    // The internal recursion header behind CVE-2025-29927 does not skip the proxy.
    for (const value of [
      "middleware:middleware:middleware:middleware:middleware",
      "proxy:proxy:proxy:proxy:proxy",
      "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
    ]) {
      const res = await request.get("/examples/protected", { maxRedirects: 0, headers: { "x-middleware-subrequest": value } });
      expect(res.status(), value).toBe(307);
    }

    // Percent-encoding a letter does not slip past the matcher.
    const encoded = await request.get("/examples/%70rotected", { maxRedirects: 0 });
    expect(encoded.status()).toBe(307);

    for (const path of ["/examples/protectedx", "/auth", "/api/auth/jwt/jwks.json", "/examples/server-action"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).not.toBe(307);
    }
  });
});

test.describe("server action", () => {
  const ask = (page: Page) => page.getByRole("button", { name: "Ask the server who I am" }).click();
  const result = (page: Page) => page.getByTestId("action-result");

  test("refuses without a session", async ({ page }) => {
    await page.goto("/examples/server-action");
    await ask(page);
    await expect(result(page)).toHaveAttribute("data-status", "UNAUTHORISED");
    await expect(page.getByTestId("user-id")).toHaveCount(0);
  });

  test("answers with the session; refuses an expired token until refreshed", async ({ page, baseURL }) => {
    const userId = await signUpViaApi(page.request, baseURL!, freshEmail("next-action"));
    await page.goto("/examples/server-action");
    await ask(page);
    await expect(result(page)).toHaveAttribute("data-status", "OK");
    await expect(page.getByTestId("user-id")).toHaveText(userId);

    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    await ask(page);
    await expect(result(page)).toHaveAttribute("data-status", "TRY_REFRESH_TOKEN_ERROR");
    await page.getByRole("link", { name: "Refresh the session" }).click();
    await expect(page).toHaveURL(at("/examples/server-action"));
    await ask(page);
    await expect(result(page)).toHaveAttribute("data-status", "OK");
    await expect(page.getByTestId("user-id")).toHaveText(userId);
  });

  test("refuses a valid session when the Origin is not the app's (same host, other scheme passes Next's own check)", async ({ page, baseURL }) => {
    await signUpViaApi(page.request, baseURL!, freshEmail("next-action-origin"));
    await page.goto("/examples/server-action");
    // Chromium keeps its own Origin on a continued request, so the action is replayed from
    // Playwright's side (same cookie jar) with the Origin set by the test.
    let origin = baseURL!;
    const sent: string[] = [];
    await page.route("**/examples/server-action", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const headers = { ...(await route.request().allHeaders()), origin };
      sent.push(origin);
      await route.fulfill({ response: await route.fetch({ headers }) });
    });

    await ask(page);
    await expect(result(page), "the replay itself works").toHaveAttribute("data-status", "OK");

    origin = baseURL!.replace(/^http:/, "https:");
    await ask(page);
    await expect(result(page)).toHaveAttribute("data-status", "UNAUTHORISED");
    expect(sent).toEqual([baseURL!, origin]);
  });
});
