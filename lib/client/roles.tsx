"use client";

import type { ReactNode } from "react";
import { getAccessTokenPayload } from "./session";
import { useSession } from "./use-session";

/** The values of a `{v, t}` claim (st-role, st-perm) in a payload, or [] when absent. */
export function claimList(payload: Record<string, unknown> | undefined, key: string): string[] {
  const value = (payload?.[key] as { v?: unknown } | undefined)?.v;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The signed-in user's roles, from the front token (as of the session's last refresh). No request. */
export function getRoles(): string[] {
  return claimList(getAccessTokenPayload(), "st-role");
}

/** The signed-in user's permissions, from the front token. No request. */
export function getPermissions(): string[] {
  return claimList(getAccessTokenPayload(), "st-perm");
}

export interface RequireRoleProps {
  /** Every one of these roles is needed. */
  roles?: string[];
  /** Every one of these permissions is needed. */
  permissions?: string[];
  children: ReactNode;
  /** Shown without the roles (and while the session loads). @default null */
  fallback?: ReactNode;
}

/**
 * Renders its children only for a session holding the roles/permissions. This hides UI; it
 * protects nothing: the server must check again (withSession `roles`, requireRoles).
 */
export function RequireRole({ roles = [], permissions = [], children, fallback = null }: RequireRoleProps) {
  const session = useSession();
  if (session.loading || !session.doesSessionExist) return <>{fallback}</>;
  const have = claimList(session.accessTokenPayload, "st-role");
  const granted = claimList(session.accessTokenPayload, "st-perm");
  const allowed = roles.every((r) => have.includes(r)) && permissions.every((p) => granted.includes(p));
  return <>{allowed ? children : fallback}</>;
}
