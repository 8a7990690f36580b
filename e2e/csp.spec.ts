// Content-Security-Policy on every built-in page: a fresh nonce per response, no 'unsafe-inline'
// for scripts, so that markup an attacker manages to inject cannot run script. Each page must
// still load and hydrate with no CSP violation of its own (Next's scripts carry the nonce).
// What the policy does not stop, by design of 'strict-dynamic': script that already runs in the
// page (Next's, or an attacker's that got past the nonce) may add further scripts.
import { expect, test, type Page, type Response } from "@playwright/test";
import { signUpInPage } from "./sign-up-page";
import { REFRESH_PATH, freshEmail } from "./support";

/** The script-src directive of a CSP header value, split into its sources. */
function scriptSources(csp: string): string[] {
  const directive =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? "";
  return directive.split(/\s+/).slice(1);
}

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(csp)?.[1];

declare global {
  interface Window {
    __cspViolations?: string[];
    __injected?: string;
  }
}

// Every violation the page reports, from before its first script runs.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

/** Loads `path` and checks the policy, that the page hydrated and that nothing it ships was blocked. */
async function expectStrictPolicy(page: Page, path: string, ready?: (page: Page) => Promise<void>): Promise<string> {
  const consoleErrors: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  };
  page.on("console", onConsole);
  const response = (await page.goto(path)) as Response;
  const csp = (await response.allHeaders())["content-security-policy"] ?? "";
  const sources = scriptSources(csp);
  // Soft: the checks below still run and report.
  expect.soft(sources, `${path}: ${csp}`).toContain("'strict-dynamic'");
  expect.soft(sources, `${path}: ${csp}`).not.toContain("'unsafe-inline'");
  expect.soft(sources, `${path}: ${csp}`).not.toContain("'unsafe-eval'");
  const nonce = nonceOf(sources.join(" "));
  expect.soft(nonce, `${path}: no nonce in ${csp}`).toBeTruthy();
  // Every script written into the page carries this response's nonce. (Scripts that Next's
  // runtime adds later need none: 'strict-dynamic' trusts what a nonced script inserts.)
  const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, path).toBeGreaterThan(0);
  for (const tag of tags) expect.soft(tag, path).toContain(`nonce="${nonce}"`);
  // Hydrated: Next's bootstrap (nonced, and the chunks it loads) ran.
  await page.waitForFunction(() => typeof (window as { next?: unknown }).next === "object");
  await ready?.(page);
  expect(await page.evaluate(() => window.__cspViolations), path).toEqual([]);
  page.off("console", onConsole);
  expect(consoleErrors, path).toEqual([]);
  return nonce!;
}

/**
 * Markup an attacker got into the page (a stored or reflected injection): an inline script, an
 * event-handler attribute and a script from elsewhere, all parser-inserted and without the
 * nonce. The page's HTML is rewritten on its way to the browser, headers kept.
 */
const INJECTED =
  `<script>window.__injected = "inline script"</script>` +
  `<img src="data:," alt="" onerror="window.__injected = 'event handler'">` +
  `<script src="data:text/javascript,window.__injected='script from elsewhere'"></script>`;

async function expectInjectedMarkupBlocked(page: Page, path: string) {
  const target = new URL(path, "http://placeholder");
  const matches = (url: URL) => url.pathname === target.pathname && url.search === target.search;
  await page.route(matches, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/<body[^>]*>/, (tag) => `${tag}${INJECTED}`);
    expect(body, path).toContain(INJECTED);
    await route.fulfill({ response, body });
  });
  try {
    await page.goto(path);
    await page.waitForFunction(() => typeof (window as { next?: unknown }).next === "object");
    expect(await page.evaluate(() => window.__injected ?? null), `${path}: injected markup ran`).toBeNull();
    const violations = (await page.evaluate(() => window.__cspViolations)) ?? [];
    expect(violations, path).toEqual(
      expect.arrayContaining([expect.stringMatching(/^script-src-elem /), expect.stringMatching(/^script-src-attr /)]),
    );
  } finally {
    await page.unroute(matches);
  }
  // An event handler added after load (a DOM-based injection) is refused as well.
  const handlerRan = await page.evaluate(async () => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="data:," alt="" onerror="window.__injected = 'late handler'">`;
    document.body.append(holder);
    await new Promise((r) => setTimeout(r, 200));
    return window.__injected === "late handler";
  });
  expect(handlerRan, `${path}: an injected event handler ran`).toBe(false);
}

const signedOutPages = [
  "/",
  "/auth",
  "/auth?show=signup",
  "/auth/reset-password",
  "/auth/reset-password?token=not-a-real-token",
  "/auth/callback/no-such-provider",
  "/examples/embedded-sign-in",
  "/examples/client",
  "/terms",
  "/privacy",
  "/ssr-example",
  "/no-such-page",
  // Development only: a 404 page in production.
  "/dev/outbox",
];

/**
 * Runs a signed-in page's checks on a just-refreshed session. The e2e server's access tokens live
 * 3 s: one that expires mid-check sends the page through /auth/refresh and back, a navigation that
 * has nothing to do with the policy but destroys the page the check is reading. So the session is
 * refreshed first, and a check cut short by such a navigation (and only that) runs once more.
 * Assertion failures are never retried.
 */
async function onFreshSession(page: Page, check: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const refreshed = await page.request.post(REFRESH_PATH, { headers: { rid: "session", origin: new URL(page.url()).origin } });
    expect(refreshed.status(), "session refresh before the check").toBe(200);
    try {
      await check();
      return;
    } catch (error) {
      const navigatedAway = /Execution context was destroyed|navigated away|No resource with given identifier/.test(String(error));
      if (!navigatedAway || attempt >= 2) throw error;
    }
  }
}

test.describe("CSP on every built-in page", () => {
  for (const path of signedOutPages) {
    test(`${path}: nonce, no inline script, page works`, async ({ page }) => {
      await expectStrictPolicy(page, path);
      await expectInjectedMarkupBlocked(page, path);
    });
  }

  test("signed in: dashboard, account, sessions, examples, verify-email, admin (forbidden), a protected page", async ({ page }) => {
    await signUpInPage(page, freshEmail("csp"));
    const signedIn: [string, ((page: Page) => Promise<void>)?][] = [
      ["/dashboard", (p) => expect(p.getByTestId("user-id")).not.toBeEmpty()],
      ["/account", (p) => expect(p.getByTestId("account-email")).not.toBeEmpty()],
      ["/account/sessions", (p) => expect(p.getByTestId("session-list")).toBeVisible()],
      ["/auth/verify-email"],
      ["/examples/protected"],
      ["/examples/server-action"],
      ["/examples/admin"],
      ["/admin", (p) => expect(p.getByTestId("forbidden")).toBeVisible()],
    ];
    for (const [path, ready] of signedIn) {
      await onFreshSession(page, () => expectStrictPolicy(page, path, ready));
      await onFreshSession(page, () => expectInjectedMarkupBlocked(page, path));
    }
  });

  test("a fresh nonce for every response", async ({ page }) => {
    const first = await expectStrictPolicy(page, "/auth");
    const second = await expectStrictPolicy(page, "/auth");
    expect(second).not.toBe(first);
    expect(Buffer.from(first, "base64").length).toBeGreaterThanOrEqual(16);
  });
});
