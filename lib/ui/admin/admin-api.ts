"use client";

import { gatehouseFetch } from "../../client";

/** The admin API's user and session shapes (lib/http/endpoints/admin-users.ts); times in ms. */
export interface AdminUser {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: number;
  loginMethods: { recipeId: "emailpassword" | "thirdparty"; email: string; thirdParty?: { id: string; userId: string } }[];
}

export interface AdminSession {
  sessionHandle: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
}

/** Thrown for any answer but 2xx; the UI shows `message`. A lost session sends the browser to sign in. */
export class AdminApiError extends Error {}

/**
 * Calls the admin API with the browser's session (cookies; `rid` on changes, a refresh on an
 * expired access token, both done by gatehouseFetch).
 */
export interface AdminPaths {
  /** @default "/api/auth" */
  apiBasePath: string;
  /** Where to go when the session is gone. @default "/auth" */
  signInPath: string;
}

export async function adminApi<T>({ apiBasePath, signInPath }: AdminPaths, path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await gatehouseFetch(
    `${apiBasePath}/admin${path}`,
    {
      method: init?.method ?? "GET",
      ...(init?.body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
    },
    { apiBasePath },
  );
  if (response.status === 401) {
    window.location.assign(`${signInPath}?redirectToPath=${encodeURIComponent(window.location.pathname)}`);
    throw new AdminApiError("Your session ended; signing in again.");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new AdminApiError(body?.message ?? body?.status ?? `The server answered ${response.status}.`);
  return body as T;
}

export const formatTime = (ms: number) => new Date(ms).toLocaleString();
