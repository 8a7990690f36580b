/**
 * Passwordless sign-in and sign-up once a code or link has proven the address or number: find
 * the passwordless account, or join the user who already owns the address (only when that is
 * safe), or make a new user; then start the session through the same place as every other method.
 *
 * Joining an existing user. The pre-registration attack (thirdparty/sign-in-up.ts) applies here
 * too: an attacker signs up with email+password under the victim's address, which the attacker
 * cannot verify. Were the victim's later passwordless sign-in to land in that user, the attacker,
 * who knows its password, would share everything the victim does there. So a passwordless
 * sign-in reaches an existing user only when that user has verified the address with us; an
 * unverified holder gets SIGN_IN_UP_NOT_ALLOWED (its owner verifies the address, or takes it
 * back through password reset, and then signs in either way). A holder without any proof and
 * without a password (a provider's unverified address from before such addresses stopped being
 * claimed) loses the address to the proof, as in third-party sign-in.
 *
 * Under an organization's tenant the user must be able to enter it (organizations/tenants.ts):
 * checked before anything is linked or made, and a non-member let in by open sign-up joins.
 */
import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { sendSecurityNotice } from "../email/security-notice";
import { GatehouseError } from "../errors";
import type { IssuedTokens } from "../session/session";
import type { ClientInfo } from "../client-info";
import { endSessionOfRemovedWayIn, startSession } from "../start-session";
import { NOT_ALLOWED_REASONS } from "../thirdparty/sign-in-up";
import type { FdiUser } from "../user";
import type { PasswordlessProof } from "../mfa/factor-ids";
import type { Contact } from "./contact";
import { fdiUserOf } from "../users/fdi-user";
import { isRefusedForNewAccount, NEW_ADDRESS_REFUSED } from "./new-address";
import { admitToTenant, mayEnterTenant, maySignUpThrough, type Tenant } from "../organizations/tenants";
import { MESSAGE } from "../wire-codes";

export type PasswordlessSignInUpResult =
  { status: "OK"; user: FdiUser; createdNewRecipeUser: boolean; tokens: IssuedTokens } | { status: "SIGN_IN_UP_NOT_ALLOWED"; reason: string };

/** A concurrent sign-in can win a unique race at most once per step; a few rounds settle it. */
const MAX_ROUNDS = 4;

const notInTenant = { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_NOT_A_MEMBER } as const;

/** `proof`: whether a typed code or a link proved `contact`, which is the factor the session completes. */
export async function signInUpWithProvenContact(
  ctx: EngineContext,
  contact: Contact,
  proof: PasswordlessProof,
  client: ClientInfo,
  tenant?: Tenant,
): Promise<PasswordlessSignInUpResult> {
  const store = ctx.stores.passwordless;
  const email = "email" in contact ? contact.email : undefined;
  const finish = async (userId: string, action: "signin" | "signup", createdNewRecipeUser: boolean): Promise<PasswordlessSignInUpResult> => {
    const read = await fdiUserOf(ctx, userId);
    if (!read) return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
    const { user, row } = read;
    if (tenant && !(await admitToTenant(ctx, tenant, row))) return notInTenant;
    const context = { method: "passwordless", ...contact } as const;
    const started = await startSession(ctx, { row, user, context, action, client, tenantId: tenant?.id, passwordlessProof: proof });
    if (started.status !== "OK") return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
    // A recovery or reset that took the account over (users/unproven-account-takeover.ts) removes
    // its number or address, then revokes every session: one written after that revocation is found here.
    if ((await store.findAccount(contact))?.user.id !== userId) {
      await endSessionOfRemovedWayIn(ctx, started.tokens.sessionHandle, { userId, method: "passwordless" });
      return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.signInMethodRemoved };
    }
    return { status: "OK", user: started.user, createdNewRecipeUser, tokens: started.tokens };
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = await store.findAccount(contact);
    if (found) {
      // The code proved the address: a user holding it unverified (changed back since) has it verified now.
      if (email && found.user.email === email && !found.user.emailVerified) await ctx.stores.users.markEmailVerified(found.user.id, email);
      return finish(found.user.id, "signin", false);
    }
    if (email) {
      const owner = await ctx.stores.thirdParty.findUserByEmail(email);
      if (owner) {
        if (!owner.emailVerified) {
          if (await ctx.stores.thirdParty.releaseUnprovenEmail(owner.id, email, "proof")) continue;
          return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.existingUnverified };
        }
        if (tenant && !(await mayEnterTenant(ctx, tenant, owner))) return notInTenant;
        const linked = await store.linkEmailToVerifiedUser({ userId: owner.id, email });
        if (linked.status === "OK") {
          // A new way into an existing account: its owner hears of it, as of a provider linked.
          sendSecurityNotice(ctx, { userId: owner.id, to: email, event: "PASSWORDLESS_LINKED" });
          return finish(owner.id, "signin", true);
        }
        if (linked.status === "USER_NOT_ELIGIBLE") return { status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.existingUnverified };
        continue;
      }
    }
    // Asked when the code was sent too; here for a device from before that, or a holder gone since.
    if (isRefusedForNewAccount(contact)) return NEW_ADDRESS_REFUSED;
    // The code proved the email (a phone number is no email, which no domain rule admits).
    if (tenant && tenant.organization !== null && !maySignUpThrough(tenant, email ?? "", email !== undefined)) return notInTenant;
    const user = { id: randomUUID(), email: email ?? null, emailVerified: email !== undefined, timeJoined: ctx.now() };
    const account = { userId: user.id, email: email ?? null, phoneNumber: "phoneNumber" in contact ? contact.phoneNumber : null };
    const created = await store.createPasswordlessUser({ user, account });
    if (created.status === "OK") return finish(user.id, "signup", true);
    // Lost a race on the address or number: look again.
  }
  throw new GatehouseError("STORE_FAILED", `Passwordless sign-in did not settle after ${MAX_ROUNDS} rounds`);
}
