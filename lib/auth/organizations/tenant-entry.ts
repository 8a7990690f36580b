/**
 * Which organization a session entered by a switch, kept in its stored payload (never in its
 * tokens) beside `tId`, under a key the deployer may not set. A slug names an organization only
 * until it is deleted: anyone may then create another with the same slug. `tId` alone cannot
 * tell the two apart, so a switch also records the organization's `createdAt`, and a refresh
 * (tenant-session.ts) lets the session on only while the organization of that slug is still the
 * one it entered. A session signed in under a tenant needs no record: it began after the
 * organization it names was created, which its own `createdAt` shows.
 */
import type { OrganizationRow } from "../ports/organization-store";
import { SIGN_IN_RECORD_KEY } from "./sign-in-record";

/** The key in the session's stored payload; protected (session/deployer-payload.ts). */
export const TENANT_ENTRY_KEY = "gh-tenant";

/** The stored payload inside `organization`, entered now: its `tId` and which organization of that slug. */
export function withTenantEntry(payload: Record<string, unknown>, organization: OrganizationRow): Record<string, unknown> {
  return { ...payload, tId: organization.id, [TENANT_ENTRY_KEY]: organization.createdAt.getTime() };
}

/** The stored payload of the public tenant: no `tId`, no entry record. */
export function withoutTenant(payload: Record<string, unknown>): Record<string, unknown> {
  const { tId: _tenant, [TENANT_ENTRY_KEY]: _entry, ...rest } = payload;
  return rest;
}

/** The `createdAt` (ms) of the organization the session switched into, or null (signed in under it, or a session from before records). */
export function tenantEntryOf(payload: Record<string, unknown>): number | null {
  const entry = payload[TENANT_ENTRY_KEY];
  return typeof entry === "number" && Number.isFinite(entry) ? entry : null;
}

/** The stored payload without the engine's records (sign-in, tenant entry): what the tokens carry. */
export function withoutEngineRecords(payload: Record<string, unknown>): Record<string, unknown> {
  if (!(SIGN_IN_RECORD_KEY in payload) && !(TENANT_ENTRY_KEY in payload)) return payload;
  const { [SIGN_IN_RECORD_KEY]: _record, [TENANT_ENTRY_KEY]: _entry, ...rest } = payload;
  return rest;
}
