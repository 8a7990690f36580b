/**
 * The last refresh that failed without settling the session (a 5xx, a network error), shared by
 * the tabs through localStorage. Requests that were already waiting for the refresh lock while
 * it ran take its outcome instead of calling the endpoint again: otherwise, during an outage,
 * every waiting request of every tab would call it in turn (a refresh storm against a server that
 * is already failing). A request that starts waiting afterwards calls it again: the outage may
 * be over.
 */
const STORAGE_KEY = "gatehouse-refresh-failure";

export interface RefreshFailure {
  /** The local session marker when it failed: a later session change makes it stale. */
  marker: string;
  /** When it failed (ms since the epoch, the page's clock, shared by the tabs). */
  at: number;
  /** `network`: the request itself failed; `error`: the endpoint answered a failure. */
  kind: "network" | "error";
}

let inThisTab: RefreshFailure | null = null;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function recordRefreshFailure(failure: RefreshFailure): void {
  inThisTab = failure;
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(failure));
  } catch {
    // Storage full or blocked: only this tab shares the failure.
  }
}

/** The failure a caller that began waiting at `waitingSince`, with session `marker`, should share. */
export function sharedRefreshFailure(marker: string, waitingSince: number): RefreshFailure | null {
  for (const failure of [readStored(), inThisTab]) {
    if (failure && failure.marker === marker && failure.at >= waitingSince) return failure;
  }
  return null;
}

function readStored(): RefreshFailure | null {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { marker, at, kind } = parsed as Record<string, unknown>;
    if (typeof marker !== "string" || typeof at !== "number" || (kind !== "network" && kind !== "error")) return null;
    return { marker, at, kind };
  } catch {
    return null;
  }
}
