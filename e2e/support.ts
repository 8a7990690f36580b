// Shared constants and helpers for the e2e specs. The server side of these values is set by
// playwright.config.ts → scripts/e2e-server.mjs.
import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

/** Access-token lifetime the e2e server runs with, in seconds (GATEHOUSE_ACCESS_TOKEN_TTL). */
export const ACCESS_TOKEN_TTL_S = 3;

/** Milliseconds to wait so that an access token minted now has certainly expired. */
export const WAIT_FOR_EXPIRY_MS = ACCESS_TOKEN_TTL_S * 1000 + 1500;

/** A password that any sensible policy accepts (letters, digits, 8+ chars). */
export const PASSWORD = "Correct-Horse-42";

/** A unique, valid email address for one test. */
export function freshEmail(tag: string): string {
  return `e2e-${tag}-${randomUUID().slice(0, 12)}@example.com`;
}

export const API_BASE = "/api/auth";
export const REFRESH_PATH = `${API_BASE}/session/refresh`;

export function formFields(email: string, password: string) {
  return {
    formFields: [
      { id: "email", value: email },
      { id: "password", value: password },
    ],
  };
}

/** Decodes a `front-token` header: base64 of JSON `{uid, ate, up}`. */
export function decodeFrontToken(value: string): { uid: string; ate: number; up: Record<string, unknown> } {
  return JSON.parse(Buffer.from(value, "base64").toString("utf8"));
}

/**
 * Waits until React has hydrated the element at `selector`. Typed into before that, a controlled
 * input keeps its text on screen but not in React's state, and a click on a submit button runs
 * a plain form submission instead of the handler.
 */
export async function hydrated(page: Page, selector: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const element = document.querySelector(s);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
    },
    selector,
    { timeout },
  );
}

/** Whether React has hydrated the element at `selector` yet (see `hydrated`). */
export function isHydrated(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const element = document.querySelector(s);
    return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
  }, selector);
}

/**
 * Holds back every script chunk the page loads from now on by `ms`, so that a page stays
 * unhydrated that long after its HTML arrives: what a person does before hydration can be tested.
 */
export async function delayScriptChunks(page: Page, ms = 3_000): Promise<void> {
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}
