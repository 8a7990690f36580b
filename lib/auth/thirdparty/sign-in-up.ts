/**
 * Third-party sign-in and sign-up once the provider's profile is known and trusted: find the
 * identity, or link it to the user who owns its email (only when that is safe), or make a new
 * user; then start the session through the same place as every other method.
 *
 * Account linking and the pre-registration attack. An attacker signs up with email+password
 * using the victim's address, which the attacker cannot verify. Later the victim signs in with
 * Google under that address. Linking by email alone would add the victim's Google identity to
 * the attacker's user: the attacker, who knows the password, would then be signed in to
 * everything the victim does there. So an identity is keyed by (provider, provider user id),
 * never by email, and is added to an existing user only when BOTH sides have proven the address:
 * the provider says the email is verified, and the existing user has verified it with us. The
 * unverified pre-registration can therefore never capture the victim's provider sign-in; the
 * victim gets SIGN_IN_UP_NOT_ALLOWED and can take the address back through password reset
 * (which proves ownership) and then sign in with the provider. Refusing, rather than moving the
 * address to the newcomer, is deliberate there: the holder's password sign-in is keyed by that
 * address, and the reset path both proves the address and locks the pre-registrant out.
 *
 * Unverified-email squatting. The same attack from the other side: the attacker signs in at a
 * provider that hands out addresses it has not verified (Microsoft's common tenant, Facebook,
 * Discord, an OIDC provider sending `email_verified: false`) under the victim's address. Such an
 * address is therefore never the user's own: the user is made without one (the provider's email
 * stays on the identity, shown but not owned), so it blocks no one's sign-up, reset or verified
 * sign-in, and no later sign-in can be linked into it by email. The user gets the address only
 * by proving it: a clicked verification link, or the provider verifying it at a later sign-in,
 * and only while nobody else holds it. A user made that way before this rule (no password, not
 * verified) loses the address to a newcomer whose provider verified it.
 *
 * Under an organization's tenant the user must be able to enter it (organizations/tenants.ts),
 * judged by the address the user owns (never a provider's unverified one): checked before an
 * identity is linked or a user made, and a non-member let in by open sign-up joins.
 */
import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { GatehouseError } from "../errors";
import { normaliseEmail, validateEmail } from "../emailpassword/credential-checks";
import type { IssuedTokens } from "../session/session";
import type { ClientInfo } from "../client-info";
import { endSessionOfRemovedWayIn, startSession } from "../start-session";
import type { UserRow } from "../ports";
import type { FdiUser } from "../user";
import { fdiUserOf } from "../users/fdi-user";
import type { RawProfile, ThirdPartyProfile } from "./options";
import { sendSecurityNotice } from "../email/security-notice";
import { admitToTenant, mayEnterTenant, maySignUpThrough, type Tenant } from "../organizations/tenants";
import { MESSAGE } from "../wire-codes";

export type SignInUpWithProfileResult =
  | { status: "OK"; user: FdiUser; createdNewRecipeUser: boolean; tokens: IssuedTokens }
  | { status: "NO_EMAIL_GIVEN_BY_PROVIDER" }
  | { status: "SIGN_IN_UP_NOT_ALLOWED"; reason: string };

export const NOT_ALLOWED_REASONS = {
  linkingOff: "An account with this email already exists. Sign in the way you signed up.",
  providerUnverified:
    "An account with this email already exists, and the provider has not verified this email, so the two cannot be joined. Sign in the way you signed up.",
  existingUnverified:
    "An account with this email already exists but its email is not verified. Sign in to it (or reset its password) and verify the email first.",
  /** The way in was removed from the account while the sign-in ran (a recovery took the account over). */
  signInMethodRemoved: "This way of signing in was removed from the account while you were signing in. Please sign in again.",
} as const;

/** A concurrent sign-in can win a unique race at most once per step; a few rounds settle it. */
const MAX_ROUNDS = 4;

const notInTenant = { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_NOT_A_MEMBER } as const;

