// lib/client across tabs: five tabs meet an expired access token at once and the browser makes
// exactly one refresh call (Web Locks + the front-token check); a failed refresh signs every
// tab out and is never retried.
import { expect, test, type BrowserContext } from "@playwright/test";
import { API_BASE, REFRESH_PATH, WAIT_FOR_EXPIRY_MS, freshEmail } from "./support";
import { doesSessionExist, gatehouseFetchFromAll, openClientPage, recordRequests, recordStatuses, signUpThroughForm } from "./client-support";

const TABS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds refresh requests until `count()` reaches `target` (or 5 s pass): every tab has then
 * certainly been answered 401 before any refresh completes, so the test cannot pass merely
 * because one tab's refresh happened to finish before the others sent their requests.
 */
async function holdRefreshUntil(context: BrowserContext, count: () => number, target: number) {
  await context.route(`**${REFRESH_PATH}`, async (route) => {
    const deadline = Date.now() + 5_000;
    while (count() < target && Date.now() < deadline) await sleep(20);
    await route.continue();
  });
}

function frontTokenCookie(context: BrowserContext) {
  return context.cookies().then((cookies) => cookies.find((c) => c.name === "sFrontToken"));
}

test("five tabs with an expired access token: one refresh, every request succeeds", async ({ context }) => {
  const refreshes = recordRequests(context, REFRESH_PATH);
  const refreshStatuses = recordStatuses(context, REFRESH_PATH);
  const meStatuses = recordStatuses(context, "/api/me");

  const first = await context.newPage();
  await signUpThroughForm(first, freshEmail("tabs"));
  const userId = (await first.getByTestId("session-user-id").innerText()).trim();
  expect(userId).not.toBe("");
  const tokenAtSignUp = (await frontTokenCookie(context))?.value;
  expect(tokenAtSignUp, "the sign-up form stored the front token").toBeTruthy();

  const pages = [first];
  for (let i = 1; i < TABS; i++) pages.push(await openClientPage(context));
  for (const page of pages) expect(await doesSessionExist(page)).toBe(true);

  await holdRefreshUntil(context, () => meStatuses.filter((s) => s === 401).length, TABS);
  await first.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  expect(refreshes).toEqual([]);

  await test.step("all five fire at once", async () => {
    const results = await gatehouseFetchFromAll(pages, "/api/me");
    for (const result of results) {
      expect(result.status, result.body).toBe(200);
      expect(JSON.parse(result.body).userId).toBe(userId);
    }
    expect(
      meStatuses.filter((s) => s === 401),
      "every tab met the expired token",
    ).toHaveLength(TABS);
    expect(refreshes, "exactly one refresh call reached the server").toHaveLength(1);
    expect(refreshStatuses).toEqual([200]);
  });

  await test.step("the new front token is shared by every tab", async () => {
    const after = await frontTokenCookie(context);
    expect(after?.value).toBeTruthy();
    expect(after?.value).not.toBe(tokenAtSignUp);
    for (const page of pages) expect(await doesSessionExist(page)).toBe(true);
  });

  await test.step("no theft was detected: a further refresh succeeds and the session works", async () => {
    await context.unroute(`**${REFRESH_PATH}`);
    expect(await pages[2].evaluate(() => window.gatehouseClient!.attemptRefreshingSession())).toBe(true);
    expect(refreshStatuses).toEqual([200, 200]);
    const results = await gatehouseFetchFromAll(pages, "/api/me");
    expect(results.map((r) => r.status)).toEqual(Array(TABS).fill(200));
    expect(refreshes).toHaveLength(2);
  });

  await test.step("a second expiry again costs exactly one refresh", async () => {
    const before = meStatuses.filter((s) => s === 401).length;
    await holdRefreshUntil(context, () => meStatuses.filter((s) => s === 401).length - before, TABS);
    await first.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const results = await gatehouseFetchFromAll(pages, "/api/me");
    expect(results.map((r) => r.status)).toEqual(Array(TABS).fill(200));
    expect(refreshes).toHaveLength(3);
    expect(refreshStatuses).toEqual([200, 200, 200]);
  });
});

test("a session revoked elsewhere: one failed refresh, every tab signed out, no further attempts", async ({ context, playwright, baseURL }) => {
  const refreshes = recordRequests(context, REFRESH_PATH);
  const refreshStatuses = recordStatuses(context, REFRESH_PATH);
  const first = await context.newPage();
  await signUpThroughForm(first, freshEmail("revoked"));
  const second = await openClientPage(context);

  await test.step("another client, holding a copy of the cookies and nothing else, signs out", async () => {
    const other = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: await context.cookies(), origins: [] },
    });
    const headers = { rid: "session", origin: new URL(baseURL!).origin };
    let res = await other.post(`${API_BASE}/signout`, { headers });
    if (res.status() === 401) {
      // The access token expired already: refresh in that client, then sign out.
      expect((await other.post(REFRESH_PATH, { headers })).status()).toBe(200);
      res = await other.post(`${API_BASE}/signout`, { headers });
    }
    expect(res.status(), await res.text()).toBe(200);
    await other.dispose();
  });

  await first.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await expect(second.getByTestId("session-state")).toHaveAttribute("data-state", "signed-in");

  await test.step("both tabs call at once: one refresh, refused; both get 401", async () => {
    const results = await gatehouseFetchFromAll([first, second], "/api/me");
    expect(results.map((r) => r.status)).toEqual([401, 401]);
    expect(refreshes).toHaveLength(1);
    expect(refreshStatuses).toEqual([401]);
  });

  await test.step("every tab knows it is signed out, the other one without a reload", async () => {
    expect(await doesSessionExist(first)).toBe(false);
    expect(await doesSessionExist(second)).toBe(false);
    expect(await frontTokenCookie(context)).toBeUndefined();
    await expect(second.getByTestId("session-state")).toHaveAttribute("data-state", "signed-out");
  });

  await test.step("later requests make no refresh attempt", async () => {
    const results = await gatehouseFetchFromAll([first, second, first], "/api/me");
    expect(results.map((r) => r.status)).toEqual([401, 401, 401]);
    await first.waitForTimeout(500);
    expect(refreshes).toHaveLength(1);
  });
});

test("a cleared refresh cookie: the refresh fails once, the tab is signed out, nothing loops", async ({ context }) => {
  const refreshes = recordRequests(context, REFRESH_PATH);
  const meCalls = recordRequests(context, "/api/me");
  const page = await context.newPage();
  await signUpThroughForm(page, freshEmail("norefresh"));

  await context.clearCookies({ name: "sRefreshToken" });
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);

  const [result] = await gatehouseFetchFromAll([page], "/api/me");
  expect(result.status, result.body).toBe(401);
  expect(refreshes).toHaveLength(1);
  expect(meCalls, "the request was not retried after the failed refresh").toHaveLength(1);
  expect(await doesSessionExist(page)).toBe(false);
  await expect(page.getByTestId("session-state")).toHaveAttribute("data-state", "signed-out");

  await gatehouseFetchFromAll([page], "/api/me");
  expect(await page.evaluate(() => window.gatehouseClient!.doesSessionExist())).toBe(false);
  expect(refreshes).toHaveLength(1);
});
