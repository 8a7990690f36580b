/**
 * Recovery by email: someone who lost their passkeys asks for a link, follows it, and makes a new
 * passkey for the account (SuperTokens' "recover account"). The link's token is single-use and
 * expiring, and only its hash is stored (email-tokens/email-token.ts).
 *
 * Who gets a link: any user with an address (a passkey-only account, or a password account that
 * wants one). Following it on an account whose address nobody had proven takes the account over
 * (recovery-takeover.ts): it may be a pre-registrant's. The answer is OK whatever the address
 * (account enumeration), and the email leaves after the answer so that its latency tells nothing
 * either. Both paths make one lookup and one token-table write (for an unknown address, a delete
 * that matches nothing), as password reset does, so the database work does not tell them apart.
 *
 * Not for an account with a second factor set up while MFA is on: a passkey meets the MFA
 * requirements by itself (mfa/factor-ids.ts), so a link would let whoever reads the inbox past
 * the authenticator app. Such a user is told so by email instead (no link): to sign in with the
 * password and a code, or, for an account without a password, with a passkey it still has or
 * another sign-in method (security-notice.ts), and to add a passkey there (with step-up); a link
 * sent before the factor was set up stops working.
 *
 * Under an organization's tenant (`tenant`; absent: the public tenant) the link goes only to a
 * user who may enter it (anyone else is answered as an unknown address), names the tenant, and
 * its token works only there (organizations/tenant-binding.ts), as a password reset link does.
 */
import { randomUUID } from "node:crypto";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { EngineContext } from "../context";
import { normaliseEmail, validateEmail } from "../emailpassword/credential-checks";
import { emailLink } from "../email/send-email";
import { consumeEmailToken, hashEmailToken, issueEmailToken, MAX_EMAIL_TOKEN_LENGTH } from "../email-tokens/email-token";
import { sendSecurityNotice } from "../email/security-notice";
import { limitGlobally } from "../limits/global-budget";
import { limitAttempt } from "../limits/rate-limit";
import { mayEnterTenant, type Tenant } from "../organizations/tenants";
import type { EmailTokenRow } from "../ports";
import type { FdiUser } from "../user";
import { createRegisterOptions, type RegisterOptionsJson } from "./ceremony-options";
import { addVerifiedCredential } from "./credentials";
import { fdiUserOf } from "../users/fdi-user";
import { composeRecoverEmail } from "./recover-email";
import type { RelyingParty } from "./relying-party";
import { recoveryByEmailClosed } from "./last-way-in";
import { takeOverByRecovery } from "./recovery-takeover";
import { DEFAULT_CREDENTIAL_NAME } from "./sign-in-up";
import { consumeOptions, verifyNewCredential, type CredentialRefused, type OptionsRefused } from "./verify-ceremony";

/** Logged once per window when `webauthn.recoverLimitGlobal` is spent. */
const RECOVER_BUDGET_SPENT = {
  event: "webauthn.recover_budget_spent",
  message:
    "passkey recovery requests are held back until the window ends (webauthn.recoverLimitGlobal): a flood of requests, or a budget below the app's recoveries",
};

export type GenerateRecoverTokenResult =
  | { status: "OK"; delivery: Promise<void> }
  | { status: "INVALID_EMAIL_ERROR"; err: string }
  | { status: "TOO_MANY_ATTEMPTS"; retryAfterSeconds: number };

export async function generateRecoverAccountToken(
  ctx: EngineContext,
  input: { email: string; tenant?: Tenant },
): Promise<GenerateRecoverTokenResult> {
  const error = validateEmail(input.email);
  if (error) return { status: "INVALID_EMAIL_ERROR", err: error };
  const email = normaliseEmail(input.email);
  // Counted per address: the endpoint must not flood anyone's inbox. Then over all clients,
  // known address or not, so that no refusal tells who has an account: the per-address count
  // holds one address, not the next, and without a declared proxy no client address is known.
  if (ctx.config.rateLimits.enabled) {
    const limited =
      (await limitAttempt(ctx, "webauthn-recoverLimitPerEmail", ctx.config.webauthn.recoverLimitPerEmail, email)) ??
      (await limitGlobally(ctx, "webauthn-recoverLimitGlobal", ctx.config.webauthn.recoverLimitGlobal, RECOVER_BUDGET_SPENT));
    if (limited) return limited;
  }
  const user = await ctx.stores.thirdParty.findUserByEmail(email);
  const tenant = input.tenant;
  // Following the link proves the address (the recovery marks it verified), so it is asked as for
  // a verified one, as a password reset link is: a tenant that admits the domain only verified is
  // entered at the passkey sign-in that follows. Sending it admits no one.
  if (!user || user.email === null || (tenant && !(await mayEnterTenant(ctx, tenant, { ...user, emailVerified: true })))) {
    await ctx.stores.webauthnRecoverTokens.deleteTokensForUser(randomUUID());
    return { status: "OK", delivery: Promise.resolve() };
  }
  const ttlSeconds = ctx.config.webauthn.recoverTokenLifetimeSeconds;
  const tenantId = tenant?.id;
  const to = user.email;
  const token = await issueEmailToken(ctx, ctx.stores.webauthnRecoverTokens, { userId: user.id, email: to, ttlSeconds, tenantId });
  // Deleted since the look-up above: answered as an unknown address is, with nothing sent.
  if (token === null) return { status: "OK", delivery: Promise.resolve() };
  // Which email goes is decided after the answer, so that its latency and database work are those of any known address.
  const delivery = recoveryByEmailClosed(ctx, user.id)
    .then(async (guarded) => {
      if (guarded) return sendSecurityNotice(ctx, { userId: user.id, to, event: "PASSKEY_RECOVERY_REFUSED" });
      await ctx.emailDelivery.send(await composeRecoverEmail(ctx, { to, link: emailLink(ctx, "webauthn/recover", token, tenantId), ttlSeconds }));
    })
    .catch(() => undefined);
  ctx.waitUntil(delivery);
  return { status: "OK", delivery };
}

