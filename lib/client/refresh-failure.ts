/**
 * The last refresh that failed without settling the session (a 5xx, a network error), shared by
 * the tabs through localStorage. Requests that were already waiting for the refresh lock while
 * it ran take its outcome instead of calling the endpoint again: otherwise, during an outage,
 * every waiting request of every tab would call it in turn (a refresh storm against a server that
 * is already failing). A request that starts waiting afterwards calls it again: the outage may
 * be over.
 */
import { browserStorage } from "./storage-lease";

const STORAGE_KEY = "gatehouse-refresh-failure";

export interface RefreshFailure {
  /** The local session marker when it failed: a later session change makes it stale. */
  marker: string;
  /**
   * Counts failures, in this tab and (through localStorage) in the others. A count, not a time:
   * a refresh can fail within the millisecond in which a request began waiting for it, so time
   * cannot tell "began waiting before it failed" from "came after".
   */
  seq: number;
  /** `network`: the request itself failed; `error`: the endpoint answered a failure. */
  kind: "network" | "error";
}

let inThisTab: RefreshFailure | null = null;

/** How many refresh failures have been recorded so far: note it before waiting for the lock. */
export function refreshFailureCount(): number {
  return latest()?.seq ?? 0;
}

export function recordRefreshFailure(marker: string, kind: RefreshFailure["kind"]): void {
  const failure: RefreshFailure = { marker, seq: refreshFailureCount() + 1, kind };
  inThisTab = failure;
  try {
    browserStorage()?.setItem(STORAGE_KEY, JSON.stringify(failure));
  } catch {
    // Storage full or blocked: only this tab shares the failure.
  }
}

/**
 * The failure a caller should share: one recorded after it noted `countBefore`, with the
 * session still as it was then (`marker`).
 */
export function sharedRefreshFailure(marker: string, countBefore: number): RefreshFailure | null {
  const failure = latest();
  return failure && failure.marker === marker && failure.seq > countBefore ? failure : null;
}

function latest(): RefreshFailure | null {
  const stored = readStored();
  if (!stored) return inThisTab;
  return inThisTab && inThisTab.seq > stored.seq ? inThisTab : stored;
}

function readStored(): RefreshFailure | null {
  try {
    const parsed: unknown = JSON.parse(browserStorage()?.getItem(STORAGE_KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { marker, seq, kind } = parsed as Record<string, unknown>;
    if (typeof marker !== "string" || typeof seq !== "number" || !Number.isSafeInteger(seq)) return null;
    if (kind !== "network" && kind !== "error") return null;
    return { marker, seq, kind };
  } catch {
    return null;
  }
}
