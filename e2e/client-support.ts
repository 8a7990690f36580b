// Helpers for the specs that drive lib/client through the example page /examples/client,
// which exposes the module as `window.gatehouseClient`.
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD } from "./support";

export const CLIENT_PAGE = "/examples/client";

type GatehouseClient = typeof import("../lib/client");
declare global {
  interface Window {
    gatehouseClient?: GatehouseClient;
  }
}

/** Waits until the example page has loaded the client module. */
export async function waitForClient(page: Page): Promise<void> {
  await page.waitForFunction(() => window.gatehouseClient !== undefined);
}

export async function openClientPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(CLIENT_PAGE);
  await waitForClient(page);
  return page;
}

/** Signs up through the built-in /auth form, which lands on the example page. */
export async function signUpThroughForm(page: Page, email: string): Promise<void> {
  await page.goto(`/auth?show=signup&redirectToPath=${encodeURIComponent(CLIENT_PAGE)}`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === CLIENT_PAGE);
  await waitForClient(page);
}

/** Requests to `pathname` seen by the whole context (every tab), in order. */
export function recordRequests(context: BrowserContext, pathname: string): string[] {
  const seen: string[] = [];
  context.on("request", (request) => {
    if (new URL(request.url()).pathname === pathname) seen.push(`${request.method()} ${pathname}`);
  });
  return seen;
}

/** Statuses of the responses to `pathname` seen by the whole context. */
export function recordStatuses(context: BrowserContext, pathname: string): number[] {
  const seen: number[] = [];
  context.on("response", (response) => {
    if (new URL(response.url()).pathname === pathname) seen.push(response.status());
  });
  return seen;
}

/**
 * `gatehouseFetch(url)` in every page at one agreed instant (pages share the machine clock),
 * so that the requests really are concurrent rather than serialised by the test driver.
 */
export async function gatehouseFetchFromAll(pages: Page[], url: string): Promise<{ status: number; body: string }[]> {
  const startAt = Date.now() + 400;
  return Promise.all(
    pages.map((page) =>
      page.evaluate(
        async ({ url, startAt }) => {
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
          const response = await window.gatehouseClient!.gatehouseFetch(url);
          return { status: response.status, body: await response.text() };
        },
        { url, startAt },
      ),
    ),
  );
}

export function doesSessionExist(page: Page): Promise<boolean> {
  return page.evaluate(() => window.gatehouseClient!.doesSessionExist());
}
