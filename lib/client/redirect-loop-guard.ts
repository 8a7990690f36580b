/**
 * Breaks refresh redirect loops. `{websiteBasePath}/refresh` refreshes and sends the browser back to the
 * page that needed it; if that page keeps finding the access token unusable (clock skew, a
 * cookie the browser will not store, a server-side bug), the two would bounce for ever. The
 * returns to each path are recorded in sessionStorage (per tab, survives the navigations) and,
 * after `maxReturns` within `windowMs`, the refresh page sends the user to sign-in instead.
 */
export interface RedirectLoopGuardOptions {
  /** @default 10_000 */
  windowMs?: number;
  /** Returns to the same path allowed within the window. @default 2 */
  maxReturns?: number;
}

const STORAGE_KEY = "gatehouse-refresh-returns";

interface ReturnRecord {
  path: string;
  at: number;
}

export function createRedirectLoopGuard(storage: Storage | undefined, options: RedirectLoopGuardOptions = {}) {
  const { windowMs = 10_000, maxReturns = 2 } = options;

  function recent(now: number): ReturnRecord[] {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "[]");
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is ReturnRecord => typeof r?.path === "string" && typeof r?.at === "number" && r.at <= now && now - r.at < windowMs,
      );
    } catch {
      return [];
    }
  }

  return {
    /** True when sending the browser back to `path` again would likely be a loop. */
    isLooping(path: string, now = Date.now()): boolean {
      return recent(now).filter((r) => r.path === path).length >= maxReturns;
    },
    /** Records that the browser is being sent back to `path` now. */
    recordReturn(path: string, now = Date.now()): void {
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify([...recent(now), { path, at: now }]));
      } catch {
        // Without storage there is no loop detection, but the refresh itself still works.
      }
    },
  };
}

/** The guard on this tab's sessionStorage (none during server rendering or where storage is blocked). */
export function refreshReturnGuard(options?: RedirectLoopGuardOptions) {
  let storage: Storage | undefined;
  try {
    storage = typeof sessionStorage === "undefined" ? undefined : sessionStorage;
  } catch {
    storage = undefined;
  }
  return createRedirectLoopGuard(storage, options);
}
