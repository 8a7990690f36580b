// The `newContext` fixture (browser-contexts.ts): a context a test opened is gone from the
// worker's browser once that test has ended, so that no later test's report shows its pages.
import { expect, test } from "./browser-contexts";

test.describe.configure({ mode: "serial" });

test("a test opens a second context and leaves it open", async ({ newContext }) => {
  const other = await newContext();
  await other.newPage();
  expect(other.pages()).toHaveLength(1);
});

test("the next test in the same worker finds only its own context", async ({ browser, context }) => {
  expect(browser.contexts()).toEqual([context]);
});
