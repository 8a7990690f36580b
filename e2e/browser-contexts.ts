// `test` with a `newContext` fixture: another browser context (a second device, another user)
// that is closed when the test ends, whether it passed or failed. A context left open outlives
// its test in the worker's browser, and a later test's failure report then shows its pages
// as well, which points the reader at the wrong spec.
import { test as base, type BrowserContext, type BrowserContextOptions } from "@playwright/test";

export const test = base.extend<{ newContext: (options?: BrowserContextOptions) => Promise<BrowserContext> }>({
  newContext: async ({ browser }, provide) => {
    const opened: BrowserContext[] = [];
    // Playwright's `use`, named otherwise so that React's hook rule does not take it for a hook.
    await provide(async (options) => {
      const context = await browser.newContext(options);
      opened.push(context);
      return context;
    });
    // A context the test closed itself is closed again without complaint.
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect } from "@playwright/test";
