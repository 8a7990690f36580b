/**
 * Each built-in provider's profile mapping: the provider's own answer → { id, email,
 * emailVerified, name?, picture? }. Pure functions (apart from the second request some
 * providers need for the email), unit-tested against sample answers in profiles.test.ts.
 *
 * `emailVerified` decides account linking (see sign-in-up.ts), so it is true only where the
 * provider documents that it vouches for the address; anything else maps to false.
 */
import type { FetchWithAccessToken, RawProfile, ThirdPartyProfile } from "./options";

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);
/** Ids arrive as strings or numbers (GitHub, Discord snowflakes are strings, GitHub ids numbers). */
const id = (value: unknown): string => (typeof value === "number" && Number.isSafeInteger(value) ? String(value) : (text(value) ?? ""));
/** Apple sends "true"/"false" strings; everyone else booleans. */
const yes = (value: unknown): boolean => value === true || value === "true";
const obj = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});

/**
 * Whether `source` itself vouches for `email`: its own `email` and `email_verified`, as a pair.
 * Overlaying user-info on the ID token claim by claim would let one source's `email_verified`
 * vouch for the other's address (an address changed at the provider and not yet verified there,
 * answered by user-info without a flag, under the ID token's `true` for the old one), and a
 * verified email decides account linking.
 */
function emailVerifiedBy(source: Record<string, unknown> | undefined, email: string | undefined): boolean {
  return email !== undefined && source !== undefined && text(source.email) === email && yes(source.email_verified);
}

/** Standard OIDC claims: the ID token's, overlaid by user-info's (which the library has checked has the same `sub`). */
export function mapOidcClaims(raw: RawProfile): ThirdPartyProfile {
  const claims = { ...raw.fromIdTokenPayload, ...raw.fromUserInfoAPI };
  const email = text(claims.email);
  return {
    id: id(claims.sub),
    email,
    emailVerified: emailVerifiedBy(raw.fromUserInfoAPI, email) || emailVerifiedBy(raw.fromIdTokenPayload, email),
    name: text(claims.name),
    picture: text(claims.picture),
  };
}

/**
 * Entra ID's `email` claim is whatever the tenant's admin typed in, never verified by Microsoft
 * ("nOAuth": a malicious tenant sets a victim's address and takes over accounts linked by email).
 * Only the optional `xms_edov` claim (email domain owner verified) makes it trustworthy; request
 * it in the app registration's optional claims if you want Microsoft sign-ins to link.
 */
export function mapMicrosoftProfile(raw: RawProfile): ThirdPartyProfile {
  const claims = { ...raw.fromIdTokenPayload, ...raw.fromUserInfoAPI };
  const email = text(claims.email);
  return {
    id: id(claims.sub),
    email,
    // As `email_verified` (emailVerifiedBy): a source's flag vouches only for its own address.
    emailVerified: domainOwnerVerified(raw.fromUserInfoAPI, email) || domainOwnerVerified(raw.fromIdTokenPayload, email),
    name: text(claims.name),
  };
}

function domainOwnerVerified(source: Record<string, unknown> | undefined, email: string | undefined): boolean {
  const edov = source?.xms_edov;
  return email !== undefined && text(source?.email) === email && (edov === true || edov === 1 || edov === "1" || edov === "true");
}

/** GitHub: /user has no trustworthy email; /user/emails says which address is primary and verified. */
export async function mapGitHubProfile(raw: RawProfile, fetchJson: FetchWithAccessToken): Promise<ThirdPartyProfile> {
  const user = obj(raw.fromUserInfoAPI);
  const emails = await fetchJson("https://api.github.com/user/emails").catch(() => null);
  const list = Array.isArray(emails) ? emails.map(obj) : [];
  const primary = list.find((e) => e.primary === true && e.verified === true) ?? list.find((e) => e.primary === true);
  return {
    id: id(user.id),
    email: text(primary?.email) ?? text(user.email),
    emailVerified: primary ? primary.verified === true : false,
    name: text(user.name) ?? text(user.login),
    picture: text(user.avatar_url),
  };
}

/**
 * Facebook documents that `email` is a confirmed address, but accounts made with a phone number
 * have had unconfirmed ones: it is not treated as verified, so Facebook never links to an
 * existing account by email.
 */
export function mapFacebookProfile(raw: RawProfile): ThirdPartyProfile {
  const user = obj(raw.fromUserInfoAPI);
  return {
    id: id(user.id),
    email: text(user.email),
    emailVerified: false,
    name: text(user.name),
    picture: text(obj(obj(user.picture).data).url),
  };
}

export function mapDiscordProfile(raw: RawProfile): ThirdPartyProfile {
  const user = obj(raw.fromUserInfoAPI);
  const userId = id(user.id);
  const avatar = text(user.avatar);
  return {
    id: userId,
    email: text(user.email),
    emailVerified: user.verified === true,
    name: text(user.global_name) ?? text(user.username),
    picture: avatar && userId ? `https://cdn.discordapp.com/avatars/${userId}/${avatar}.png` : undefined,
  };
}

/** X returns `confirmed_email` only with the users.email scope, and only an address it confirmed. */
export function mapTwitterProfile(raw: RawProfile): ThirdPartyProfile {
  const user = obj(obj(raw.fromUserInfoAPI).data);
  const email = text(user.confirmed_email);
  return {
    id: id(user.id),
    email,
    emailVerified: email !== undefined,
    name: text(user.name) ?? text(user.username),
    picture: text(user.profile_image_url),
  };
}

/** Bitbucket: like GitHub, the address and its confirmation come from a second endpoint. */
export async function mapBitbucketProfile(raw: RawProfile, fetchJson: FetchWithAccessToken): Promise<ThirdPartyProfile> {
  const user = obj(raw.fromUserInfoAPI);
  const emails = await fetchJson("https://api.bitbucket.org/2.0/user/emails").catch(() => null);
  const list = Array.isArray(obj(emails).values) ? (obj(emails).values as unknown[]).map(obj) : [];
  const primary = list.find((e) => e.is_primary === true);
  return {
    id: id(user.uuid),
    email: text(primary?.email),
    emailVerified: primary?.is_confirmed === true,
    name: text(user.display_name),
    picture: text(obj(obj(user.links).avatar).href),
  };
}
