/**
 * The checks of an organization's slug (its tenant id), name and member roles: pure, so that
 * the built-in forms can run exactly what the server runs.
 */
import { OWNER_ROLE } from "../ports/organization-store";

/** The default tenant: every user is in it, and it is not an organization row. */
export const PUBLIC_TENANT_ID = "public";

/** Roles a member can be given; the owner role only ever moves by a transfer. */
export const ASSIGNABLE_ROLES = ["admin", "member"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];
export type OrganizationRole = AssignableRole | typeof OWNER_ROLE;

// A DNS label (so a slug can become a sub-domain), starting with a letter.
const SLUG_PATTERN = /^[a-z](?:[a-z0-9-]{1,61}[a-z0-9])$/;
/**
 * Words a slug may not be: the default tenant, and the first segments of the FDI's own paths,
 * so that `/<tenantId>/signin` can never be read two ways.
 */
const RESERVED_SLUGS = new Set([
  PUBLIC_TENANT_ID,
  "signin",
  "signup",
  "signinup",
  "signout",
  "session",
  "user",
  "users",
  "emailpassword",
  "passwordless",
  "authorisationurl",
  "loginmethods",
  "jwt",
  "admin",
  "me",
  "organizations",
  "mfa",
  "totp",
  "webauthn",
  "dev",
  "thirdparty",
  "callback",
]);
/** The longest organization name, counted after trimming (the create form caps its field at it). */
export const ORGANIZATION_NAME_MAX_LENGTH = 100;

export type SlugProblem = "SLUG_INVALID" | "SLUG_RESERVED";

/** Why `slug` cannot name an organization, or undefined when it can. Slugs are never normalised: "Acme" is refused, not lowered. */
export function checkSlug(slug: string): SlugProblem | undefined {
  if (!SLUG_PATTERN.test(slug)) return "SLUG_INVALID";
  if (RESERVED_SLUGS.has(slug)) return "SLUG_RESERVED";
  return undefined;
}

/**
 * Whether `id` can name an organization: a slug exactly as checkSlug's pattern allows, nothing else.
 * Asked before a write keyed by an id from a request or the command line: MariaDB's default
 * collation ignores case and accents and pads with spaces, so "ACME", "ácme" or "acme " reach the
 * row of "acme" there, while the exact comparisons beside the write (the sessions inside the
 * organization, the binding of its sealed client secrets) match nothing: a removal or deletion
 * went through and left the sessions inside it alive.
 */
export function isOrganizationId(id: string): boolean {
  // The pattern, not checkSlug: a word reserved after an organization took it as its slug must
  // not leave that organization out of reach of its own removal and deletion.
  return SLUG_PATTERN.test(id) && id !== PUBLIC_TENANT_ID;
}

/**
 * Characters no name needs, refused: control characters (C0, DEL, C1), the line and paragraph
 * separators, and the bidirectional embeddings, overrides and isolates. A name is its creator's
 * words shown to others, in the invitation email's subject and text and on the invitation page:
 * an override would make "Acme\u202Emoc.lapyap" read as "Acme paypal.com" there. The marks
 * LRM and RLM stay (a right-to-left name may need them beside digits).
 */
const REFUSED_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The name as stored (trimmed), or undefined when it is empty, too long or holds a character of REFUSED_IN_NAMES. */
export function cleanName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > ORGANIZATION_NAME_MAX_LENGTH || REFUSED_IN_NAMES.test(trimmed)) return undefined;
  return trimmed;
}

export function isAssignableRole(role: string): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}

/** Whether a member with this role may invite, change roles and remove members. */
export function canManageMembers(role: string): boolean {
  return role === OWNER_ROLE || role === "admin";
}
