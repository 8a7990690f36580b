import { useCallback, useMemo, useSyncExternalStore } from "react";
import { parseFrontToken } from "./front-token";
import { readRawFrontToken, subscribeToSessionChanges } from "./session-store";

export interface UseSessionOptions {
  /**
   * How often to re-read the front-token cookie, for changes nobody announces (a
   * supertokens-web-js instance on the same site, a browser without BroadcastChannel).
   * Reading a cookie is cheap; 0 turns polling off.
   * @default 1000
   */
  pollIntervalMs?: number;
}

export interface SessionState {
  /** True until the browser's state is known: during server rendering and hydration. */
  loading: boolean;
  doesSessionExist: boolean;
  userId: string | undefined;
  accessTokenPayload: Record<string, unknown> | undefined;
}

const LOADING: SessionState = { loading: true, doesSessionExist: false, userId: undefined, accessTokenPayload: undefined };

/**
 * The session as this browser knows it, re-rendering when it changes: sign-in or sign-out in
 * this tab (an event), in another tab (BroadcastChannel, or on focus and by polling the cookie).
 *
 * While `loading` is true, render neither the signed-in nor the signed-out view: the server
 * cannot read the front-token cookie, so the first render would otherwise flash the wrong one.
 */
export function useSession(options: UseSessionOptions = {}): SessionState {
  const { pollIntervalMs = 1000 } = options;
  const subscribe = useCallback((onChange: () => void) => subscribeWithPolling(onChange, pollIntervalMs), [pollIntervalMs]);
  // undefined on the server and during hydration; the cookie's value (or null) afterwards.
  const raw = useSyncExternalStore<string | null | undefined>(subscribe, readRawFrontToken, () => undefined);
  return useMemo(() => sessionStateFrom(raw), [raw]);
}

/** The hook's state for a raw stored front token (`undefined`: not known yet). */
export function sessionStateFrom(raw: string | null | undefined): SessionState {
  if (raw === undefined) return LOADING;
  const token = parseFrontToken(raw);
  return {
    loading: false,
    doesSessionExist: token !== null,
    userId: token?.uid,
    accessTokenPayload: token?.up,
  };
}

function subscribeWithPolling(onChange: () => void, pollIntervalMs: number): () => void {
  const unsubscribe = subscribeToSessionChanges(onChange);
  const timer = pollIntervalMs > 0 ? setInterval(onChange, pollIntervalMs) : undefined;
  const onVisible = () => {
    if (document.visibilityState === "visible") onChange();
  };
  if (typeof window !== "undefined") window.addEventListener("focus", onChange);
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", onVisible);
  return () => {
    unsubscribe();
    if (timer !== undefined) clearInterval(timer);
    if (typeof window !== "undefined") window.removeEventListener("focus", onChange);
    if (typeof document !== "undefined") document.removeEventListener("visibilitychange", onVisible);
  };
}