export async function signInUpWithProfile(
  ctx: EngineContext,
  /**
   * `request`: the client that sent the request (lib/http/client-address.ts), stored with the session.
   * `tenant`: the tenant signed in to; absent for the public tenant.
   */
  input: { thirdPartyId: string; profile: ThirdPartyProfile; raw: RawProfile; request?: ClientInfo; tenant?: Tenant },
): Promise<SignInUpWithProfileResult> {
  const { thirdPartyId } = input;
  // A custom provider's mapProfile is the deployer's code over the provider's JSON, typed by a
  // cast (`me.mail as string`): only a string is an email (a `null` would fail the sign-in), and
  // only `true` vouches for it (a "false" string, as Apple sends its flags, would link the
  // sign-in into the account that owns the address).
  const profile = { ...input.profile, emailVerified: input.profile.emailVerified === true };
  const email = typeof profile.email === "string" && !validateEmail(profile.email) ? normaliseEmail(profile.email) : undefined;
  // The FDI answers this before looking anything up, for sign-ins and sign-ups alike.
  if (!email) return { status: "NO_EMAIL_GIVEN_BY_PROVIDER" };
  const store = ctx.stores.thirdParty;
  const finish = (user: UserRow, action: "signin" | "signup", createdNewRecipeUser: boolean) =>
    startThirdPartySession(ctx, { ...input, user, action, createdNewRecipeUser });

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const existing = await store.findAccount(thirdPartyId, profile.id);
    if (existing) {
      if (existing.account.email !== email) await store.updateAccountEmail(existing.account.id, email);
      // The provider now vouches for the address: the user may take it, if it is still free.
      if (profile.emailVerified && existing.user.email === null) await store.claimEmail(existing.user.id, email);
      return finish(existing.user, "signin", false);
    }
    const account = { id: randomUUID(), thirdPartyId, thirdPartyUserId: profile.id, email };
    const owner = await store.findUserByEmail(email);
    if (owner) {
      // Proof beats an unproven holder: the address goes to the newcomer, the holder keeps its identity.
      if (profile.emailVerified && !owner.emailVerified && (await store.releaseUnprovenEmail(owner.id, email, "proof"))) continue;
      const refusal = linkingRefusal(ctx, owner, profile.emailVerified);
      if (refusal) return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: refusal };
      if (input.tenant && !(await mayEnterTenant(ctx, input.tenant, owner))) return notInTenant;
      const linked = await store.linkAccountToVerifiedUser({ userId: owner.id, email, account });
      if (linked.status === "OK") {
        sendSecurityNotice(ctx, { userId: owner.id, to: owner.email, event: "PROVIDER_LINKED", provider: thirdPartyId });
        return finish(owner, "signin", true);
      }
      if (linked.status === "USER_NOT_ELIGIBLE") return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.existingUnverified };
      continue; // ACCOUNT_ALREADY_EXISTS: a concurrent sign-in linked it; the next round finds it.
    }
    // An address the provider did not verify is not claimed: the user is made without one.
    if (input.tenant && !maySignUpThrough(input.tenant, profile.emailVerified ? email : "", profile.emailVerified)) return notInTenant;
    const user: UserRow = {
      id: randomUUID(),
      email: profile.emailVerified ? email : null,
      emailVerified: profile.emailVerified,
      timeJoined: ctx.now(),
    };
    const created = await store.createThirdPartyUser({ user, account });
    if (created.status === "OK") return finish(created.user, "signup", true);
    // Lost a race on the identity or on the email: look again.
  }
  throw new GatehouseError("STORE_FAILED", `Third-party sign-in for ${thirdPartyId} did not settle after ${MAX_ROUNDS} rounds`);
}

/** Why linking to `owner` is refused, or null when it is allowed. */
function linkingRefusal(ctx: EngineContext, owner: UserRow, providerVerified: boolean): string | null {
  if (ctx.config.thirdParty.accountLinking === "off") return NOT_ALLOWED_REASONS.linkingOff;
  if (!providerVerified) return NOT_ALLOWED_REASONS.providerUnverified;
  if (!owner.emailVerified) return NOT_ALLOWED_REASONS.existingUnverified;
  return null;
}

async function startThirdPartySession(
  ctx: EngineContext,
  input: {
    thirdPartyId: string;
    profile: ThirdPartyProfile;
    raw: RawProfile;
    request?: ClientInfo;
    user: UserRow;
    action: "signin" | "signup";
    createdNewRecipeUser: boolean;
    tenant?: Tenant;
  },
): Promise<SignInUpWithProfileResult> {
  const read = await fdiUserOf(ctx, input.user.id);
  // Deleted by an operator while signing in: answered as a session write that found it gone.
  if (!read) return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
  if (input.tenant && !(await admitToTenant(ctx, input.tenant, read.row))) return notInTenant;
  const rawProfile = { ...input.raw } as Record<string, unknown>;
  // `read.row` was read just now: the session's claims take it rather than reading it again.
  const started = await startSession(ctx, {
    row: read.row,
    user: read.user,
    context: { method: "thirdparty", thirdPartyId: input.thirdPartyId, rawProfile },
    action: input.action,
    client: input.request,
    tenantId: input.tenant?.id,
  });
  if (started.status !== "OK") return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
  // A recovery or reset that took the account over (users/unproven-account-takeover.ts) removes its provider
  // identities, then revokes every session: one written after that revocation is found here.
  const identity = await ctx.stores.thirdParty.findAccount(input.thirdPartyId, input.profile.id);
  if (identity?.user.id !== input.user.id) {
    await endSessionOfRemovedWayIn(ctx, started.tokens.sessionHandle, { userId: input.user.id, method: "thirdparty" });
    return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.signInMethodRemoved };
  }
  return { status: "OK", user: started.user, createdNewRecipeUser: input.createdNewRecipeUser, tokens: started.tokens };
}