const TOKEN_INVALID = { status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" } as const;

/** The token's row if it is live, was issued under `tenantId`, and its account may recover by email; left unspent. */
async function peekToken(ctx: EngineContext, token: string, tenantId: string | undefined): Promise<EmailTokenRow | null> {
  if (token.length === 0 || token.length > MAX_EMAIL_TOKEN_LENGTH) return null;
  const row = await ctx.stores.webauthnRecoverTokens.findToken(hashEmailToken(token, tenantId));
  if (!row || row.expiresAt.getTime() <= ctx.now().getTime()) return null;
  return (await recoveryByEmailClosed(ctx, row.userId)) ? null : row;
}

/** Registration options for the token's account (POST [/<tenantId>]/webauthn/options/register {recoverAccountToken}). */
export async function createRecoverRegisterOptions(
  ctx: EngineContext,
  rp: RelyingParty,
  token: string,
  tenantId?: string,
): Promise<RegisterOptionsJson | typeof TOKEN_INVALID> {
  const row = await peekToken(ctx, token, tenantId);
  if (!row) return TOKEN_INVALID;
  return createRegisterOptions(ctx, rp, { email: row.email, userId: row.userId });
}

export type RecoverAccountResult =
  | { status: "OK"; user: FdiUser; email: string }
  | typeof TOKEN_INVALID
  | OptionsRefused
  | CredentialRefused
  | { status: "INVALID_AUTHENTICATOR_ERROR"; reason: string };

/**
 * Adds the new passkey to the token's account. The token is spent only once the passkey has
 * been verified (a failed attempt leaves the link working), and spending it decides between
 * concurrent uses. No session is made: the user signs in with the new passkey.
 *
 * On an account whose address was not verified yet, the link is the first proof of it and the
 * recovery takes the account over: the other passkeys, the password and every session of
 * whoever registered it go, and the address is marked verified (recovery-takeover.ts).
 */
export async function recoverAccount(
  ctx: EngineContext,
  rp: RelyingParty,
  input: { token: string; webauthnGeneratedOptionsId: string; credential: RegistrationResponseJSON; tenantId?: string },
): Promise<RecoverAccountResult> {
  const row = await peekToken(ctx, input.token, input.tenantId);
  if (!row) return TOKEN_INVALID;
  const consumed = await consumeOptions(ctx, input.webauthnGeneratedOptionsId, "register", rp);
  if (consumed.status !== "OK") return consumed;
  if (consumed.options.userId !== row.userId) return { status: "INVALID_OPTIONS_ERROR" };
  const verified = await verifyNewCredential(ctx, rp, consumed.options, input.credential, { userId: row.userId, name: DEFAULT_CREDENTIAL_NAME });
  if (verified.status !== "OK") return verified;
  const spent = await consumeEmailToken(ctx, ctx.stores.webauthnRecoverTokens, input.token, input.tenantId);
  if (!spent || spent.userId !== row.userId) return TOKEN_INVALID;
  // The address must still be the account's: a link sent before an email change proves nothing now.
  const owner = await ctx.stores.users.getUserById(spent.userId);
  if (!owner || owner.email !== spent.email) return TOKEN_INVALID;
  // What a registrant of an unproven address left goes before the passkey is added, and again after (recovery-takeover.ts).
  const takeover = { userId: owner.id, email: spent.email, keepCredentialId: verified.credential.id };
  if (!owner.emailVerified) await takeOverByRecovery(ctx, { ...takeover, pass: "before-passkey" });
  const added = await addVerifiedCredential(ctx, verified.credential, "recovery");
  if (added.status === "REGISTER_CREDENTIAL_NOT_ALLOWED") return TOKEN_INVALID;
  if (added.status !== "OK") return added;
  // The link is the first proof of the address: whoever registered it unproven loses the account.
  if (!owner.emailVerified) await takeOverByRecovery(ctx, { ...takeover, pass: "after-passkey" });
  const read = await fdiUserOf(ctx, spent.userId);
  // Deleted meanwhile: the link's account is gone, as for a link that names none.
  if (!read) return TOKEN_INVALID;
  return { status: "OK", user: read.user, email: spent.email };
}
