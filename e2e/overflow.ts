// How far a page is wider than its window: the no-overflow spec and the admin dashboard's.
import type { Page } from "@playwright/test";

/** How far the page is wider than the window, in CSS pixels (0 when it fits). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Widths and themes at which the page is wider than the window ("390px dark: 12px"); the viewport is put back after. */
export async function overflowAtEveryWidth(page: Page): Promise<string[]> {
  const found: string[] = [];
  const viewport = page.viewportSize();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [320, 390, 768, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      const extra = await horizontalOverflow(page);
      if (extra > 0) found.push(`${width}px ${scheme}: ${extra}px`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (viewport) await page.setViewportSize(viewport);
  return found;
}
