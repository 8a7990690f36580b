"use client";

import { gatehouseFetch } from "../../client";
import type { Messages } from "../../i18n/en";
import { format } from "../../i18n/index";
import { localiseServerMessage } from "../../i18n/server-messages";
import type { ADMIN_ERROR_MESSAGES } from "./admin-messages";

/** The admin API's user and session shapes (lib/http/endpoints/admin-users.ts); times in ms. */
export interface AdminUser {
  id: string;
  email: string | null;
  emailVerified: boolean;
  timeJoined: number;
  loginMethods: {
    recipeId: "emailpassword" | "thirdparty" | "passwordless";
    email: string;
    phoneNumber?: string;
    thirdParty?: { id: string; userId: string };
  }[];
}

/** Where an imported user came from (GET /admin/users/:userId's `imported`); null for others. */
export interface AdminImportOrigin {
  source: string;
  externalId: string;
  importedAt: number;
  /** The stored hash's format and whether it is Gatehouse's own since; null without a password. */
  password: { hashFormat: string; upgraded: boolean } | null;
}

export interface AdminSession {
  sessionHandle: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
}

/**
 * Thrown for any answer but 2xx. `message` is the server's own (English) detail: its `message`,
 * else its machine-readable `status`, else the HTTP status; the UI words it with adminErrorText.
 * A lost session (401) sends the browser to sign in.
 */
export class AdminApiError extends Error {
  constructor(
    readonly httpStatus: number,
    /** The answer's `status`, e.g. "UNKNOWN_USER_ERROR", when it has one. */
    readonly status: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

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
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full page load on purpose: the session is gone, and lib/ui (embeddable, no next/*) has no router
    window.location.assign(`${signInPath}?redirectToPath=${encodeURIComponent(window.location.pathname)}`);
    throw new AdminApiError(401, undefined, "session ended");
  }
  const body = await response.json().catch(() => null);
  const status = typeof body?.status === "string" ? body.status : undefined;
  if (!response.ok) throw new AdminApiError(response.status, status, body?.message ?? status ?? `HTTP ${response.status}`);
  return body as T;
}

/** A time in ms, written the way `locale` writes dates (the browser's when not given). */
export const formatTime = (ms: number, locale?: string) => new Date(ms).toLocaleString(locale);

/**
 * What the UI shows for a failed admin call, in the dictionary's language: the lost session, the
 * server's refusal (its message translated when it is one the UI knows), or `fallback` for a
 * failure that never got an answer (the network).
 */
export function adminErrorText(error: unknown, t: Pick<Messages, (typeof ADMIN_ERROR_MESSAGES)[number]>, fallback: string): string {
  if (!(error instanceof AdminApiError)) return fallback;
  if (error.httpStatus === 401) return t.adminSessionEnded;
  return format(t.adminServerRefused, { detail: localiseServerMessage(error.message, t) });
}
